"""Database-side guard of append-only history, for migrations to install on each history table.

The code never updates or deletes; these triggers make the database refuse it too, so a
hand-written statement cannot rewrite history either (docs/adr/0007-storage-and-history.md).
"""

from __future__ import annotations

from alembic import op

PG_FUNCTION = "samenwerkingsmonitor_refuse_change"


def install_function() -> None:
    """The PostgreSQL trigger function; SQLite needs none."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"""
        CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger
        LANGUAGE plpgsql AS $body$
        BEGIN
            RAISE EXCEPTION 'geschiedenis is alleen-toevoegen: % op % is geweigerd',
                TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'raise_exception';
        END;
        $body$
        """
    )


def drop_function() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()")


def install(table: str) -> None:
    """Refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) on `table`."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_FUNCTION}()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, 'geschiedenis is alleen-toevoegen: "
            f"{event} op {table} is geweigerd'); END"
        )


def remove(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        return
    for event in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{event}")
