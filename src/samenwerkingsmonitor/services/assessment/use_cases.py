"""Front doors of the assessment capability: `assess`, `verify RUN` and `runs`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict, Finding
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

__all__ = ["AssessmentPorts", "AssessmentRequest", "ExplainedFinding", "FindingsRequest",
           "RunFindings", "RunSummary", "RunsRequest", "VerifyRequest", "assess", "list_runs",
           "run_findings", "verify"]


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


@dataclass(frozen=True, slots=True)
class RunsRequest:
    """`runs`: the stored runs, oldest first; `subject` keeps the runs that assessed it."""

    subject: str | None = None


@dataclass(frozen=True, slots=True)
class RunSummary:
    id: str
    created: datetime
    user: str
    framework: str
    framework_version: str
    subjects: tuple[str, ...]
    first_year: int
    last_year: int
    baseline_year: int
    superseded_by: str | None  # a later run of the same subjects and framework

    @property
    def current(self) -> bool:
        return self.superseded_by is None


def list_runs(request: RunsRequest, ports: AssessmentPorts) -> list[RunSummary]:
    runs = ports.repository().runs()
    later: dict[str, str] = {}
    newest: dict[tuple[frozenset[str], str], str] = {}
    for run in reversed(runs):  # newest first: the first of each kind supersedes the rest
        kind = (frozenset(run.subjects), run.framework_id)
        if kind in newest:
            later[run.id] = newest[kind]
        else:
            newest[kind] = run.id
    return [RunSummary(run.id, run.created, run.user, run.framework_id, run.framework_version,
                       run.subjects, run.first_year, run.last_year, run.baseline_year,
                       later.get(run.id))
            for run in runs if request.subject is None or request.subject in run.subjects]


@dataclass(frozen=True, slots=True)
class FindingsRequest:
    run: str  # a run id, or 'latest'
    subject: str | None = None  # None: every subject of the run


@dataclass(frozen=True, slots=True)
class ExplainedFinding:
    finding: Finding
    explanation: str  # value, baseline, norm, source and rule in one text


@dataclass(frozen=True, slots=True)
class RunFindings:
    run: AssessmentRun
    findings: tuple[ExplainedFinding, ...]
    verdicts: tuple[CriterionVerdict, ...]


def run_findings(request: FindingsRequest, ports: AssessmentPorts) -> RunFindings:
    """The stored findings and criterion verdicts of a run, each finding with its explanation
    (the JSON API's findings)."""
    from samenwerkingsmonitor.domain.framework import Indicator, IndicatorKind
    from samenwerkingsmonitor.services.assessment.explain import explain
    from samenwerkingsmonitor.services.assessment.stored_run import load_stored_run

    repo = ports.repository()
    stored = load_stored_run(repo, request.run, framework_files=ports.framework_files(),
                             organisation_reader=ports.organisation_reader())
    wanted = (lambda subject: True) if request.subject is None else (
        lambda subject: subject == request.subject)
    explained = []
    for finding in repo.findings(stored.run.id):
        if not wanted(finding.subject):
            continue
        indicator = stored.framework.indicator(finding.indicator) or Indicator(
            finding.indicator, finding.indicator, finding.unit, IndicatorKind.INPUT)
        explained.append(ExplainedFinding(finding, explain(finding, indicator)))
    verdicts = tuple(v for v in repo.criterion_verdicts(stored.run.id) if wanted(v.subject))
    return RunFindings(stored.run, tuple(explained), verdicts)
