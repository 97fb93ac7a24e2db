"""Front door of the report capability: `report RUN --as html,pdf,docx` (docs/report.md).

The report model is built once (services/report/build.py) and written in every format asked
for; next to it herkomst.csv, the provenance of every value the run used.
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
from samenwerkingsmonitor.services.report.build import build_report_model
from samenwerkingsmonitor.services.report.ports import ReportWriter
from samenwerkingsmonitor.services.storage.ports import Repository


class ReportPorts(Protocol):
    def repository(self) -> Repository: ...

    def framework_files(self) -> FrameworkFiles: ...

    def organisation_reader(self) -> OrganisationReader: ...

    def report_writers(self) -> dict[str, ReportWriter]: ...

    def provenance_writer(self) -> ReportWriter: ...


@dataclass(frozen=True, slots=True)
class ReportRequest:
    run: str  # a run id, or 'latest'
    formats: tuple[str, ...] = ("html",)
    output_dir: Path = Path(".")
    today: date | None = None  # the date printed on the report; None: today


@dataclass(frozen=True, slots=True)
class ReportResult:
    run: str
    files: tuple[Path, ...]  # in the order of the formats, herkomst.csv last


def write_report(request: ReportRequest, ports: ReportPorts) -> ReportResult:
    writers = ports.report_writers()
    unknown = [f for f in request.formats if f not in writers]
    if unknown or not request.formats:
        raise UsageError(_("Onbekend rapportformaat '{format}': kies html, pdf of docx, of "
                           "meer dan één met komma's (html,pdf,docx).").format(
                               format=", ".join(unknown)))
    model = build_report_model(ports.repository(), request.run,
                               framework_files=ports.framework_files(),
                               organisation_reader=ports.organisation_reader(),
                               today=request.today)
    written = [writers[f](model, request.output_dir) for f in request.formats]
    provenance = ports.provenance_writer()(model, request.output_dir)
    return ReportResult(model.cover.run_id, (*written, provenance))
