"""Front doors of the assessment capability: `assess` and `verify RUN`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from samenwerkingsmonitor.services.assessment.assess import (
    AssessmentOutcome,
    AssessmentRequest,
    Progress,
    run_assessment,
)
from samenwerkingsmonitor.services.assessment.verify import Verification, verify_run
from samenwerkingsmonitor.services.frameworks.ports import FrameworkFiles
from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
from samenwerkingsmonitor.services.storage.ports import Repository

__all__ = ["AssessmentPorts", "AssessmentRequest", "VerifyRequest", "assess", "verify"]


class AssessmentPorts(Protocol):
    def repository(self) -> Repository: ...

    def framework_files(self) -> FrameworkFiles: ...

    def organisation_reader(self) -> OrganisationReader: ...


def assess(request: AssessmentRequest, ports: AssessmentPorts,
           progress: Progress | None = None) -> AssessmentOutcome:
    """Run the assessment and store it as a new run; `progress` hears each step's name."""
    return run_assessment(ports.repository(), request, request.user,
                          framework_files=ports.framework_files(),
                          organisation_reader=ports.organisation_reader(), progress=progress)


@dataclass(frozen=True, slots=True)
class VerifyRequest:
    """`verify RUN`: compute the run again from the data, framework and organisation it used."""

    run: str  # a run id, or 'latest'


def verify(request: VerifyRequest, ports: AssessmentPorts) -> Verification:
    return verify_run(ports.repository(), request.run, framework_files=ports.framework_files(),
                      organisation_reader=ports.organisation_reader())
