"""`report RUN --as html,pdf,docx [--appendix] [--for GM0377] [--style FILE] [--output DIR]`:
the Raadsrapportage of a stored run, with --appendix the Technische bijlage too
(services/report/use_cases.py; docs/report.md describes the contents)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from samenwerkingsmonitor.cli.app import app, console, wiring
from samenwerkingsmonitor.cli.assess_cmd import parse_list
from samenwerkingsmonitor.i18n import _


@app.command("report", help=_("Schrijf de raadsrapportage van een opgeslagen toetsing, en met "
                              "--appendix ook de technische bijlage."))
def report_command(
    run: Annotated[str, typer.Argument(help=_("Toetsing, bijvoorbeeld R-0001, of 'latest'."))],
    formats: Annotated[str, typer.Option(
        "--as", help=_("Formaten van het rapport, met komma's: html, pdf, docx."))] = "html",
    output: Annotated[Path | None, typer.Option(  # None: Typer shows no default to coerce
        "--output", help=_("Map voor het rapport (standaard: huidige map)."))] = None,
    appendix: Annotated[bool, typer.Option(
        "--appendix", "--bijlage", help=_("Schrijf ook de technische bijlage."))] = False,
    partner: Annotated[str | None, typer.Option(
        "--for", help=_("Raadsrapportage voor de raad van één partner, bijvoorbeeld GM0377."))
    ] = None,
    style: Annotated[Path | None, typer.Option(
        "--style", help=_("Word-document met de huisstijl van de gemeente (voor docx)."))
    ] = None,
) -> None:
    from samenwerkingsmonitor.services.report.use_cases import ReportRequest, write_report

    # Each format once, in the order given; nothing usable is refused with what was written.
    chosen = tuple(dict.fromkeys(f.lower() for f in parse_list(formats))) or (formats,)
    request = ReportRequest(run, chosen, output or Path("."), appendix=appendix,
                            partner=partner, style=style)
    for path in write_report(request, wiring()).files:
        console.print(str(path), markup=False)
