"""Front door of the report capability: `report RUN --as html,pdf,docx [--appendix]
[--for GM0377] [--style FILE]` (docs/report.md).

Both products come from one report model, built once (services/report/build.py): the
Raadsrapportage (rapport.*, or rapport-GM0377.* for one partner council) in every format asked
for, with `appendix` the Technische bijlage (technische-bijlage.*) too, and always herkomst.csv,
the provenance of every value the run used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from samenwerkingsmonitor.errors import UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.frameworks.ports import FrameworkFiles
from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
from samenwerkingsmonitor.services.report.build import build_report_model, build_report_products
from samenwerkingsmonitor.services.report.model import ReportModel
from samenwerkingsmonitor.services.report.ports import CouncilWriter, ReportWriter
from samenwerkingsmonitor.services.scenarios.ports import ScenarioReader
from samenwerkingsmonitor.services.storage.ports import Repository


class ReportPorts(Protocol):
    def repository(self) -> Repository: ...

    def framework_files(self) -> FrameworkFiles: ...

    def organisation_reader(self) -> OrganisationReader: ...

    def council_writers(self) -> dict[str, CouncilWriter]: ...

    def appendix_writers(self) -> dict[str, ReportWriter]: ...

    def provenance_writer(self) -> ReportWriter: ...

    def scenario_reader(self) -> ScenarioReader: ...


@dataclass(frozen=True, slots=True)
class ReportRequest:
    run: str  # a run id, or 'latest'
    formats: tuple[str, ...] = ("html",)
    output_dir: Path = Path(".")
    today: date | None = None  # the date printed on the report; None: today
    appendix: bool = False  # the Technische bijlage too
    partner: str | None = None  # the CBS code of one partner council, e.g. GM0377
    style: Path | None = None  # a Word document with the municipality's styles (DOCX)


@dataclass(frozen=True, slots=True)
class ReportResult:
    run: str
    files: tuple[Path, ...]  # Raadsrapportage per format, then the bijlage, herkomst.csv last


def council_file(extension: str, partner: str | None) -> str:
    return f"rapport-{partner}.{extension}" if partner else f"rapport.{extension}"


def write_report(request: ReportRequest, ports: ReportPorts) -> ReportResult:
    council_writers = ports.council_writers()
    unknown = [f for f in request.formats if f not in council_writers]
    if unknown or not request.formats:
        raise UsageError(_("Onbekend rapportformaat '{format}': kies html, pdf of docx, of "
                           "meer dan één met komma's (html,pdf,docx).").format(
                               format=", ".join(unknown)))
    products = build_report_products(ports.repository(), request.run,
                                     framework_files=ports.framework_files(),
                                     organisation_reader=ports.organisation_reader(),
                                     today=request.today, partner=request.partner,
                                     scenario_reader=ports.scenario_reader())
    written = [council_writers[f](products.council, request.output_dir,
                                  council_file(f, request.partner), request.style)
               for f in request.formats]
    if request.appendix:
        appendix = ports.appendix_writers()
        written += [appendix[f](products.model, request.output_dir) for f in request.formats]
    provenance = ports.provenance_writer()(products.model, request.output_dir)
    return ReportResult(products.model.cover.run_id, (*written, provenance))


@dataclass(frozen=True, slots=True)
class RunViewRequest:
    run: str  # a run id, or 'latest'
    today: date | None = None


def view_run(request: RunViewRequest, ports: ReportPorts) -> ReportModel:
    """The full report model of a run, for a reader that shows it itself (the web pages): the
    same matrices, findings, charts, costs and vulnerability as the Technische bijlage."""
    return build_report_model(ports.repository(), request.run,
                              framework_files=ports.framework_files(),
                              organisation_reader=ports.organisation_reader(),
                              today=request.today)
