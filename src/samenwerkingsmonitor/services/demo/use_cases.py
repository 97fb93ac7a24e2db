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
from samenwerkingsmonitor.services.access.use_cases import (
    AccessPorts,
    AddAccountRequest,
    ChangeAccountRequest,
    NewSecret,
    add_account,
    reset_password,
    set_disabled,
)
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
                ReportPorts, ScenarioPorts, AccessPorts, Protocol):
    def for_database(self, url: str) -> DemoPorts:
        """The same adapters on another database."""
        ...


@dataclass(frozen=True, slots=True)
class DemoRequest:
    output_dir: Path
    user: str
    formats: tuple[str, ...] = REPORT_FORMATS  # () writes no report
    database: str | None = None  # an empty database to use instead of a new SQLite file


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
    if request.database is None:
        database.unlink(missing_ok=True)
    demo = ports.for_database(request.database or f"sqlite:///{database}")
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


# The web demo (`serve --demo`): one account per role on the demo database.
DEMO_ACCOUNTS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("beheerder", "Beheerder (demo)", ("beheerder",), ()),
    ("invoerder-bloemendaal", "Invoerder Bloemendaal (demo)", ("invoerder",), ("GM0377",)),
    ("invoerder-heemstede", "Invoerder Heemstede (demo)", ("invoerder",), ("GM0397",)),
    ("beoordelaar", "Externe beoordelaar (demo)", ("beoordelaar",), ()),
    ("raadslid-heemstede", "Raadslid Heemstede (demo)", ("lezer",), ("GM0397",)),
    ("begeleidingsgroep", "Begeleidingsgroep (demo)", ("begeleidingsgroep",),
     ("GM0397", "GM0377")),
)


def prepare_demo(output_dir: Path, user: str, ports: DemoPorts) -> DemoPorts:
    """The demo database in `output_dir`, made by `run_demo` (without reports) when it is
    missing or has no run yet; an existing one is kept with everything done in it since."""
    database = output_dir / DATABASE_FILE
    demo = ports.for_database(f"sqlite:///{database}")
    if database.is_file():
        demo.repository().migrate()
        if demo.repository().runs():
            return demo
    run_demo(DemoRequest(output_dir, user, formats=()), ports)
    demo = ports.for_database(f"sqlite:///{database}")
    demo.repository().migrate()
    return demo


def demo_accounts(ports: DemoPorts, user: str) -> list[NewSecret]:
    """Every demo account with a new password (made now, shown once): no default passwords."""
    reason = _("demo-account (serve --demo)")
    secrets = []
    store = ports.account_store()
    for username, name, roles, municipalities in DEMO_ACCOUNTS:
        existing = store.account(username)
        if existing is None:
            secrets.append(add_account(AddAccountRequest(username, roles, municipalities, user,
                                                         name, reason), ports))
            continue
        change = ChangeAccountRequest(username, user, reason)
        if existing.disabled:
            set_disabled(change, False, ports)
        secrets.append(reset_password(change, ports))
    return secrets
