"""`report RUN --as html [--output DIR]`: the council report of a stored run (DESIGN.md §4.6).

PDF and DOCX come from the same report model in a later release (issue 6); asking for them now
is a usage error (exit 2) with a message that says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from samenwerkingsmonitor.adapters.framework_file import parse_framework_text
from samenwerkingsmonitor.adapters.organisation_file import read_organisation
from samenwerkingsmonitor.adapters.report_html import write_html
from samenwerkingsmonitor.cli.app import app, console, repository
from samenwerkingsmonitor.errors import UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.ports import Repository
from samenwerkingsmonitor.services.report_build import build_report_model

AVAILABLE = ("html",)
LATER = ("pdf", "docx")


def parse_formats(text: str) -> tuple[str, ...]:
    """`html`, `html,pdf`, ...: only html exists yet; pdf and docx are announced, not faked."""
    formats = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in formats if f not in AVAILABLE + LATER]
    if unknown or not formats:
        raise UsageError(_("Onbekend rapportformaat '{format}': kies html.").format(
            format=", ".join(unknown) or text))
    later = [f for f in formats if f in LATER]
    if later:
        raise UsageError(_("Het rapport als {formats} komt in een latere versie; nu kan alleen "
                           "html (--as html).").format(formats=", ".join(f.upper() for f in later)))
    return formats


def write_reports(repo: Repository, run_id: str, formats: tuple[str, ...],
                  output_dir: Path) -> list[Path]:
    """Build the report model of the run once and write it in every format asked for
    (for `report` and `demo`)."""
    model = build_report_model(repo, run_id, parse_framework=parse_framework_text,
                               organisation_reader=read_organisation)
    return [write_html(model, output_dir) for f in formats if f == "html"]


@app.command("report")
def report_command(
    run: Annotated[str, typer.Argument(help="Toetsing, bijvoorbeeld R-0001, of 'latest'.")],
    formats: Annotated[str, typer.Option("--as", help="Formaat van het rapport: html.")] = "html",
    output: Annotated[Path, typer.Option("--output",
                                         help="Map voor het rapport (standaard: huidige map)."
                                         )] = Path("."),
) -> None:
    """Schrijf het rapport voor de raad van een opgeslagen toetsing."""
    chosen = parse_formats(formats)
    for path in write_reports(repository(), run, chosen, output):
        console.print(str(path), markup=False)
