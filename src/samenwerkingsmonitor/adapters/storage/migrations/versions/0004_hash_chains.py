"""Hash chains: the table chain_links, and the chain heads a run records.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04

chain_links holds one link per row of each chained table (services/storage/hash_chain.py,
docs/adr/0027-hash-chains-and-signed-backups.md); it is history like every other table and gets
the append-only triggers. The rows already stored are linked here, in insertion order, so an
upgraded database verifies like a new one. runs.chain_heads is "{}" for the runs made before.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from samenwerkingsmonitor.adapters.storage.migrations import append_only

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chain_links",
        sa.Column("table_name", sa.String(60), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("row_hash", sa.String(64), nullable=False),
        sa.Column("chain_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "seq", name="pk_chain_links"),
        sa.UniqueConstraint("table_name", "position",
                            name="uq_chain_links_table_name_position"),
    )
    append_only.install("chain_links")
    op.add_column("runs", sa.Column("chain_heads", sa.Text, nullable=False,
                                    server_default="{}"))
    from samenwerkingsmonitor.adapters.storage.chains import link_new_rows
    from samenwerkingsmonitor.services.storage.hash_chain import CHAINED

    for table in CHAINED:
        link_new_rows(op.get_bind(), table)


def downgrade() -> None:
    append_only.remove("runs")
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("chain_heads")
    append_only.install("runs")
    append_only.remove("chain_links")
    op.drop_table("chain_links")
