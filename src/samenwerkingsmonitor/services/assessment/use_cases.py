"""Front doors of the assessment capability: `assess`, `verify RUN` and `runs`; the run as a
process: `judge`, `judgements`, `run status`, `comment` (docs/adr/0021-judgements-and-sign-off.md),
`compare RUN_A RUN_B` and `signals RUN`."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Protocol

from samenwerkingsmonitor.analysis.signals import Signal
from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict, Finding
from samenwerkingsmonitor.domain.judgements import Comment, Judgement, Role, StatusChange
from samenwerkingsmonitor.services.assessment.assess import (
    AssessmentOutcome,
    AssessmentRequest,
    Progress,
    run_assessment,
)
from samenwerkingsmonitor.services.assessment.compare import (
    Comparison,
    compare_runs,
    finding_labels,
    run_signals,
)
from samenwerkingsmonitor.services.assessment.review import (
    Review,
    Upload,
    add_comment,
    change_status,
    load_review,
    record_judgement,
)
from samenwerkingsmonitor.services.assessment.stored_run import load_stored_run
from samenwerkingsmonitor.services.assessment.verify import Verification, verify_run
from samenwerkingsmonitor.services.frameworks.ports import FrameworkFiles
from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
from samenwerkingsmonitor.services.storage.ports import Repository

__all__ = ["AssessmentPorts", "AssessmentRequest", "CommentRequest", "CompareRequest",
           "ExplainedFinding", "FindingsRequest", "JudgeRequest", "ReviewRequest",
           "RunFindings", "RunSummary", "RunsRequest", "SignalsRequest", "SignalsResult",
           "StatusRequest", "Upload", "VerifyRequest", "assess", "comment", "compare", "judge",
           "list_runs", "review", "review_stamp", "run_findings", "set_run_status", "signals",
           "verify"]


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
    review_status: str = "concept"  # concept, ter_bespreking or vastgesteld (sign-off)

    @property
    def current(self) -> bool:
        return self.superseded_by is None


def list_runs(request: RunsRequest, ports: AssessmentPorts) -> list[RunSummary]:
    repo = ports.repository()
    runs = repo.runs()
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
                       later.get(run.id), _review_status(repo, run.id))
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
def _review_status(repo: Repository, run_id: str) -> str:
    changes = repo.status_changes(run_id)
    return changes[-1].status.value if changes else "concept"


@dataclass(frozen=True, slots=True)
class JudgeRequest:
    """`judge RUN KEY --action ... --rationale ...`: an assessor's judgement of one finding
    (subject/indicator/year/norm) or criterion verdict (subject/criterion/year)."""

    run: str
    key: str
    action: str  # bevestigd, gekwalificeerd or overschreven
    rationale: str
    user: str
    role: str = Role.ASSESSOR.value
    verdict: str | None = None  # required to override
    notes: str = ""  # interview notes as text
    evidence: tuple[Upload, ...] = ()  # stored with their SHA-256


def judge(request: JudgeRequest, ports: AssessmentPorts) -> Judgement:
    """Append the judgement (a later one supersedes, never overwrites); refused on a
    vastgesteld run, for a role that does not judge, or without a rationale."""
    return record_judgement(ports.repository(), request.run, request.key, request.action,
                            request.rationale, request.verdict, request.role, request.user,
                            request.notes, request.evidence)


@dataclass(frozen=True, slots=True)
class ReviewRequest:
    """`judgements RUN`: the status, every judgement (history included) and the comments."""

    run: str


def review(request: ReviewRequest, ports: AssessmentPorts) -> Review:
    """With `labels`: a readable name for every finding and criterion key of the run."""
    repo = ports.repository()
    found = load_review(repo, request.run)
    return replace(found, labels=_labels(repo, found.run.id, ports))


def review_stamp(request: ReviewRequest, ports: AssessmentPorts) -> tuple[int, int, int]:
    """(status changes, judgements, comments) of a run: changes when its human side does, so a
    reader that keeps a run's report knows when to make it again."""
    found = load_review(ports.repository(), request.run)
    return (len(found.history), len(found.judgements), len(found.comments))


def _labels(repo: Repository, run_id: str, ports: AssessmentPorts) -> dict[str, str]:
    stored = load_stored_run(repo, run_id, framework_files=ports.framework_files(),
                             organisation_reader=ports.organisation_reader())
    return finding_labels(repo.findings(run_id), repo.criterion_verdicts(run_id),
                          stored.framework, stored.organisation)


@dataclass(frozen=True, slots=True)
class StatusRequest:
    """`run status RUN --to ter_bespreking|vastgesteld [--decision N --decision-date D]`."""

    run: str
    to: str
    user: str
    reason: str = ""
    decision_number: str = ""
    decision_date: date | None = None


def set_run_status(request: StatusRequest, ports: AssessmentPorts) -> StatusChange:
    """concept → ter bespreking → vastgesteld (with the council's decision); final."""
    return change_status(ports.repository(), request.run, request.to, request.user,
                         request.reason, request.decision_number, request.decision_date)


@dataclass(frozen=True, slots=True)
class CommentRequest:
    """`comment RUN TEXT [--key KEY]`: the guidance group's remark while the run is
    ter bespreking."""

    run: str
    text: str
    user: str
    key: str = ""
    role: str = Role.GUIDANCE_GROUP.value


def comment(request: CommentRequest, ports: AssessmentPorts) -> Comment:
    return add_comment(ports.repository(), request.run, request.text, request.key,
                       request.role, request.user)


@dataclass(frozen=True, slots=True)
class CompareRequest:
    """`compare RUN_A RUN_B`: per finding what changed and which measurement versions did it."""

    run_a: str
    run_b: str


def compare(request: CompareRequest, ports: AssessmentPorts) -> Comparison:
    repo = ports.repository()
    found = compare_runs(repo, request.run_a, request.run_b)
    return replace(found, labels=_labels(repo, found.run_b.id, ports))


@dataclass(frozen=True, slots=True)
class SignalsRequest:
    """`signals RUN`: norm crossed since the previous run, worse N years in a row, a jump from
    the trend, a data gap in the last year; each pointing at its finding."""

    run: str


@dataclass(frozen=True, slots=True)
class SignalsResult:
    run: AssessmentRun
    signals: list[Signal]
    previous: AssessmentRun | None  # the run the norm crossings are measured against
    worse_years: int  # the framework's settings, to say what the signals mean
    jump_tolerance_pct: float
    labels: dict[str, str] = field(default_factory=dict)  # finding key → readable name


def signals(request: SignalsRequest, ports: AssessmentPorts) -> SignalsResult:
    repo = ports.repository()
    stored = load_stored_run(repo, request.run, framework_files=ports.framework_files(),
                             organisation_reader=ports.organisation_reader())
    found, previous = run_signals(repo, stored.run, stored.framework)
    return SignalsResult(stored.run, found, previous, stored.framework.signals.worse_years,
                         stored.framework.signals.jump_tolerance_pct,
                         finding_labels(repo.findings(stored.run.id), (), stored.framework,
                                        stored.organisation))
