"""Use case: the demo — register the example, import its measurements, assess.

The example is fictitious (example/README.md); its files ship inside the package.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.assess import (
    AssessmentOutcome,
    AssessmentRequest,
    Progress,
    run_assessment,
)
from samenwerkingsmonitor.services.frameworks.load import DEFAULT_FRAMEWORK, load_framework
from samenwerkingsmonitor.services.frameworks.ports import FrameworkFiles
from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
from samenwerkingsmonitor.services.organisation.register import (
    load_registered_organisation,
    register_organisation,
)
from samenwerkingsmonitor.services.storage.ports import Repository

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
VULNERABILITY_FILES = ("taken.csv", "medewerkers.csv", "competenties.csv")
DEMO_BASELINE = 2018


def example_file(name: str) -> Path:
    return Path(str(resources.files("samenwerkingsmonitor") / "example" / name))


@dataclass(frozen=True, slots=True)
class DemoParts:
    """The edge functions the demo needs; passed in because services do not import adapters."""

    framework_files: FrameworkFiles
    organisation_reader: OrganisationReader
    import_file: Callable[..., object]
    # (repo, paths, organisation, user, reason): the vulnerability input (ADR 0015)
    import_vulnerability: Callable[..., object] | None = None


def run_demo(repo: Repository, user: str, parts: DemoParts,
             progress: Progress | None = None) -> AssessmentOutcome:
    note = progress or (lambda _step: None)
    repo.migrate()
    note(_("organisatie registreren"))
    register_organisation(repo, example_file("organisatie.toml"), user,
                          _("voorbeeld (demo)"), reader=parts.organisation_reader)
    organisation = load_registered_organisation(repo, reader=parts.organisation_reader)
    framework = load_framework(DEFAULT_FRAMEWORK, parts.framework_files)
    note(_("metingen importeren"))
    parts.import_file(repo, example_file("metingen.csv"), organisation, framework, user,
                      _("voorbeeld (demo)"))
    if parts.import_vulnerability is not None:
        note(_("kwetsbaarheid importeren"))
        parts.import_vulnerability(repo, [example_file(name) for name in VULNERABILITY_FILES],
                                   organisation, user, _("voorbeeld (demo)"))
    request = AssessmentRequest(DEMO_SUBJECTS, DEMO_YEARS[0], DEMO_YEARS[1], DEMO_BASELINE)
    return run_assessment(repo, request, user, framework_files=parts.framework_files,
                          organisation_reader=parts.organisation_reader, progress=progress)
