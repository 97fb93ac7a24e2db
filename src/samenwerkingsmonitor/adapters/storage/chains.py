"""The hash chains in the store: links are added in the same transaction as the rows they
cover, and `verify_store` walks every chain (services/storage/hash_chain.py, ADR 0027)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Date, Double, Integer, Table, select
from sqlalchemy.engine import Connection

from samenwerkingsmonitor.adapters.storage.bulk import insert_rows
from samenwerkingsmonitor.adapters.storage.tables import UtcDateTime, chain_links, metadata
from samenwerkingsmonitor.services.storage.hash_chain import (
    CHAINED,
    ChainBreak,
    Head,
    Link,
    heads,
    link_value_rows,
    verify,
)

_SQLITE_INSERT = ("INSERT INTO chain_links (table_name, seq, position, row_hash, chain_hash) "
                  "VALUES (?, ?, ?, ?, ?)")


def column_type(column_type_: Any) -> str:
    """The backup's type name of a column (services.storage.backup.TYPES), also used for hashing."""
    if isinstance(column_type_, UtcDateTime):
        return "datetime"
    if isinstance(column_type_, Boolean):
        return "boolean"
    if isinstance(column_type_, Date):
        return "date"
    if isinstance(column_type_, Double):
        return "float"
    if isinstance(column_type_, Integer):
        return "integer"
    return "text"


def columns_of(table: Table) -> list[tuple[str, str]]:
    return [(c.name, column_type(c.type)) for c in table.columns]


def _last_link(conn: Connection, name: str) -> Link | None:
    query = (select(chain_links).where(chain_links.c.table_name == name)
             .order_by(chain_links.c.seq.desc()).limit(1))
    row = conn.execute(query).mappings().first()
    if row is None:
        return None
    return Link(name, row["seq"], row["position"], row["row_hash"], row["chain_hash"])


def link_new_rows(conn: Connection, name: str, chunk: int = 20_000) -> None:
    """Links for the rows of `name` that have none yet (the rows just inserted), inside the
    caller's write transaction: one writer at a time (write_lock.py) keeps the order. Rows are
    read in pages of `chunk` by their order column, so memory stays flat in the row count."""
    table = metadata.tables[name]
    order = table.c[CHAINED[name]]
    columns = columns_of(table)
    last = _last_link(conn, name)
    while True:
        query = select(table).order_by(order).limit(chunk)
        if last is not None:
            query = query.where(order > last.position)
        rows = conn.execute(query).all()  # tuples in column order: cheaper than mappings
        if not rows:
            return
        links = link_value_rows(name, rows, columns, last)
        if conn.dialect.name == "sqlite":  # plain tuples: no per-row parameter processing
            conn.exec_driver_sql(_SQLITE_INSERT, [(link.table, link.seq, link.position,
                                                   link.row_hash, link.chain_hash)
                                                  for link in links])
        else:
            insert_rows(conn, chain_links, (link.as_row() for link in links))  # COPY
        last = links[-1]


def current_heads(conn: Connection) -> dict[str, Head]:
    found = {}
    for name in CHAINED:
        last = _last_link(conn, name)
        found[name] = heads([last.as_row()] if last else [])[name]
    return found


def verify_store(conn: Connection) -> list[ChainBreak]:
    """The first broken link of each chained table; empty when every chain holds."""
    breaks = []
    for name in CHAINED:
        table = metadata.tables[name]
        rows = [dict(r) for r in conn.execute(select(table)).mappings()]
        links = [dict(r) for r in conn.execute(
            select(chain_links).where(chain_links.c.table_name == name)).mappings()]
        found = verify(name, rows, columns_of(table), links)
        if found is not None:
            breaks.append(found)
    return breaks
