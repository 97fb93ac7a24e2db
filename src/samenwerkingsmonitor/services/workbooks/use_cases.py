"""Front door of the workbooks capability: `template OUT.xlsx|OUT.ods` writes a workbook to fill
in (docs/invullen.md, ADR 0012)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from samenwerkingsmonitor.domain.measurements import MeasurementKind
from samenwerkingsmonitor.errors import UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.assess import resolve_subjects
from samenwerkingsmonitor.services.frameworks.load import DEFAULT_FRAMEWORK, load_framework
from samenwerkingsmonitor.services.frameworks.ports import FrameworkFiles
from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
from samenwerkingsmonitor.services.organisation.register import load_registered_organisation
from samenwerkingsmonitor.services.storage.ports import Repository
from samenwerkingsmonitor.services.workbooks.model import TemplateModel, build_template
from samenwerkingsmonitor.services.workbooks.ports import TemplateWriter


class WorkbookPorts(Protocol):
    def repository(self) -> Repository: ...

    def framework_files(self) -> FrameworkFiles: ...

    def organisation_reader(self) -> OrganisationReader: ...

    def template_writers(self) -> dict[str, TemplateWriter]: ...


@dataclass(frozen=True, slots=True)
class TemplateRequest:
    output: Path  # .xlsx or .ods
    subjects: tuple[str, ...]  # ids, or '<cooperation>/*' for all its shared teams
    first_year: int
    last_year: int
    framework: str = DEFAULT_FRAMEWORK
    kinds: tuple[MeasurementKind, ...] = (MeasurementKind.ACTUAL,)
    with_derived: bool = False  # rows for published derived indicators (BBV) too
    vulnerability: bool = False  # the sheets Taken, Medewerkers and Competenties too


def write_template(request: TemplateRequest, ports: WorkbookPorts) -> TemplateModel:
    """Build the template for the registered organisation and write it to `output`."""
    writer = ports.template_writers().get(request.output.suffix.lower())
    if writer is None:
        raise UsageError(_("Bestandstype '{suffix}' kan niet als invulbestand worden "
                           "geschreven: kies .xlsx of .ods.").format(
                               suffix=request.output.suffix or _("zonder extensie")))
    if not request.output.parent.is_dir():
        raise UsageError(_("Map {folder} bestaat niet.").format(folder=request.output.parent))
    repo = ports.repository()
    organisation = load_registered_organisation(repo, reader=ports.organisation_reader())
    framework = load_framework(request.framework, ports.framework_files())
    chosen = resolve_subjects(organisation, request.subjects)
    model = build_template(framework, organisation, chosen, request.first_year,
                           request.last_year, request.kinds, request.with_derived,
                           request.vulnerability)
    writer(model, request.output)
    return model
