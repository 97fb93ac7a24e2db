"""A stored run with the framework and organisation it was made with: loaded in one place for
`verify`, `report` and every later reader of a run."""

from __future__ import annotations

from dataclasses import dataclass

from samenwerkingsmonitor.domain.assessment import AssessmentRun
from samenwerkingsmonitor.domain.framework import Framework
from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.errors import NotFound
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.frameworks.load import validate_parsed
from samenwerkingsmonitor.services.frameworks.ports import FrameworkFiles
from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
from samenwerkingsmonitor.services.organisation.process_events import (
    PROCESS_EVENTS,
    with_process_events,
)
from samenwerkingsmonitor.services.organisation.register import check_organisation_text
from samenwerkingsmonitor.services.storage.ports import Repository

FRAMEWORK_DOCUMENT = "framework_document"
"""The run parameter that holds the stored version of the framework file the run used."""


@dataclass(frozen=True, slots=True)
class StoredRun:
    run: AssessmentRun
    framework: Framework
    organisation: Organisation


def find_run(repo: Repository, run_id: str) -> AssessmentRun:
    """The stored run `run_id` ('latest' for the newest); NotFound says how to pick one."""
    run = repo.run(run_id)
    if run is None:
        raise NotFound(_("Toetsing {run} bestaat niet. Kies een toetsing die met 'assess' is "
                         "gemaakt, of 'latest' voor de nieuwste; 'runs' toont ze alle.")
                       .format(run=run_id))
    return run


def load_stored_run(repo: Repository, run_id: str, *, framework_files: FrameworkFiles,
                    organisation_reader: OrganisationReader) -> StoredRun:
    """The run with the exact framework and organisation versions it recorded, the
    organisation's process facts completed by the process events the run used."""
    run = find_run(repo, run_id)
    framework_doc = repo.document("framework", run.framework_id,
                                  int(run.parameters.get(FRAMEWORK_DOCUMENT, "0") or 0))
    organisation_doc = repo.document("organisation", "organisation",
                                     int(run.organisation_version))
    if framework_doc is None or organisation_doc is None:
        raise NotFound(_("De bestanden waarmee toetsing {run} is gemaakt, ontbreken.")
                       .format(run=run.id))
    framework = validate_parsed(framework_files.parse(framework_doc.text, run.framework_id))
    organisation = check_organisation_text(organisation_doc.text, run.id,
                                           reader=organisation_reader)
    if PROCESS_EVENTS in run.parameters:
        organisation = with_process_events(organisation, repo,
                                           int(run.parameters[PROCESS_EVENTS]))
    return StoredRun(run, framework, organisation)
