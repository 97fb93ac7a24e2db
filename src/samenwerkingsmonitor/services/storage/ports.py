"""Ports: the small interfaces through which services reach storage.

Adapters implement them (adapters/storage/); services never import SQLAlchemy.
History is append-only (docs/adr/0007-storage-and-history.md): nothing here updates or deletes
a stored row.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict, Finding
from samenwerkingsmonitor.domain.judgements import Comment, Judgement, StatusChange
from samenwerkingsmonitor.domain.measurements import Measurement
from samenwerkingsmonitor.domain.process import ProcessEvent
from samenwerkingsmonitor.services.storage.hash_chain import ChainBreak, Head


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A registered organisation file or framework file, one version of it."""

    kind: str  # "organisation" or "framework"
    name: str  # "organisation" or the framework id
    version: int  # stored version number, 1, 2, ...
    label: str  # the version the file itself states
    text: str
    sha256: str
    user: str
    created: datetime
    reason: str


@dataclass(frozen=True, slots=True)
class Batch:
    id: int
    file_name: str
    sha256: str
    sheet: str | None
    user: str
    created: datetime
    reason: str
    rows: int


@dataclass(frozen=True, slots=True)
class StoredMeasurement:
    """One version of a measurement, with its provenance."""

    version_id: int
    measurement: Measurement
    batch: int
    row: int | None
    user: str
    created: datetime
    reason: str
    supersedes: int | None
    file_name: str = ""
    sheet: str | None = None


@dataclass(frozen=True, slots=True)
class NewVersion:
    measurement: Measurement
    row: int | None
    supersedes: int | None


class Repository(Protocol):
    """Everything the services need from storage."""

    def migrate(self) -> None: ...

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside one block land together or not at all."""
        ...

    # documents (organisation file, framework files)
    def store_document(self, kind: str, name: str, label: str, text: str, sha256: str,
                       user: str, reason: str) -> StoredDocument: ...

    def latest_document(self, kind: str, name: str) -> StoredDocument | None: ...

    def document(self, kind: str, name: str, version: int) -> StoredDocument | None: ...

    # measurements
    def add_batch(self, file_name: str, sha256: str, sheet: str | None, user: str,
                  reason: str, rows: int) -> Batch: ...

    def append_versions(self, batch: Batch, versions: Sequence[NewVersion],
                        check: bool = True) -> None:
        """`check=False`: the caller writes a batch in chunks and calls check_batch once."""
        ...

    def check_batch(self, batch_id: int) -> None:
        """Refuse a batch that forks or crosses a key's history (StorageError)."""
        ...

    def current_versions(self, keys: Collection[tuple[str, str, int, str]]
                         ) -> dict[tuple[str, str, int, str], StoredMeasurement]:
        """The current version of each of `keys` that has one: a streaming import looks up
        only the keys of its chunk (ADR 0025)."""
        ...

    def current_measurements(self, as_of_batch: int | None = None) -> list[StoredMeasurement]:
        """The newest version of every measurement, optionally as it stood after a batch."""
        ...

    def history(self, subject: str, indicator: str) -> list[StoredMeasurement]: ...

    def last_batch_id(self) -> int: ...

    # assessment runs
    def next_run_id(self) -> str: ...

    def store_run(self, run: AssessmentRun, findings: Sequence[Finding],
                  criterion_verdicts: Sequence[CriterionVerdict]) -> None: ...

    def run(self, run_id: str) -> AssessmentRun | None:
        """A stored run; `latest` gives the newest."""
        ...

    def runs(self) -> list[AssessmentRun]:
        """Every stored run, oldest first."""
        ...

    def findings(self, run_id: str) -> list[Finding]: ...

    def criterion_verdicts(self, run_id: str) -> list[CriterionVerdict]: ...

    # the assessment as a process (append-only; a later record supersedes by its id)
    def append_process_event(self, event: ProcessEvent) -> ProcessEvent: ...

    def process_events(self, upto: int | None = None) -> list[ProcessEvent]:
        """Recorded events, oldest first; with `upto`, those with an id up to it."""
        ...

    def last_process_event_id(self) -> int: ...

    def append_judgement(self, judgement: Judgement) -> Judgement: ...

    def judgements(self, run_id: str) -> list[Judgement]: ...

    def append_status(self, change: StatusChange) -> StatusChange: ...

    def status_changes(self, run_id: str) -> list[StatusChange]: ...

    def append_comment(self, comment: Comment) -> Comment: ...

    def comments(self, run_id: str) -> list[Comment]: ...

    # whole-database dump, history included (tests, export, backup)
    def dump(self) -> dict[str, list[dict[str, Any]]]: ...

    def iter_tables(self) -> Iterator[str]: ...


class ChainStore(Protocol):
    """The hash chains of the history (adapters/storage/chains.py, ADR 0027)."""

    def verify_chains(self) -> list[ChainBreak]:
        """The first broken link of each chained table; empty when every chain holds."""
        ...

    def chain_heads(self) -> dict[str, Head]: ...
