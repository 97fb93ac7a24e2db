"""`report RUN --as html,pdf,docx [--output DIR]`: the council report of a stored run
(services/report/use_cases.py; docs/report.md describes the contents)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from samenwerkingsmonitor.cli.app import app, console, wiring
from samenwerkingsmonitor.cli.assess_cmd import parse_list
from samenwerkingsmonitor.i18n import _

if TYPE_CHECKING:  # services load their libraries when a command runs, not for --help
    pass



@app.command("report", help=_("Schrijf het rapport voor de raad van een opgeslagen toetsing."))
def report_command(
    run: Annotated[str, typer.Argument(help=_("Toetsing, bijvoorbeeld R-0001, of 'latest'."))],
    formats: Annotated[str, typer.Option(
        "--as", help=_("Formaten van het rapport, met komma's: html, pdf, docx."))] = "html",
    output: Annotated[Path | None, typer.Option(  # None: Typer shows no default to coerce
        "--output", help=_("Map voor het rapport (standaard: huidige map)."))] = None,
) -> None:
    from samenwerkingsmonitor.services.report.use_cases import ReportRequest, write_report
    # Each format once, in the order given; nothing usable is refused with what was written.
    chosen = tuple(dict.fromkeys(f.lower() for f in parse_list(formats))) or (formats,)
    result = write_report(ReportRequest(run, chosen, output or Path(".")), wiring())
    for path in result.files:
        console.print(str(path), markup=False)
