"""The command line (docs/commands.md): Typer commands, Rich output.

Every `*_cmd.py` module here holds one command or one small group; it parses the arguments, calls
the use case's front door (services/<capability>/use_cases.py) with the wiring of the composition
root (composition.py) and prints the result. The modules are found by name, so a new command is
one new module. Errors of the one hierarchy (errors.py) become a translated message and an exit
code; tracebacks only with --debug.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

COMMAND_SUFFIX = "_cmd"


def language_of(argv: Sequence[str]) -> str:
    """The --lang of the command line, read before the help texts are made."""
    for position, arg in enumerate(argv):
        if arg == "--lang" and position + 1 < len(argv):
            return argv[position + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return "nl"


def build_app() -> typer.Typer:
    """The application with every command module registered, in the current language."""
    from samenwerkingsmonitor.cli.app import app

    for module in pkgutil.iter_modules(__path__):
        if module.name.endswith(COMMAND_SUFFIX):
            importlib.import_module(f"{__name__}.{module.name}")
    return app


def main() -> None:
    """Entry point: usage errors exit 2, refused input or data exits 1, a bug exits 3."""
    from samenwerkingsmonitor.i18n import LANGUAGES, set_language

    lang = language_of(sys.argv[1:])
    set_language(lang if lang in LANGUAGES else "nl")  # a wrong --lang: Typer says so later
    from samenwerkingsmonitor.cli.app import err_console, localise_help, report_error, settings
    from samenwerkingsmonitor.errors import SamenwerkingsmonitorError
    from samenwerkingsmonitor.i18n import _

    if not sys.argv[1:] or {"--help", "-h"} & set(sys.argv[1:]):
        localise_help()
    try:
        build_app()()
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


__all__ = ["build_app", "language_of", "main"]
