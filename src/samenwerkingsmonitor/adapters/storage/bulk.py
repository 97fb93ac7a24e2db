"""Bulk inserts: COPY on PostgreSQL, executemany in chunks on SQLite (docs/adr/0014).

Both take the same rows (dicts keyed by column name, as serialisation.py makes them) and store
the same values: before COPY every value goes through its column type's bind processing (the
UTC conversion of UtcDateTime), as SQLAlchemy does for an INSERT. Ids that a row leaves out
come from the table's sequence in row order, as with executemany.

COPY runs on the driver (psycopg) connection under the SQLAlchemy Connection, so it is part of
the same transaction. Its errors are raised as SQLAlchemy's DBAPIError subclasses (an
IntegrityError stays an IntegrityError), so callers handle one kind of error on both backends.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain, islice
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

CHUNK = 5_000  # rows per executemany: bounded memory, few round trips


def chunks(rows: Iterable[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def insert_rows(conn: Connection, table: Table, rows: Iterable[dict[str, Any]]) -> int:
    """Insert `rows` into `table` in the connection's transaction; returns the row count.

    Every row must have the same keys (the columns it fills)."""
    if conn.dialect.name == "postgresql":
        return _copy(conn, table, rows)
    if conn.dialect.name == "sqlite":
        return _executemany(conn, table, rows)
    count = 0
    for chunk in chunks(rows):
        conn.execute(insert(table), chunk)
        count += len(chunk)
    return count


def _executemany(conn: Connection, table: Table, rows: Iterable[dict[str, Any]]) -> int:
    """SQLite: the driver's executemany on the rows as tuples, each value through its column
    type's bind processing as SQLAlchemy would do (ADR 0025: the import streams a million rows
    and SQLAlchemy's per-row parameter handling cost more than the insert itself)."""
    import sqlite3

    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return 0
    names = [column.name for column in table.columns if column.name in first]
    pick = itemgetter(*names)
    # Only the columns whose type processes values (a UTC timestamp, a date); a batch repeats
    # the same few values there, so each distinct value is processed once.
    special = [(index, processor) for index, name in enumerate(names)
               if (processor := _bind_processor(table, name, conn)) is not _same]
    memo: list[dict[Any, Any]] = [{} for _ in special]
    statement = (f"INSERT INTO {table.name} ({', '.join(names)}) "
                 f"VALUES ({', '.join('?' * len(names))})")
    driver: Any = conn.connection.driver_connection

    def row(item: dict[str, Any]) -> tuple[Any, ...]:
        values = pick(item)
        if not special:
            return values if len(names) > 1 else (values,)
        cells = list(values) if len(names) > 1 else [values]
        for (index, process), seen in zip(special, memo, strict=True):
            value = cells[index]
            try:
                cells[index] = seen[value]
            except KeyError:
                cells[index] = seen.setdefault(value, process(value)) if len(seen) < 10_000 \
                    else process(value)
            except TypeError:  # not hashable
                cells[index] = process(value)
        return tuple(cells)

    count = 0
    try:
        for chunk in chunks(chain([first], iterator)):
            driver.executemany(statement, [row(item) for item in chunk])
            count += len(chunk)
    except sqlite3.Error as error:
        raise DBAPIError.instance(statement, None, error, sqlite3.Error) from error
    return count


def _copy(conn: Connection, table: Table, rows: Iterable[dict[str, Any]]) -> int:
    import psycopg  # only here: SQLite users need no PostgreSQL driver

    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return 0
    names = [column.name for column in table.columns if column.name in first]
    processors = [_bind_processor(table, name, conn) for name in names]
    statement = f"COPY {table.name} ({', '.join(names)}) FROM STDIN"
    driver: Any = conn.connection.driver_connection
    count = 0
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for item in chain([first], iterator):
                copy.write_row([process(item[name])
                                for name, process in zip(names, processors, strict=True)])
                count += 1
    except psycopg.Error as error:
        raise DBAPIError.instance(statement, None, error, psycopg.Error) from error
    return count


def _bind_processor(table: Table, name: str, conn: Connection) -> Any:
    processor = table.c[name].type.bind_processor(conn.dialect)
    return processor if processor is not None else _same


def _same(value: Any) -> Any:
    return value
