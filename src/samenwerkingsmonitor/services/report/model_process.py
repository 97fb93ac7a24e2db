"""The report model's chapters on arrangements and process: verbonden partijen, evaluations,
the council guidance group and council documents (split from services/report/model.py)."""

from __future__ import annotations

from dataclasses import dataclass

from samenwerkingsmonitor.services.report.fact import Fact


@dataclass(frozen=True, slots=True)
class RelatedParty:
    """A block for the paragraaf verbonden partijen: one arrangement, as it stood in `year`."""

    anchor: str
    slug: str
    name: str
    year: int
    facts: tuple[Fact, ...]  # purpose, participants, legal form, share, clauses (display order)
    evaluation_clause: bool
    withdrawal_clause: bool


@dataclass(frozen=True, slots=True)
class EvaluationEntry:
    cooperation: str
    title: str
    planned: str
    held: str
    status: str  # on time, late (how many days), not yet held, overdue
    on_time: bool | None  # None: not held (yet)
    document: str


@dataclass(frozen=True, slots=True)
class GuidanceGroupEntry:
    cooperation: str
    established: str
    members: int
    decision: str
    meetings: str


@dataclass(frozen=True, slots=True)
class CouncilDocumentEntry:
    kind: str
    number: str
    date: str
    municipality: str
    subject: str
    cooperation: str


@dataclass(frozen=True, slots=True)
class ProcessSection:
    evaluations: tuple[EvaluationEntry, ...] = ()
    guidance_groups: tuple[GuidanceGroupEntry, ...] = ()
    council_documents: tuple[CouncilDocumentEntry, ...] = ()
