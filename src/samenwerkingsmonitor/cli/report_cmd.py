"""`report RUN --as html,pdf,docx [--bijlage] [--for GM0377] [--output DIR]`.

Two products from one report model, built once (services/report/build.py): the
Raadsrapportage (rapport.html, rapport.pdf through Typst, rapport.docx) and, with --bijlage,
the Technische bijlage (technische-bijlage.html/.pdf/.docx, the PDF through Typst too) with
every finding, norm, rule, gap and chart. Next to them always herkomst.csv: every value the
run used, with its version and batch. --for writes the Raadsrapportage for one partner
council (rapport-GM0377.*).
docs/report.md describes the contents.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from samenwerkingsmonitor.adapters.frameworks.file import parse_framework_text
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.report.appendix_pdf import write_appendix_pdf
from samenwerkingsmonitor.adapters.report.council_docx import write_council_docx
from samenwerkingsmonitor.adapters.report.council_html import write_council_html
from samenwerkingsmonitor.adapters.report.council_pdf import write_council_pdf
from samenwerkingsmonitor.adapters.report.docx import write_docx
from samenwerkingsmonitor.adapters.report.html import write_html
from samenwerkingsmonitor.adapters.report.provenance import write_provenance
from samenwerkingsmonitor.cli.app import app, console, repository
from samenwerkingsmonitor.errors import UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.report.build import build_report_products
from samenwerkingsmonitor.services.report.council_model import CouncilReport
from samenwerkingsmonitor.services.report.model import ReportModel
from samenwerkingsmonitor.services.storage.ports import Repository

WRITERS: dict[str, Callable[[ReportModel, Path], Path]] = {
    "html": write_html,
    "pdf": write_appendix_pdf,  # Typst; adapters/report/pdf.py (WeasyPrint) is the old path
    "docx": write_docx,
}
COUNCIL_WRITERS: dict[str, Callable[..., Path]] = {
    "html": write_council_html,
    "pdf": write_council_pdf,
    "docx": write_council_docx,
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


def council_file(extension: str, partner: str | None) -> str:
    return f"rapport-{partner}.{extension}" if partner else f"rapport.{extension}"


def write_council(report: CouncilReport, fmt: str, output_dir: Path,
                  style: Path | None = None) -> Path:
    name = council_file(fmt, report.partner)
    if fmt == "docx":
        return write_council_docx(report, output_dir, name, reference=style)
    return COUNCIL_WRITERS[fmt](report, output_dir, name)


def write_reports(repo: Repository, run_id: str, formats: tuple[str, ...],
                  output_dir: Path, *, today: date | None = None, appendix: bool = False,
                  partner: str | None = None, style: Path | None = None) -> list[Path]:
    """Build both products of the run once; write the Raadsrapportage in every format asked
    for, with `appendix` the Technische bijlage too, then herkomst.csv (last)."""
    products = build_report_products(repo, run_id, parse_framework=parse_framework_text,
                                     organisation_reader=read_organisation, today=today,
                                     partner=partner)
    written = [write_council(products.council, f, output_dir, style) for f in formats]
    if appendix:
        written += [WRITERS[f](products.model, output_dir) for f in formats]
    for path in written:
        path.chmod(0o644)
    return [*written, write_provenance(products.model, output_dir)]


@app.command("report")
def report_command(
    run: Annotated[str, typer.Argument(help="Toetsing, bijvoorbeeld R-0001, of 'latest'.")],
    formats: Annotated[str, typer.Option(
        "--as", help="Formaten van het rapport, met komma's: html, pdf, docx.")] = "html",
    output: Annotated[Path, typer.Option("--output",
                                         help="Map voor het rapport (standaard: huidige map)."
                                         )] = Path("."),
    appendix: Annotated[bool, typer.Option(
        "--bijlage", help="Schrijf ook de Technische bijlage.")] = False,
    partner: Annotated[str | None, typer.Option(
        "--for", help="Raadsrapportage voor de raad van een partner, bijvoorbeeld GM0377."
    )] = None,
    style: Annotated[Path | None, typer.Option(
        "--stijl", help="Word-document met de huisstijl van de gemeente (voor docx).")] = None,
) -> None:
    """Schrijf de raadsrapportage (en met --bijlage de technische bijlage) van een toetsing."""
    chosen = parse_formats(formats)
    for path in write_reports(repository(), run, chosen, output, appendix=appendix,
                              partner=partner, style=style):
        console.print(str(path), markup=False)
