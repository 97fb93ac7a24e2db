"""Accounts, API tokens and the audit log of the web application.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04

All four tables are history with the append-only triggers: a changed account is a new version,
a revoked token a new row in token_revocations (docs/adr/0018-web-application.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from samenwerkingsmonitor.adapters.storage.migrations import append_only

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("account_versions", "api_tokens", "token_revocations", "audit_events")


def _who_when_why() -> list[sa.Column[object]]:
    return [
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "account_versions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("username", sa.String(60), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("roles", sa.String(200), nullable=False),
        sa.Column("municipalities", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        *_who_when_why(),
        sa.PrimaryKeyConstraint("id", name="pk_account_versions"),
        sa.UniqueConstraint("username", "version", name="uq_account_versions_username_version"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("token_id", sa.String(24), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("username", sa.String(60), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        *_who_when_why(),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("token_id", name="uq_api_tokens_token_id"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "token_revocations",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("token_id", sa.String(24), nullable=False),
        *_who_when_why(),
        sa.PrimaryKeyConstraint("id", name="pk_token_revocations"),
        sa.UniqueConstraint("token_id", name="uq_token_revocations_token_id"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(60), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_events"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_audit_events_username_at", "audit_events", ["username", "at"])
    op.create_index("ix_audit_events_address_at", "audit_events", ["address", "at"])
    for table in TABLES:
        append_only.install(table)


def downgrade() -> None:
    for table in reversed(TABLES):
        append_only.remove(table)
        op.drop_table(table)
