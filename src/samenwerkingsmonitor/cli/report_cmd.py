"""`report RUN --as html,pdf,docx [--output DIR]`: the council report of a stored run.

The report model is built once (services/report/build.py) and written in every format asked
for: rapport.html (Jinja2), rapport.pdf (WeasyPrint, PDF/UA-1, printed from the same HTML) and
rapport.docx (python-docx). Next to them herkomst.csv: every value the run used, with its
version and batch (the report prints the provenance per subject and file and names this file).
docs/report.md describes the contents.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.report.docx import write_docx
from samenwerkingsmonitor.adapters.report.html import write_html
from samenwerkingsmonitor.adapters.report.pdf import write_pdf
from samenwerkingsmonitor.adapters.report.provenance import write_provenance
from samenwerkingsmonitor.cli.app import app, console, repository
from samenwerkingsmonitor.errors import UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.report.build import build_report_model
from samenwerkingsmonitor.services.report.model import ReportModel
from samenwerkingsmonitor.services.storage.ports import Repository

WRITERS: dict[str, Callable[[ReportModel, Path], Path]] = {
    "html": write_html,
    "pdf": write_pdf,
    "docx": write_docx,
}
ALL_FORMATS = tuple(WRITERS)


def parse_formats(text: str) -> tuple[str, ...]:
    """`html`, `pdf,docx`, `html, PDF` ...: each format once, in the order given."""
    formats = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in formats if f not in WRITERS]
    if unknown or not formats:
        raise UsageError(_("Onbekend rapportformaat '{format}': kies html, pdf of docx, of "
                           "meer dan één met komma's (html,pdf,docx).").format(
                               format=", ".join(unknown) or text))
    return formats


def write_reports(repo: Repository, run_id: str, formats: tuple[str, ...],
                  output_dir: Path, *, today: date | None = None) -> list[Path]:
    """Build the report model of the run once and write it in every format asked for
    (for `report` and `demo`), then the provenance file the report refers to; returns the
    paths in the order of `formats`, herkomst.csv last."""
    model = build_report_model(repo, run_id, framework_files=TomlFrameworkFiles(),
                               organisation_reader=read_organisation, today=today)
    written = [WRITERS[f](model, output_dir) for f in formats]
    return [*written, write_provenance(model, output_dir)]


@app.command("report")
def report_command(
    run: Annotated[str, typer.Argument(help="Toetsing, bijvoorbeeld R-0001, of 'latest'.")],
    formats: Annotated[str, typer.Option(
        "--as", help="Formaten van het rapport, met komma's: html, pdf, docx.")] = "html",
    output: Annotated[Path, typer.Option("--output",
                                         help="Map voor het rapport (standaard: huidige map)."
                                         )] = Path("."),
) -> None:
    """Schrijf het rapport voor de raad van een opgeslagen toetsing."""
    chosen = parse_formats(formats)
    for path in write_reports(repository(), run, chosen, output):
        console.print(str(path), markup=False)
