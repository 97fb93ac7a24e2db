"""Backup and restore on the store: services.storage.backup_ports.BackupStore for a SqlRepository.

Restore inserts every row with its original id, in one transaction, parents before children
and rows in primary-key order (a correction supersedes an older version, so the self-reference
of measurement_versions is always satisfied). The append-only triggers refuse only UPDATE and
DELETE, so restoring needs no trigger switched off. On PostgreSQL the id sequences are then
moved past the restored ids (setval), else the next import would collide with them; SQLite's
AUTOINCREMENT counter follows explicit ids by itself. Rows go in with COPY on PostgreSQL
(bulk.py). The load is a write transaction, so it holds the write lock (write_lock.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Integer, Table, func, select, text
from sqlalchemy.engine import Connection

from samenwerkingsmonitor.adapters.storage import migrations
from samenwerkingsmonitor.adapters.storage.bulk import insert_rows
from samenwerkingsmonitor.adapters.storage.chains import column_type
from samenwerkingsmonitor.adapters.storage.engine import (
    BEGIN_OPTION,
    build_engine,
    describe,
    translated_errors,
)
from samenwerkingsmonitor.adapters.storage.repository import SqlRepository
from samenwerkingsmonitor.adapters.storage.tables import metadata
from samenwerkingsmonitor.errors import StorageError
from samenwerkingsmonitor.i18n import _

Rows = list[dict[str, Any]]


class SqlBackupStore:
    """Implements services.storage.backup_ports.BackupStore on the database of `repo`."""

    def __init__(self, repo: SqlRepository) -> None:
        self.repo = repo
        self.isolation = ""  # PostgreSQL: the isolation level the last dump ran in

    def describe(self) -> str:
        return describe(self.repo.url)

    def schema_revision(self) -> str:
        return migrations.head_revision()

    def table_columns(self) -> dict[str, list[tuple[str, str]]]:
        return {table.name: [(c.name, column_type(c.type)) for c in table.columns]
                for table in metadata.sorted_tables}

    def dump(self) -> dict[str, Rows]:
        """Every table as one snapshot: on PostgreSQL one REPEATABLE READ, read-only
        transaction, so a writer during the backup cannot make the tables disagree (SQLite's
        one read transaction is a snapshot by itself)."""
        if self.repo.url.get_backend_name() != "postgresql":
            return self.repo.dump()
        engine = build_engine(self.repo.url).execution_options(
            isolation_level="REPEATABLE READ", postgresql_readonly=True)
        try:
            with translated_errors(self.repo.url), engine.begin() as conn:
                self.isolation = str(conn.exec_driver_sql(
                    "SHOW transaction_isolation").scalar_one())
                return {table.name: _rows(conn, table) for table in metadata.sorted_tables}
        finally:
            engine.dispose()

    def prepare(self) -> None:
        self.repo.migrate()

    def load(self, tables: Mapping[str, Rows], check: Callable[[dict[str, Rows]], None]) -> None:
        engine = build_engine(self.repo.url).execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
        try:
            with translated_errors(self.repo.url), engine.begin() as conn:
                _refuse_data(conn, self.describe())
                for table in metadata.sorted_tables:
                    _insert(conn, table, tables.get(table.name, []))
                if conn.dialect.name == "postgresql":
                    _move_sequences_on(conn)
                check({table.name: _rows(conn, table) for table in metadata.sorted_tables})
        finally:
            engine.dispose()


def _refuse_data(conn: Connection, url: str) -> None:
    filled = [table.name for table in metadata.sorted_tables
              if conn.execute(select(func.count()).select_from(table)).scalar_one()]
    if filled:
        raise StorageError(
            _("De database {url} is niet leeg (tabellen met gegevens: {tables}). Een "
              "reservekopie wordt alleen in een lege database teruggezet; kies een nieuwe "
              "database, bijvoorbeeld --database nieuw.db.").format(
                url=url, tables=", ".join(filled)))


def _insert(conn: Connection, table: Table, rows: Rows) -> None:
    ordered = sorted(rows, key=lambda row: tuple(row[c.name] for c in table.primary_key))
    insert_rows(conn, table, ordered)  # COPY on PostgreSQL


def _move_sequences_on(conn: Connection) -> None:
    for table in metadata.sorted_tables:
        key = list(table.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, Integer) or not key[0].autoincrement:
            continue
        conn.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{key[0].name}'), "
            f"MAX({key[0].name})) FROM {table.name} HAVING MAX({key[0].name}) IS NOT NULL"))


def _rows(conn: Connection, table: Table) -> Rows:
    query = select(table).order_by(*table.primary_key.columns)
    return [dict(row) for row in conn.execute(query).mappings()]
