"""The Typer application, its global options and what every command shares: the wiring of the
chosen database, the consoles, output formats and the deprecation line of an old spelling.

Help texts go through gettext when the command modules are imported; `main` (cli/__init__.py)
sets the language from `--lang` before that, so `--lang en --help` is English.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

from samenwerkingsmonitor.errors import InputRefused, SamenwerkingsmonitorError, UsageError
from samenwerkingsmonitor.i18n import _, set_language

if TYPE_CHECKING:  # the type only: the composition root is imported when a command runs
    from samenwerkingsmonitor.composition import Wiring

app = typer.Typer(
    name="samenwerkingsmonitor",
    help=_("Toets en volg ambtelijke samenwerking aan de criteria en normen van de raad."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["--help", "-h"]},
)


@dataclass
class Settings:
    database: str = ""
    user: str = ""
    lang: str = "nl"
    debug: bool = False


settings = Settings()
console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def print_table(table: Any) -> None:
    """A Rich table on standard output; piped or redirected, at its full width (Rich would
    squeeze it into 80 columns and cut every column to a few letters)."""
    if console.is_terminal:
        console.print(table)
    else:
        Console(highlight=False, width=1_000).print(table)
_wired: dict[str, Wiring] = {}


def default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "onbekend"


def version_callback(value: bool) -> None:
    if value:
        from samenwerkingsmonitor import __version__

        console.print(f"samenwerkingsmonitor {__version__}", markup=False)
        raise typer.Exit()


@app.callback()
def _global_options(
    database: str = typer.Option(
        None, "--database", help=_("Database-URL of pad naar SQLite-bestand.")),
    user: str = typer.Option(
        None, "--user", help=_("Wie de wijziging doet (standaard: loginnaam).")),
    # None, not "nl": Typer coerces a given value with pydantic, which `--help` need not load.
    lang: str | None = typer.Option(
        None, "--lang", help=_("Taal van de uitvoer: nl (standaard) of en.")),
    debug: bool = typer.Option(
        False, "--debug", help=_("Toon de volledige foutmelding (traceback).")),
    version: bool = typer.Option(
        False, "--version", help=_("Toon het versienummer."), is_eager=True,
        callback=version_callback),
) -> None:
    from samenwerkingsmonitor.composition import database_url

    lang = lang or "nl"
    if lang not in ("nl", "en"):
        raise typer.BadParameter(_("kies nl of en"), param_hint="--lang")
    settings.database = database_url(database, os.environ)
    settings.user = user or default_user()
    settings.lang = lang
    settings.debug = debug
    set_language(lang)


def localise_help() -> None:
    """Typer's own words around the help texts (panel titles, default, required) in the
    chosen language; `Usage:` and the --help line stay Typer's."""
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = _("Argumenten")
    rich_utils.OPTIONS_PANEL_TITLE = _("Opties")
    rich_utils.COMMANDS_PANEL_TITLE = _("Opdrachten")
    rich_utils.DEFAULT_STRING = _("[standaard: {}]")
    rich_utils.REQUIRED_LONG_STRING = _("[verplicht]")
    rich_utils.ERRORS_PANEL_TITLE = _("Fout")


def wiring() -> Wiring:
    """The adapters of the database of --database, made once per process."""
    if settings.database not in _wired:
        from samenwerkingsmonitor.composition import Wiring

        _wired.clear()  # a new --database (tests run many commands in one process)
        _wired[settings.database] = Wiring(settings.database)
    return _wired[settings.database]


def check_output_format(value: str) -> str:
    """The --format of printed results: `tabel` (or `table`) or `json`; anything else is usage."""
    normal = {"tabel": "tabel", "table": "tabel", "json": "json"}.get(value.lower())
    if normal is None:
        raise UsageError(_("Onbekend formaat '{format}': kies tabel of json.").format(
            format=value))
    return normal


def deprecated(old: str, new: str) -> None:
    """The one line an old Dutch spelling prints; it keeps working for one release."""
    err_console.print(_("Let op: {old} is verouderd en verdwijnt in de volgende versie; gebruik "
                        "{new}.").format(old=old, new=new), markup=False)


def either(new: Any, old: Any, old_name: str, new_name: str) -> Any:
    """The value of an option or its deprecated spelling (which prints the deprecation line)."""
    if old is None:
        return new
    deprecated(old_name, new_name)
    return old if new is None else new


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def report_error(error: SamenwerkingsmonitorError) -> None:
    err_console.print(f"[bold red]{_('Fout')}:[/] {error}", markup=True)
    if isinstance(error, InputRefused):
        words = place_words()
        for issue in error.report.issues:
            err_console.print(f"- {issue.describe(words)}", markup=False)


def refusal_json(file_name: str, error: InputRefused) -> dict[str, Any]:
    """A refused file in JSON: every located problem, with the text the table shows."""
    return {
        "file": file_name, "refused": True, "message": str(error),
        "issues": [{"file": i.location.file, "sheet": i.location.sheet, "row": i.location.row,
                    "column": i.location.column, "line": i.location.line,
                    "key_path": i.location.key_path, "message": i.message, "hint": i.hint,
                    "text": i.describe(place_words())} for i in error.report.issues],
    }


def place_words() -> dict[str, str]:
    """The place words of located messages in the chosen language."""
    return {"blad": _("blad"), "regel": _("regel"), "rij": _("rij"), "kolom": _("kolom"),
            "cel": _("cel"), "sleutel": _("sleutel")}
