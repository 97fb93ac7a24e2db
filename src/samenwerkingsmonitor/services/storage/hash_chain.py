"""Hash chains over append-only tables: each row's hash chains to the one before it
(docs/adr/0027-hash-chains-and-signed-backups.md).

One chain per table, in insertion order (the table's increasing integer `order` column). A link
holds the row's hash (SHA-256 of its canonical values, every column of the row, so a new column
is covered without a change here) and the chain hash: SHA-256 of the previous chain hash and the
row hash. Changing, removing, inserting or reordering a row breaks the chain at that row; the
last chain hash (the head) pins every row before it.

This module is pure: it hashes and walks rows given as dicts. The store
(adapters/storage/chains.py) keeps the links in the table `chain_links` and calls `link_rows`
after every insert; backup and restore call `verify` on the rows of a backup file.

To chain another append-only table, add it to CHAINED with the column that orders it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from samenwerkingsmonitor.i18n import _

# table -> the integer column that grows with every insert (its insertion order)
CHAINED: dict[str, str] = {
    "documents": "id",
    "batches": "id",
    "measurement_versions": "id",
    "runs": "number",
    "judgements": "id",  # the assessor's judgements (issue 12)
    "process_events": "id",  # the events the process indicators count
}
GENESIS = "0" * 64
Columns = Sequence[tuple[str, str]]  # (name, kind) with kind as in services/storage/backup.py TYPES


@dataclass(frozen=True, slots=True)
class Link:
    table: str
    seq: int  # 1, 2, 3, ... within the table's chain
    position: int  # the row's order value (its id; a run's number)
    row_hash: str
    chain_hash: str

    def as_row(self) -> dict[str, Any]:
        return {"table_name": self.table, "seq": self.seq, "position": self.position,
                "row_hash": self.row_hash, "chain_hash": self.chain_hash}


@dataclass(frozen=True, slots=True)
class Head:
    table: str
    seq: int
    chain_hash: str

    def label(self) -> str:
        """`measurement_versions 1234 9f86d081884c7d65`: what a report prints."""
        return f"{self.table} {self.seq} {self.chain_hash[:16]}"


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """The first broken link of a table's chain."""

    table: str
    seq: int
    position: int | None
    reason: str

    def describe(self) -> str:
        where = (_("schakel {seq} (rij {position})") if self.position is not None
                 else _("schakel {seq}")).format(seq=self.seq, position=self.position)
        return _("De hashketen van tabel {table} is gebroken bij {where}: {reason}.").format(
            table=self.table, where=where, reason=self.reason)


def _canonical(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "datetime":
        return value.astimezone(UTC).isoformat()
    if kind == "date" or isinstance(value, date | datetime):
        return value.isoformat()
    if kind == "float":
        return float(value)
    if kind == "boolean":
        return bool(value)
    if kind == "integer":
        return int(value)
    return value


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class RowHasher:
    """`row_hash` for many rows of one table: the columns that need converting are found once,
    the rest (text, integers, booleans) go into the JSON as they are."""

    def __init__(self, table: str, columns: Columns) -> None:
        self.table = table
        self.names = [name for name, _kind in columns]
        self.converted = [(index, kind) for index, (_name, kind) in enumerate(columns)
                          if kind in ("datetime", "date", "float")]

    def values(self, values: Sequence[Any]) -> str:
        """The hash of a row given as its values in column order."""
        row = [self.table, *values]
        for index, kind in self.converted:
            row[index + 1] = _canonical(row[index + 1], kind)
        text = _ENCODER.encode(row)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def mapping(self, row: Mapping[str, Any]) -> str:
        return self.values([row[name] for name in self.names])


def row_hash(table: str, row: Mapping[str, Any], columns: Columns) -> str:
    """SHA-256 of the table name and the canonical values of every column of `row`."""
    return RowHasher(table, columns).mapping(row)


def chain_hash(previous: str, row_digest: str) -> str:
    return hashlib.sha256(f"{previous}:{row_digest}".encode("ascii")).hexdigest()


def link_rows(table: str, rows: Iterable[Mapping[str, Any]], columns: Columns,
              after: Link | None) -> list[Link]:
    """The links of `rows` (in insertion order), continuing the chain after `after`."""
    names = [name for name, _kind in columns]
    return link_value_rows(table, ([row[n] for n in names] for row in rows), columns, after)


def link_value_rows(table: str, rows: Iterable[Sequence[Any]], columns: Columns,
                    after: Link | None) -> list[Link]:
    """`link_rows` for rows given as values in column order (as the store reads them)."""
    hasher = RowHasher(table, columns)
    order = hasher.names.index(CHAINED[table])
    seq, previous = (after.seq, after.chain_hash) if after else (0, GENESIS)
    links = []
    for values in rows:
        seq += 1
        digest = hasher.values(values)
        previous = chain_hash(previous, digest)
        links.append(Link(table, seq, int(values[order]), digest, previous))
    return links


def verify(table: str, rows: Sequence[Mapping[str, Any]], columns: Columns,
           links: Sequence[Mapping[str, Any]]) -> ChainBreak | None:
    """The first broken link of `table`, or None when rows and links agree all the way."""
    order = CHAINED[table]
    hasher = RowHasher(table, columns)
    ordered_rows = sorted(rows, key=lambda row: int(row[order]))
    ordered_links = sorted(links, key=lambda link: int(link["seq"]))
    previous = GENESIS
    for index, link in enumerate(ordered_links):
        seq, position = int(link["seq"]), int(link["position"])
        if seq != index + 1:
            return ChainBreak(table, index + 1, None, _("de schakel ontbreekt"))
        if index >= len(ordered_rows):
            return ChainBreak(table, seq, position, _("de rij ontbreekt"))
        row = ordered_rows[index]
        if int(row[order]) != position:
            return ChainBreak(table, seq, int(row[order]),
                              _("er is een rij tussengevoegd of weggehaald"))
        if hasher.mapping(row) != link["row_hash"]:
            return ChainBreak(table, seq, position,
                              _("de rij is gewijzigd nadat hij is vastgelegd"))
        previous = chain_hash(previous, str(link["row_hash"]))
        if previous != link["chain_hash"]:
            return ChainBreak(table, seq, position, _("de schakel zelf is gewijzigd"))
    if len(ordered_rows) > len(ordered_links):
        row = ordered_rows[len(ordered_links)]
        return ChainBreak(table, len(ordered_links) + 1, int(row[order]),
                          _("de rij heeft geen schakel in de keten"))
    return None


def heads(links: Iterable[Mapping[str, Any]]) -> dict[str, Head]:
    """The last link of every chained table (a table without rows has the genesis head)."""
    found = {table: Head(table, 0, GENESIS) for table in CHAINED}
    for link in links:
        table, seq = str(link["table_name"]), int(link["seq"])
        if table in found and seq > found[table].seq:
            found[table] = Head(table, seq, str(link["chain_hash"]))
    return found


def heads_to_json(found: Mapping[str, Head]) -> str:
    return json.dumps({t: [h.seq, h.chain_hash] for t, h in sorted(found.items())},
                      separators=(",", ":"))


def heads_from_json(text: str) -> dict[str, Head]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return {table: Head(table, int(seq), str(value)) for table, (seq, value) in data.items()}
