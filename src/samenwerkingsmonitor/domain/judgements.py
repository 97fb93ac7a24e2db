"""Assessor judgements, the status of a run (sign-off) and the guidance group's comments
(docs/adr/0021-judgements-and-sign-off.md).

A computed verdict stays as computed; a judgement is stored beside it, append-only: a later
judgement of the same finding supersedes the earlier one, never overwrites it. A run moves
concept → ter bespreking → vastgesteld; a vastgesteld run is frozen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from samenwerkingsmonitor.domain.verdicts import Verdict


class JudgementAction(StrEnum):
    CONFIRM = "bevestigd"  # the computed verdict stands
    QUALIFY = "gekwalificeerd"  # same verdict, with added reasoning
    OVERRIDE = "overschreven"  # another verdict


class JudgementTarget(StrEnum):
    FINDING = "bevinding"
    CRITERION = "criteriumoordeel"


class Role(StrEnum):
    ASSESSOR = "beoordelaar"  # the external assessment bureau
    AUDIT_OFFICE = "rekenkamer"
    GUIDANCE_GROUP = "begeleidingsgroep"
    STAFF = "medewerker"  # controllers and policy advisers


JUDGING_ROLES = frozenset({Role.ASSESSOR, Role.AUDIT_OFFICE})


class RunStatus(StrEnum):
    CONCEPT = "concept"
    IN_REVIEW = "ter_bespreking"
    ADOPTED = "vastgesteld"


NEXT_STATUS = {RunStatus.CONCEPT: (RunStatus.IN_REVIEW, RunStatus.ADOPTED),
               RunStatus.IN_REVIEW: (RunStatus.ADOPTED,),
               RunStatus.ADOPTED: ()}
"""The moves a run may make; vastgesteld is final."""


def finding_key(subject: str, indicator: str, year: int, norm: str | None) -> str:
    """How a finding is named in judgements, comments and comparisons."""
    return "/".join((subject, indicator, str(year), norm or "-"))


def criterion_key(subject: str, criterion: str, year: int) -> str:
    return "/".join((subject, criterion, str(year)))


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    file_name: str
    sha256: str
    size: int
    content: bytes = b""


@dataclass(frozen=True, slots=True)
class Judgement:
    run: str
    target: JudgementTarget
    key: str  # finding_key or criterion_key
    action: JudgementAction
    verdict: Verdict  # the judged verdict (equal to computed unless overridden)
    computed_verdict: Verdict
    rationale: str
    role: Role
    notes: str = ""  # interview notes as text
    evidence: tuple[EvidenceFile, ...] = ()
    id: int = 0
    user: str = ""
    created: datetime | None = None


@dataclass(frozen=True, slots=True)
class StatusChange:
    run: str
    status: RunStatus
    decision_number: str = ""
    decision_date: date | None = None
    reason: str = ""
    id: int = 0
    user: str = ""
    created: datetime | None = None


@dataclass(frozen=True, slots=True)
class Comment:
    run: str
    text: str
    role: Role
    key: str = ""  # a finding or criterion key, "" for the run as a whole
    id: int = 0
    user: str = ""
    created: datetime | None = None


def current_judgements(judgements: Iterable[Judgement]) -> dict[tuple[str, str], Judgement]:
    """The judgement that holds per (target, key): the newest; the older ones stay stored."""
    current: dict[tuple[str, str], Judgement] = {}
    for judgement in sorted(judgements, key=lambda j: j.id):
        current[judgement.target.value, judgement.key] = judgement
    return current


def current_status(changes: Iterable[StatusChange]) -> StatusChange | None:
    ordered = sorted(changes, key=lambda c: c.id)
    return ordered[-1] if ordered else None
