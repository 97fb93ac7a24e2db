"""Front door of the organisation capability: `register FILE [--check-only]`
(docs/organisation-file.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
from samenwerkingsmonitor.services.organisation.register import (
    check_organisation_file,
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
