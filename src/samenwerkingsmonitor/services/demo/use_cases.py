"""Front door of `demo`: a folder with its own SQLite database in which the fictitious example
is registered, imported and assessed, and both reports written: the Raadsrapportage and the
Technische bijlage (example/README.md).

The demo is a chain of the other front doors on a fresh database, so it runs exactly what a
user runs command by command.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.assess import AssessmentOutcome, AssessmentRequest
from samenwerkingsmonitor.services.assessment.use_cases import AssessmentPorts, assess
from samenwerkingsmonitor.services.measurements.use_cases import (
    ImportRequest,
    MeasurementPorts,
    import_measurements,
)
from samenwerkingsmonitor.services.organisation.use_cases import (
    OrganisationPorts,
    RegisterRequest,
    register,
)
from samenwerkingsmonitor.services.report.use_cases import ReportPorts, ReportRequest, write_report
from samenwerkingsmonitor.services.scenarios.use_cases import (
    ScenarioPorts,
    ScenarioRunRequest,
    run_scenarios,
)
from samenwerkingsmonitor.services.vulnerability.use_cases import (
    VulnerabilityImportRequest,
    VulnerabilityPorts,
    import_vulnerability_input,
)

DEMO_SUBJECTS = (
    "heemstede-bloemendaal/communicatie",
    "heemstede-bloemendaal/personeel-organisatie",
    "heemstede-bloemendaal/facilitaire-zaken",
    "heemstede-bloemendaal/financiele-administratie",
    "heemstede-bloemendaal/handhaving-openbare-ruimte",
    "GM0397",
    "GM0377",
    "heemstede-bloemendaal",
    "omgevingswet-kennisdeling",
)
"""The five shared teams other than Informatisering, both municipalities, two cooperations."""
DEMO_YEARS = (2018, 2022)
DEMO_BASELINE = 2018
VULNERABILITY_FILES = ("taken.csv", "medewerkers.csv", "competenties.csv")
SCENARIO_FILES = ("scenarios-handhaving.toml", "scenarios-samenwerking.toml")
"""Fictitious scenario sets: one shared team, and the cooperation as a whole (issue 13)."""
REPORT_FORMATS = ("html", "pdf", "docx")
DATABASE_FILE = "samenwerkingsmonitor.db"


class DemoPorts(OrganisationPorts, MeasurementPorts, VulnerabilityPorts, AssessmentPorts,
                ReportPorts, ScenarioPorts, Protocol):
    def for_database(self, url: str) -> DemoPorts:
        """The same adapters on another database."""
        ...


@dataclass(frozen=True, slots=True)
class DemoRequest:
    output_dir: Path
    user: str
    formats: tuple[str, ...] = REPORT_FORMATS  # () writes no report


@dataclass(frozen=True, slots=True)
class DemoResult:
    outcome: AssessmentOutcome
    database: Path
    files: tuple[Path, ...]


def example_file(name: str) -> Path:
    return Path(str(resources.files("samenwerkingsmonitor") / "example" / name))


def run_demo(request: DemoRequest, ports: DemoPorts,
             progress: Callable[[str], None] | None = None) -> DemoResult:
    """Always from an empty database in `output_dir`."""
    note = progress or (lambda _step: None)
    request.output_dir.mkdir(parents=True, exist_ok=True)
    database = request.output_dir / DATABASE_FILE
    database.unlink(missing_ok=True)
    demo = ports.for_database(f"sqlite:///{database}")
    demo.repository().migrate()
    reason = _("voorbeeld (demo)")
    note(_("organisatie registreren"))
    register(RegisterRequest(example_file("organisatie.toml"), request.user, reason), demo)
    note(_("metingen importeren"))
    import_measurements(ImportRequest(example_file("metingen.csv"), request.user, reason), demo)
    note(_("kwetsbaarheid importeren"))
    import_vulnerability_input(VulnerabilityImportRequest(
        tuple(example_file(name) for name in VULNERABILITY_FILES), request.user, reason), demo)
    outcome = assess(AssessmentRequest(DEMO_SUBJECTS, DEMO_YEARS[0], DEMO_YEARS[1],
                                       DEMO_BASELINE, user=request.user), demo, progress)
    note(_("scenario's doorrekenen"))
    for name in SCENARIO_FILES:
        run_scenarios(ScenarioRunRequest(example_file(name), request.user, reason=reason), demo)
    files: tuple[Path, ...] = ()
    if request.formats:
        note(_("rapport schrijven"))
        files = write_report(ReportRequest(outcome.run.id, request.formats,
                                           request.output_dir, appendix=True), demo).files
    return DemoResult(outcome, database, files)
