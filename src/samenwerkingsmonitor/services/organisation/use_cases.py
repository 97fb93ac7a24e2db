"""Front doors of the organisation capability: `register FILE [--check-only]`
(docs/organisation-file.md), `process add` and `process list` (docs/adr/0020-process-events.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from samenwerkingsmonitor.domain.measurements import Measurement
from samenwerkingsmonitor.domain.organisation import Organisation, ProcessFacts
from samenwerkingsmonitor.domain.process import (
    PROCESS_INDICATORS,
    ProcessEvent,
    process_indicator_values,
)
from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
from samenwerkingsmonitor.services.organisation.process_events import (
    NewProcessEvent,
    record_event,
    with_process_events,
)
from samenwerkingsmonitor.services.organisation.register import (
    check_organisation_file,
    load_registered_organisation,
    register_organisation,
)
from samenwerkingsmonitor.services.storage.ports import Repository, StoredDocument


class OrganisationPorts(Protocol):
    def repository(self) -> Repository: ...

    def organisation_reader(self) -> OrganisationReader: ...


@dataclass(frozen=True, slots=True)
class RegisterRequest:
    path: Path
    user: str
    reason: str = ""
    check_only: bool = False


@dataclass(frozen=True, slots=True)
class RegisterResult:
    organisation: Organisation
    stored: StoredDocument | None  # None with check_only
    changed: bool  # False when the file equals the registered version


def register(request: RegisterRequest, ports: OrganisationPorts) -> RegisterResult:
    """Check the file (every problem at once), then store it as a new version if it changed."""
    reader = ports.organisation_reader()
    organisation = check_organisation_file(request.path, reader=reader)
    if request.check_only:
        return RegisterResult(organisation, None, False)
    stored, changed = register_organisation(ports.repository(), request.path, request.user,
                                            request.reason, reader=reader)
    return RegisterResult(organisation, stored, changed)


@dataclass(frozen=True, slots=True)
class AddProcessEventRequest:
    """`process add KIND --cooperation ... --date ...`: one event, appended with who and why."""

    event: NewProcessEvent
    user: str
    reason: str = ""


def add_process_event(request: AddProcessEventRequest, ports: OrganisationPorts) -> ProcessEvent:
    """Check the event against the registered organisation and the events so far (every
    problem at once, nothing stored), then append it."""
    repo = ports.repository()
    organisation = load_registered_organisation(repo, reader=ports.organisation_reader())
    return record_event(repo, organisation, request.event, request.user, request.reason)


@dataclass(frozen=True, slots=True)
class ProcessRequest:
    """`process list`: the process as it stands; `years` for the counted indicators."""

    cooperation: str | None = None
    years: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ProcessOverview:
    events: list[ProcessEvent]  # recorded one by one (the file's facts are in `facts`)
    facts: ProcessFacts  # the organisation file's facts with the recorded events applied
    indicator_values: list[Measurement]  # the process indicators counted from `facts`


def process_overview(request: ProcessRequest, ports: OrganisationPorts) -> ProcessOverview:
    repo = ports.repository()
    organisation = with_process_events(
        load_registered_organisation(repo, reader=ports.organisation_reader()), repo, None)
    cooperations = [c.slug for c in organisation.cooperations
                    if request.cooperation in (None, c.slug)]
    events = [e for e in repo.process_events()
              if request.cooperation in (None, e.cooperation)]
    values = process_indicator_values(organisation.process, cooperations, request.years,
                                      PROCESS_INDICATORS)
    return ProcessOverview(events, organisation.process, values)
