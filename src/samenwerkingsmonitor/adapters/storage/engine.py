"""Engines for SQLite and PostgreSQL with the same behaviour: real transactions, foreign keys.

pysqlite by default begins a transaction only before a write and never for DDL; we take
transaction control ourselves (SQLAlchemy's documented recipe) so that one `transaction()`
block is one SQLite transaction. Write blocks begin IMMEDIATE: a second writer waits for the
first (busy timeout) instead of failing halfway. On PostgreSQL the same execution option makes
a transaction take the advisory write lock first (write_lock.py): one writer at a time there too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from samenwerkingsmonitor.adapters.storage.write_lock import (
    busy_message,
    is_lock_timeout,
    lock_timeout,
    take_postgres_write_lock,
    timeout_ms,
)
from samenwerkingsmonitor.errors import StorageError
from samenwerkingsmonitor.i18n import _

BEGIN_OPTION = "samenwerkingsmonitor_begin"  # execution option: "" or "IMMEDIATE" (a writer)


def parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise StorageError(
            _("Ongeldige database-URL '{url}'. Gebruik bijvoorbeeld "
              "sqlite:///pad/naar/bestand.db of postgresql+psycopg://gebruiker@server/db.")
            .format(url=url)
        ) from error
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3 is the one we ship
    return parsed


def sqlite_path(url: URL) -> Path | None:
    """The database file of a SQLite URL; None for other backends or an in-memory database."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database or "")


def build_engine(url: URL) -> Engine:
    try:
        engine = create_engine(url)
    except (NoSuchModuleError, ImportError) as error:
        raise StorageError(
            _("Het databasetype van '{url}' wordt niet ondersteund. Gebruik sqlite:/// of "
              "postgresql+psycopg://.").format(url=describe(url))
        ) from error
    seconds = lock_timeout()
    if engine.dialect.name == "sqlite":
        _take_sqlite_transaction_control(engine, seconds)
    elif engine.dialect.name == "postgresql":
        _lock_postgres_writers(engine, seconds)
    return engine


def _lock_postgres_writers(engine: Engine, seconds: float) -> None:
    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(BEGIN_OPTION) == "IMMEDIATE":
            take_postgres_write_lock(connection, seconds)


def _take_sqlite_transaction_control(engine: Engine, seconds: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # no implicit BEGIN by the driver
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {timeout_ms(seconds)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(BEGIN_OPTION, "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())


def describe(url: URL) -> str:
    return url.render_as_string(hide_password=True)


@contextmanager
def translated_errors(url: URL) -> Iterator[None]:
    """Database failures become a StorageError with a Dutch message."""
    try:
        yield
    except DBAPIError as error:
        if is_lock_timeout(error):
            raise StorageError(busy_message(describe(url))) from error
        if error.connection_invalidated or _is_connect_failure(error):
            raise StorageError(
                _("De database {url} is niet bereikbaar: {detail}").format(
                    url=describe(url), detail=_first_line(error.orig)
                )
            ) from error
        raise StorageError(
            _("De database {url} weigerde de opdracht: {detail}").format(
                url=describe(url), detail=_first_line(error.orig)
            )
        ) from error


def _is_connect_failure(error: DBAPIError) -> bool:
    return error.statement is None or "connection" in type(error.orig).__name__.lower()


def _first_line(value: object) -> str:
    text = str(value).strip()
    return text.splitlines()[0] if text else type(value).__name__
