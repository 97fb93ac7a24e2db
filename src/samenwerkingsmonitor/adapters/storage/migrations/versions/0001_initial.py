"""The initial schema: documents, batches, measurement versions, runs, findings, verdicts.

Revision ID: 0001
Revises:
Create Date: 2024-11-29

A frozen copy of adapters/storage/tables.py as it was; tests/storage/test_migrations.py proves
the two agree. Every table is history and gets the append-only triggers.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from samenwerkingsmonitor.adapters.storage.migrations import append_only

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "documents", "batches", "measurement_versions", "runs", "findings", "criterion_verdicts",
)


def _who_when_why() -> list[sa.Column[object]]:
    return [
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    ]


def _create_documents_and_batches() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        *_who_when_why(),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("kind", "name", "version", name="uq_documents_kind_name_version"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "batches",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("sheet", sa.String(200), nullable=True),
        *_who_when_why(),
        sa.Column("row_count", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_batches"),
        sqlite_autoincrement=True,
    )


def _create_measurement_versions() -> None:
    table = "measurement_versions"
    op.create_table(
        table,
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("indicator", sa.String(200), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("value", sa.Double, nullable=True),
        sa.Column("scale_value", sa.String(200), nullable=True),
        sa.Column("unit", sa.String(60), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("reference_date", sa.Date, nullable=True),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("variant", sa.Text, nullable=False),
        sa.Column("comparable", sa.Boolean, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("batch_id", sa.Integer, nullable=False),
        sa.Column("row", sa.Integer, nullable=True),
        *_who_when_why(),
        sa.Column("supersedes", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_measurement_versions"),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["batches.id"], name="fk_measurement_versions_batch_id_batches"
        ),
        sa.ForeignKeyConstraint(
            ["supersedes"], ["measurement_versions.id"],
            name="fk_measurement_versions_supersedes_measurement_versions",
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(
        "ix_measurement_versions_subject_indicator_year_kind_id", table,
        ["subject", "indicator", "year", "kind", "id"],
    )
    op.create_index(
        "ix_measurement_versions_supersedes", table, ["supersedes"], unique=True
    )
    op.create_index("ix_measurement_versions_batch_id", table, ["batch_id"])


def _create_runs() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("framework_id", sa.String(200), nullable=False),
        sa.Column("framework_version", sa.String(200), nullable=False),
        sa.Column("framework_hash", sa.String(64), nullable=False),
        sa.Column("organisation_version", sa.String(200), nullable=False),
        sa.Column("data_batch", sa.Integer, nullable=False),
        sa.Column("data_hash", sa.String(64), nullable=False),
        sa.Column("seed", sa.Text, nullable=False),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("subjects", sa.Text, nullable=False),
        sa.Column("first_year", sa.Integer, nullable=False),
        sa.Column("last_year", sa.Integer, nullable=False),
        sa.Column("baseline_year", sa.Integer, nullable=False),
        sa.Column("findings_hash", sa.String(64), nullable=False),
        sa.Column("parameters", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
        sa.UniqueConstraint("number", name="uq_runs_number"),
    )


def _create_findings() -> None:
    op.create_table(
        "findings",
        sa.Column("run_id", sa.String(40), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("indicator", sa.String(200), nullable=False),
        sa.Column("criterion", sa.String(200), nullable=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("norm", sa.String(200), nullable=True),
        sa.Column("norm_kind", sa.String(60), nullable=True),
        sa.Column("verdict", sa.String(40), nullable=False),
        sa.Column("value", sa.Double, nullable=True),
        sa.Column("scale_value", sa.String(200), nullable=True),
        sa.Column("unit", sa.String(60), nullable=False),
        sa.Column("compared", sa.Double, nullable=True),
        sa.Column("target", sa.Double, nullable=True),
        sa.Column("signal", sa.Double, nullable=True),
        sa.Column("target_inclusive", sa.Boolean, nullable=False),
        sa.Column("signal_inclusive", sa.Boolean, nullable=False),
        sa.Column("reference", sa.Double, nullable=True),
        sa.Column("baseline_value", sa.Double, nullable=True),
        sa.Column("baseline_year", sa.Integer, nullable=True),
        sa.Column("baseline_status", sa.String(40), nullable=False),
        sa.Column("norm_source", sa.Text, nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("gap", sa.String(60), nullable=True),
        sa.Column("labels", sa.Text, nullable=False),
        sa.Column("inputs", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("run_id", "seq", name="pk_findings"),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_findings_run_id_runs"),
    )
    op.create_table(
        "criterion_verdicts",
        sa.Column("run_id", sa.String(40), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("criterion", sa.String(200), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("verdict", sa.String(40), nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("counts", sa.Text, nullable=False),
        sa.Column("missing", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("run_id", "seq", name="pk_criterion_verdicts"),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name="fk_criterion_verdicts_run_id_runs"
        ),
    )


def upgrade() -> None:
    _create_documents_and_batches()
    _create_measurement_versions()
    _create_runs()
    _create_findings()
    append_only.install_function()
    for table in TABLES:
        append_only.install(table)


def downgrade() -> None:
    for table in reversed(TABLES):
        append_only.remove(table)
        op.drop_table(table)
    append_only.drop_function()
