"""Process events, judgements (with evidence), run statuses and comments on SQLAlchemy Core.

A mixin of `SqlRepository`: only INSERT and SELECT, ids only grow (the tables are append-only
by trigger, migration 0003), so a later record supersedes an earlier one by its id.
"""

from __future__ import annotations

import base64
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from samenwerkingsmonitor.adapters.storage.chains import link_new_rows
from samenwerkingsmonitor.adapters.storage.tables import (
    judgement_evidence,
    judgements,
    process_events,
    run_comments,
    run_statuses,
)
from samenwerkingsmonitor.domain.judgements import (
    Comment,
    EvidenceFile,
    Judgement,
    JudgementAction,
    JudgementTarget,
    Role,
    RunStatus,
    StatusChange,
)
from samenwerkingsmonitor.domain.process import ProcessEvent, ProcessEventKind
from samenwerkingsmonitor.domain.verdicts import Verdict


class ProcessRecords:
    """Needs `_connection(write)` of the repository it is mixed into."""

    def _connection(self, write: bool = False) -> AbstractContextManager[Connection]:
        raise NotImplementedError  # pragma: no cover - provided by SqlRepository

    # process events

    def append_process_event(self, event: ProcessEvent) -> ProcessEvent:
        row: dict[str, Any] = {
            "kind": event.kind.value, "cooperation": event.cooperation,
            "event_date": event.date, "title": event.title, "number": event.number,
            "municipality": event.municipality, "interim": event.interim,
            "members": event.members, "user_name": event.user, "created": datetime.now(UTC),
            "reason": event.reason,
        }
        with self._connection(write=True) as conn:
            row["id"] = conn.execute(
                insert(process_events).values(row).returning(process_events.c.id)).scalar_one()
            link_new_rows(conn, "process_events")
        return _event(row)

    def process_events(self, upto: int | None = None) -> list[ProcessEvent]:
        """Every recorded event, oldest first; with `upto`, those with an id up to it."""
        query = select(process_events).order_by(process_events.c.id)
        if upto is not None:
            query = query.where(process_events.c.id <= upto)
        with self._connection() as conn:
            return [_event(row) for row in conn.execute(query).mappings()]

    def last_process_event_id(self) -> int:
        with self._connection() as conn:
            return int(conn.execute(select(func.max(process_events.c.id))).scalar_one() or 0)

    # judgements

    def append_judgement(self, judgement: Judgement) -> Judgement:
        row: dict[str, Any] = {
            "run_id": judgement.run, "target": judgement.target.value,
            "target_key": judgement.key, "action": judgement.action.value,
            "verdict": judgement.verdict.value,
            "computed_verdict": judgement.computed_verdict.value,
            "rationale": judgement.rationale, "notes": judgement.notes,
            "role": judgement.role.value, "user_name": judgement.user,
            "created": datetime.now(UTC),
        }
        with self._connection(write=True) as conn:
            row["id"] = conn.execute(
                insert(judgements).values(row).returning(judgements.c.id)).scalar_one()
            for item in judgement.evidence:
                conn.execute(insert(judgement_evidence).values(
                    judgement_id=row["id"], file_name=item.file_name, sha256=item.sha256,
                    size=item.size, content=base64.b64encode(item.content).decode("ascii")))
            link_new_rows(conn, "judgements")
        return _judgement(row, judgement.evidence)

    def judgements(self, run_id: str) -> list[Judgement]:
        """Every judgement of the run, oldest first, each with its evidence files."""
        with self._connection() as conn:
            rows = conn.execute(select(judgements).where(judgements.c.run_id == run_id)
                                .order_by(judgements.c.id)).mappings().all()
            ids = [row["id"] for row in rows]
            files: dict[int, list[EvidenceFile]] = {}
            if ids:
                query = (select(judgement_evidence)
                         .where(judgement_evidence.c.judgement_id.in_(ids))
                         .order_by(judgement_evidence.c.id))
                for item in conn.execute(query).mappings():
                    files.setdefault(item["judgement_id"], []).append(EvidenceFile(
                        item["file_name"], item["sha256"], item["size"],
                        base64.b64decode(item["content"])))
        return [_judgement(row, tuple(files.get(row["id"], ()))) for row in rows]

    # run status and comments

    def append_status(self, change: StatusChange) -> StatusChange:
        row: dict[str, Any] = {
            "run_id": change.run, "status": change.status.value,
            "decision_number": change.decision_number, "decision_date": change.decision_date,
            "user_name": change.user, "created": datetime.now(UTC), "reason": change.reason,
        }
        with self._connection(write=True) as conn:
            row["id"] = conn.execute(
                insert(run_statuses).values(row).returning(run_statuses.c.id)).scalar_one()
        return _status(row)

    def status_changes(self, run_id: str) -> list[StatusChange]:
        query = (select(run_statuses).where(run_statuses.c.run_id == run_id)
                 .order_by(run_statuses.c.id))
        with self._connection() as conn:
            return [_status(row) for row in conn.execute(query).mappings()]

    def append_comment(self, comment: Comment) -> Comment:
        row: dict[str, Any] = {
            "run_id": comment.run, "target_key": comment.key, "text": comment.text,
            "role": comment.role.value, "user_name": comment.user,
            "created": datetime.now(UTC),
        }
        with self._connection(write=True) as conn:
            row["id"] = conn.execute(
                insert(run_comments).values(row).returning(run_comments.c.id)).scalar_one()
        return _comment(row)

    def comments(self, run_id: str) -> list[Comment]:
        query = (select(run_comments).where(run_comments.c.run_id == run_id)
                 .order_by(run_comments.c.id))
        with self._connection() as conn:
            return [_comment(row) for row in conn.execute(query).mappings()]


def _moment(value: Any) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _event(row: Any) -> ProcessEvent:
    return ProcessEvent(ProcessEventKind(row["kind"]), row["cooperation"], row["event_date"],
                        row["title"], row["number"], row["municipality"], bool(row["interim"]),
                        int(row["members"]), int(row["id"]), row["user_name"],
                        _moment(row["created"]), row["reason"])


def _judgement(row: Any, evidence: tuple[EvidenceFile, ...]) -> Judgement:
    return Judgement(row["run_id"], JudgementTarget(row["target"]), row["target_key"],
                     JudgementAction(row["action"]), Verdict(row["verdict"]),
                     Verdict(row["computed_verdict"]), row["rationale"], Role(row["role"]),
                     row["notes"], evidence, int(row["id"]), row["user_name"],
                     _moment(row["created"]))


def _status(row: Any) -> StatusChange:
    return StatusChange(row["run_id"], RunStatus(row["status"]), row["decision_number"],
                        row["decision_date"], row["reason"], int(row["id"]), row["user_name"],
                        _moment(row["created"]))


def _comment(row: Any) -> Comment:
    return Comment(row["run_id"], row["text"], Role(row["role"]), row["target_key"],
                   int(row["id"]), row["user_name"], _moment(row["created"]))


__all__ = ["ProcessRecords"]
