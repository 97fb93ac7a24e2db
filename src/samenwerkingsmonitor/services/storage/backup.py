"""Use case: back up the whole store to one self-describing file, and restore it exactly.

The file (docs/adr/0010-backup-format.md) holds a manifest and one member per table. The
manifest names the format and its version, the program version, the schema (Alembic)
revision, when it was made, and per table its columns (name and type), row count and the
SHA-256 of its canonical rows. A table member *is* its canonical rows: one JSON array per row,
values in column order, one row per line. So the checksum proves the rows, not just the bytes,
and after a restore the same checksums computed from the new database prove the copy exact,
also from SQLite to PostgreSQL and back.

Restore refuses (nothing is written) a file that is not a backup, is damaged or of another
format version or schema revision, and a database that already holds data.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from samenwerkingsmonitor import __version__
from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.errors import BackupRefused, StorageError, refusal
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.storage.backup_ports import (
    BackupFiles,
    BackupStore,
    Columns,
    Rows,
)
from samenwerkingsmonitor.services.storage.hash_chain import CHAINED, heads, verify

FORMAT_NAME = "samenwerkingsmonitor-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
LINKS = "chain_links"
TYPES = ("integer", "float", "text", "boolean", "date", "datetime")


@dataclass(frozen=True, slots=True)
class BackupSummary:
    path: Path
    schema_revision: str
    created: str
    row_counts: dict[str, int]


# canonical rows


def canonical_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "datetime":
        return value.astimezone(UTC).isoformat()
    if kind == "date":
        return value.isoformat()
    if kind == "float":
        return float(value)
    return value


def parsed_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "datetime":
        return datetime.fromisoformat(value)
    if kind == "date":
        return date.fromisoformat(value)
    return value


def canonical_rows(rows: Rows, columns: Columns) -> bytes:
    """One JSON array per row, values in column order; UTF-8, a newline after each row."""
    lines = (
        json.dumps([canonical_value(row[name], kind) for name, kind in columns],
                   ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
        for row in rows
    )
    return "".join(lines).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def member_name(table: str) -> str:
    return f"tables/{table}.jsonl"


# backup


def create_backup(store: BackupStore, path: Path, files: BackupFiles) -> BackupSummary:
    columns = store.table_columns()
    dump = store.dump()
    created = datetime.now(UTC).isoformat()
    members: list[tuple[str, bytes]] = []
    tables = []
    for table, table_columns in columns.items():
        data = canonical_rows(dump[table], table_columns)
        members.append((member_name(table), data))
        tables.append({
            "name": table, "member": member_name(table), "row_count": len(dump[table]),
            "sha256": sha256(data),
            "columns": [{"name": name, "type": kind} for name, kind in table_columns],
        })
    manifest = {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION, "program_version": __version__,
        "schema_revision": store.schema_revision(), "created": created, "tables": tables,
        "chain_heads": {t: [h.seq, h.chain_hash]
                        for t, h in sorted(heads(dump.get(LINKS, [])).items())},
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    files.write(path, [(MANIFEST, text.encode("utf-8")), *members])
    return BackupSummary(path, str(manifest["schema_revision"]), created,
                         {table: len(dump[table]) for table in columns})


# restore


def restore_backup(store: BackupStore, path: Path, files: BackupFiles) -> BackupSummary:
    """Check the whole file, then load it into the empty database at `store`, then prove the
    copy by recomputing every table's checksum from the database."""
    members = files.read(path)
    manifest = read_manifest(path, members)
    store.prepare()
    expected = store.table_columns()
    tables = check_tables(path, manifest, members, expected, store.schema_revision())
    check_chains(path, manifest, tables, expected)

    def check(dump: dict[str, Rows]) -> None:
        _check_copy(store, manifest, dump, expected)

    store.load(tables, check)
    return BackupSummary(path, manifest["schema_revision"], manifest["created"],
                         {name: len(rows) for name, rows in tables.items()})


def _refused(path: Path, problems: list[tuple[str, str]]) -> BackupRefused:
    report = ValidationReport()
    for message, hint in problems:
        report.add(Location(path.name), message, hint)
    return backup_refusal(path, report)


def backup_refusal(path: Path, report: ValidationReport) -> BackupRefused:
    """A backup file that cannot be restored; nothing was restored."""
    message = _("Het bestand {file} is geweigerd als reservekopie; er is niets hersteld.")
    return refusal(BackupRefused, report, message, message, file=path.name)


def read_manifest(path: Path, members: dict[str, bytes]) -> dict[str, Any]:
    not_backup = _("Het bestand is geen reservekopie van samenwerkingsmonitor.")
    hint = _("Kies een bestand dat met 'samenwerkingsmonitor backup' is gemaakt.")
    try:
        manifest = json.loads(members[MANIFEST].decode("utf-8"))
    except (KeyError, UnicodeDecodeError, json.JSONDecodeError):
        raise _refused(path, [(not_backup, hint)]) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise _refused(path, [(not_backup, hint)])
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise _refused(path, [(
            _("De reservekopie heeft formaatversie {found}; deze versie van samenwerkingsmonitor "
              "leest formaatversie {expected}.").format(found=version, expected=FORMAT_VERSION),
            _("Herstel met de versie van samenwerkingsmonitor waarmee de reservekopie is "
              "gemaakt ({program}).").format(program=manifest.get("program_version", "?")))])
    if not isinstance(manifest.get("tables"), list):
        raise _refused(path, [(_("De inhoudsopgave (manifest.json) van de reservekopie is "
                                 "onvolledig."), _("Maak de reservekopie opnieuw."))])
    return manifest


def check_tables(path: Path, manifest: dict[str, Any], members: dict[str, bytes],
                 expected: dict[str, Columns], revision: str) -> dict[str, Rows]:
    """Every problem of the file at once, or the rows of every table, ready to insert."""
    if manifest.get("schema_revision") != revision:
        raise _refused(path, [(
            _("De reservekopie heeft schemaversie {found}; deze database heeft schemaversie "
              "{expected}.").format(found=manifest.get("schema_revision"), expected=revision),
            _("Herstel met de versie van samenwerkingsmonitor waarmee de reservekopie is "
              "gemaakt ({program}).").format(program=manifest.get("program_version", "?")))])
    problems: list[tuple[str, str]] = []
    listed = {t.get("name"): t for t in manifest["tables"] if isinstance(t, dict)}
    tables: dict[str, Rows] = {}
    for name, columns in expected.items():
        entry = listed.get(name)
        if entry is None:
            problems.append((_("Tabel {table} ontbreekt in de reservekopie.").format(table=name),
                             _("Maak de reservekopie opnieuw.")))
            continue
        rows = _table_rows(name, entry, members, columns, problems)
        if rows is not None:
            tables[name] = rows
    for name in sorted(str(n) for n in listed if n not in expected):
        problems.append((_("Tabel {table} in de reservekopie bestaat niet in deze "
                           "database.").format(table=name), _("Maak de reservekopie opnieuw.")))
    if problems:
        raise _refused(path, problems)
    return tables


def check_chains(path: Path, manifest: dict[str, Any], tables: dict[str, Rows],
                 expected: dict[str, Columns]) -> None:
    """Refuses a backup whose hash chains do not verify, naming each table's first broken
    link; then its chain heads must be the manifest's, and every head a run pinned must be a
    link of its chain (ADR 0027)."""
    hint = _("De reservekopie is gewijzigd na het maken, of beschadigd; gebruik een andere "
             "reservekopie en bewaar reservekopieën waar niemand ze kan wijzigen.")
    links = tables.get(LINKS, [])
    problems = []
    for name in CHAINED:
        found = verify(name, tables.get(name, []), expected[name],
                       [link for link in links if link["table_name"] == name])
        if found is not None:
            problems.append((found.describe(), hint))
    if problems:
        raise _refused(path, problems)
    listed = manifest.get("chain_heads")
    actual = {t: [h.seq, h.chain_hash] for t, h in heads(links).items()}
    for name in CHAINED:
        if not isinstance(listed, dict) or listed.get(name) != actual[name]:
            problems.append((_("De kop van de hashketen van tabel {table} wijkt af van de "
                               "inhoudsopgave (manifest.json).").format(table=name), hint))
    hashes = {(link["table_name"], link["seq"]): link["chain_hash"] for link in links}
    for run in tables.get("runs", []):
        for table, (seq, value) in json.loads(run.get("chain_heads") or "{}").items():
            if seq and hashes.get((table, seq)) != value:
                problems.append((_("Run {run} legde de hashketen van tabel {table} vast bij "
                                   "schakel {seq}, maar die schakel is anders of ontbreekt.")
                                 .format(run=run["id"], table=table, seq=seq), hint))
    if problems:
        raise _refused(path, problems)


def _table_rows(name: str, entry: dict[str, Any], members: dict[str, bytes], columns: Columns,
                problems: list[tuple[str, str]]) -> Rows | None:
    damaged = _("Het bestand is beschadigd of gewijzigd sinds de reservekopie is gemaakt; "
                "gebruik een andere reservekopie.")
    listed = [(c.get("name"), c.get("type")) for c in entry.get("columns", [])]
    if listed != columns:
        problems.append((_("De kolommen van tabel {table} in de reservekopie wijken af van "
                           "deze database.").format(table=name), damaged))
        return None
    data = members.get(str(entry.get("member")))
    if data is None or sha256(data) != entry.get("sha256"):
        problems.append((_("De controlesom van tabel {table} klopt niet.").format(table=name),
                         damaged))
        return None
    try:
        lines = [json.loads(line) for line in data.decode("utf-8").splitlines()]
        rows = [{c: parsed_value(v, kind) for (c, kind), v in zip(columns, line, strict=True)}
                for line in lines]
    except (UnicodeDecodeError, ValueError, TypeError):
        problems.append((_("Tabel {table} in de reservekopie is onleesbaar.").format(table=name),
                         damaged))
        return None
    if len(rows) != entry.get("row_count"):
        problems.append((_("Tabel {table} heeft {found} rijen; de reservekopie noemt er "
                           "{expected}.").format(table=name, found=len(rows),
                                                  expected=entry.get("row_count")), damaged))
        return None
    return rows


def _check_copy(store: BackupStore, manifest: dict[str, Any], dump: dict[str, Rows],
                expected: dict[str, Columns]) -> None:
    sums = {t["name"]: t["sha256"] for t in manifest["tables"]}
    wrong = [name for name, columns in expected.items()
             if sha256(canonical_rows(dump[name], columns)) != sums[name]]
    if wrong:
        raise StorageError(
            _("Na het terugzetten wijken de tabellen {tables} in {url} af van de reservekopie; "
              "er is niets hersteld.").format(tables=", ".join(wrong), url=store.describe()))
