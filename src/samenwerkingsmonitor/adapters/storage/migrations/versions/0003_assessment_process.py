"""The assessment as a process: process events, judgements with evidence, run status, comments.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04

A frozen copy of the tables as adapters/storage/tables.py declares them; every new table is
history and gets the append-only triggers (docs/adr/0020-process-events.md,
docs/adr/0021-judgements-and-sign-off.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from samenwerkingsmonitor.adapters.storage.migrations import append_only

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("process_events", "judgements", "judgement_evidence", "run_statuses", "run_comments")


def _who_when() -> list[sa.Column[object]]:
    return [
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
    ]


def _create_process_events() -> None:
    op.create_table(
        "process_events",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("cooperation", sa.String(200), nullable=False),
        sa.Column("event_date", sa.Date, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("number", sa.String(200), nullable=False),
        sa.Column("municipality", sa.String(40), nullable=False),
        sa.Column("interim", sa.Boolean, nullable=False),
        sa.Column("members", sa.Integer, nullable=False),
        *_who_when(),
        sa.Column("reason", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_process_events"),
        sqlite_autoincrement=True,
    )


def _create_judgements() -> None:
    op.create_table(
        "judgements",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("run_id", sa.String(40), nullable=False),
        sa.Column("target", sa.String(40), nullable=False),
        sa.Column("target_key", sa.String(600), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("verdict", sa.String(40), nullable=False),
        sa.Column("computed_verdict", sa.String(40), nullable=False),
        sa.Column("rationale", sa.Text, nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("role", sa.String(60), nullable=False),
        *_who_when(),
        sa.PrimaryKeyConstraint("id", name="pk_judgements"),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_judgements_run_id_runs"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_judgements_run_id_id", "judgements", ["run_id", "id"])
    op.create_table(
        "judgement_evidence",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("judgement_id", sa.Integer, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_judgement_evidence"),
        sa.ForeignKeyConstraint(["judgement_id"], ["judgements.id"],
                                name="fk_judgement_evidence_judgement_id_judgements"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_judgement_evidence_judgement_id", "judgement_evidence",
                    ["judgement_id"])


def _create_run_statuses_and_comments() -> None:
    op.create_table(
        "run_statuses",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("run_id", sa.String(40), nullable=False),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("decision_number", sa.String(200), nullable=False),
        sa.Column("decision_date", sa.Date, nullable=True),
        *_who_when(),
        sa.Column("reason", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_run_statuses"),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_run_statuses_run_id_runs"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_run_statuses_run_id_id", "run_statuses", ["run_id", "id"])
    op.create_table(
        "run_comments",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("run_id", sa.String(40), nullable=False),
        sa.Column("target_key", sa.String(600), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("role", sa.String(60), nullable=False),
        *_who_when(),
        sa.PrimaryKeyConstraint("id", name="pk_run_comments"),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_run_comments_run_id_runs"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_run_comments_run_id_id", "run_comments", ["run_id", "id"])


def upgrade() -> None:
    _create_process_events()
    _create_judgements()
    _create_run_statuses_and_comments()
    for table in TABLES:
        append_only.install(table)


def downgrade() -> None:
    for table in reversed(TABLES):
        append_only.remove(table)
        op.drop_table(table)
