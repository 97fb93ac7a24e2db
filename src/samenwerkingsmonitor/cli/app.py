"""The Typer application, its global options and the error-to-exit-code mapping."""

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

if TYPE_CHECKING:
    from samenwerkingsmonitor.adapters.storage import SqlRepository

DATABASE_ENV = "SAMENWERKINGSMONITOR_DATABASE"
DEFAULT_DATABASE = "sqlite:///samenwerkingsmonitor.db"

app = typer.Typer(
    name="samenwerkingsmonitor",
    help="Toets en volg ambtelijke samenwerking aan de criteria en normen van de raad.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@dataclass
class Settings:
    database: str = DEFAULT_DATABASE
    user: str = ""
    lang: str = "nl"
    debug: bool = False


settings = Settings()
console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def database_url(option: str | None) -> str:
    """--database, else the environment variable, else ./samenwerkingsmonitor.db."""
    if option:
        return option if "://" in option else f"sqlite:///{option}"
    env = os.environ.get(DATABASE_ENV)
    if env:
        return env if "://" in env else f"sqlite:///{env}"
    return DEFAULT_DATABASE


def default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "onbekend"


@app.callback()
def _global_options(
    database: str = typer.Option(
        None, "--database", help="Database-URL of pad naar SQLite-bestand."
    ),
    user: str = typer.Option(None, "--user", help="Wie de wijziging doet (standaard: loginnaam)."),
    lang: str = typer.Option("nl", "--lang", help="Taal van de uitvoer: nl of en."),
    debug: bool = typer.Option(False, "--debug", help="Toon de volledige foutmelding (traceback)."),
) -> None:
    if lang not in ("nl", "en"):
        raise typer.BadParameter(_("kies nl of en"), param_hint="--lang")
    settings.database = database_url(database)
    settings.user = user or default_user()
    settings.lang = lang
    settings.debug = debug
    set_language(lang)


def check_output_format(value: str) -> str:
    """The --format of printed results: `tabel` (or `table`) or `json`; anything else is usage."""
    normal = {"tabel": "tabel", "table": "tabel", "json": "json"}.get(value.lower())
    if normal is None:
        raise UsageError(_("Onbekend formaat '{format}': kies tabel of json.").format(
            format=value))
    return normal


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def report_error(error: SamenwerkingsmonitorError) -> None:
    err_console.print(f"[bold red]{_('Fout')}:[/] {error}", markup=True)
    if isinstance(error, InputRefused):
        words = place_words()
        for issue in error.report.issues:
            err_console.print(f"- {issue.describe(words)}", markup=False)


def place_words() -> dict[str, str]:
    """The place words of located messages in the chosen language."""
    return {"blad": _("blad"), "regel": _("regel"), "rij": _("rij"), "kolom": _("kolom"),
            "cel": _("cel"), "sleutel": _("sleutel")}


def main() -> None:
    """Entry point: usage errors exit 2 (Typer's own message), refused input exits 1."""
    try:
        app()
    except SamenwerkingsmonitorError as error:
        if settings.debug:
            raise
        report_error(error)
        sys.exit(error.exit_code)
    except Exception as error:
        if settings.debug:
            raise
        err_console.print(
            f"[bold red]{_('Onverwachte fout')}:[/] {error!r}. "
            + _("Draai opnieuw met --debug en meld dit als fout."),
            markup=True,
        )
        sys.exit(3)


def repository(migrate: bool = False) -> SqlRepository:
    """The repository at --database; `migrate` creates or upgrades it first."""
    from samenwerkingsmonitor.adapters.storage import open_repository

    repo = open_repository(settings.database)
    if migrate:
        repo.migrate()
    return repo
