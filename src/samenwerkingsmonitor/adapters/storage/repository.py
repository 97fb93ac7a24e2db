"""The Repository port (services/storage/ports.py) on SQLAlchemy Core: SQLite file or PostgreSQL.

History is append-only: this module only INSERTs and SELECTs; the database refuses UPDATE and
DELETE by trigger (docs/adr/0007-storage-and-history.md).
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, exists, func, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from samenwerkingsmonitor.adapters.storage import migrations
from samenwerkingsmonitor.adapters.storage import serialisation as ser
from samenwerkingsmonitor.adapters.storage.bulk import insert_rows
from samenwerkingsmonitor.adapters.storage.chains import current_heads, link_new_rows, verify_store
from samenwerkingsmonitor.adapters.storage.engine import (
    BEGIN_OPTION,
    build_engine,
    describe,
    parse_url,
    sqlite_path,
    translated_errors,
)
from samenwerkingsmonitor.adapters.storage.integrity import check_versions_of_batch
from samenwerkingsmonitor.adapters.storage.process_records import ProcessRecords
from samenwerkingsmonitor.adapters.storage.tables import (
    batches,
    documents,
    measurement_versions,
    metadata,
    runs,
)
from samenwerkingsmonitor.adapters.storage.tables import criterion_verdicts as verdicts_table
from samenwerkingsmonitor.adapters.storage.tables import findings as findings_table
from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict, Finding
from samenwerkingsmonitor.errors import StorageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.storage.hash_chain import ChainBreak, Head
from samenwerkingsmonitor.services.storage.ports import (
    Batch,
    NewVersion,
    StoredDocument,
    StoredMeasurement,
)

LATEST = "latest"
PG_MIGRATE_LOCK = 7_007_001  # advisory lock key: one migration at a time on a server


class SqlRepository(ProcessRecords):
    """Implements services.ports.Repository. One Connection per transaction."""

    def __init__(self, url: str) -> None:
        self.url = parse_url(url)
        self._engine = build_engine(self.url)
        self._write_engine = self._engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})
        self._local = threading.local()
        self._schema_ok = False

    # set-up

    def migrate(self) -> None:
        """Create the database (a SQLite file too) or upgrade it to the newest schema."""
        path = sqlite_path(self.url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        with translated_errors(self.url), self._write_engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATE_LOCK})
            revision = migrations.current_revision(conn)
            if revision is not None and not migrations.is_known(revision):
                raise StorageError(self._wrong_version(revision))
            migrations.upgrade(conn)
        self._schema_ok = True

    def close(self) -> None:
        self._engine.dispose()

    def _require_schema(self) -> None:
        if self._schema_ok:
            return
        path = sqlite_path(self.url)
        if path is not None and not path.exists():
            raise StorageError(self._not_initialised())
        with translated_errors(self.url), self._engine.connect() as conn:
            revision = migrations.current_revision(conn)
        if revision is None:
            raise StorageError(self._not_initialised())
        if revision != migrations.head_revision():
            raise StorageError(self._wrong_version(revision))
        self._schema_ok = True

    def _wrong_version(self, revision: str) -> str:
        values = {"url": describe(self.url), "found": revision,
                  "expected": migrations.head_revision()}
        if migrations.is_known(revision):
            return _("De database {url} heeft schemaversie {found}; deze versie van "
                     "samenwerkingsmonitor verwacht {expected}. Draai `samenwerkingsmonitor "
                     "init` om de database bij te werken.").format(**values)
        return _("De database {url} heeft schemaversie {found}, die deze versie van "
                 "samenwerkingsmonitor niet kent (verwacht {expected}). Werk "
                 "samenwerkingsmonitor bij.").format(**values)

    def _not_initialised(self) -> str:
        return _("De database {url} is nog niet ingericht. Draai eerst "
                 "`samenwerkingsmonitor init`.").format(url=describe(self.url))

    # transactions

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside the block land together or not at all; nested blocks join."""
        if getattr(self._local, "conn", None) is not None:
            yield
            return
        self._require_schema()
        with translated_errors(self.url), self._write_engine.begin() as conn:
            self._local.conn = conn
            try:
                yield
            finally:
                self._local.conn = None

    @contextmanager
    def _connection(self, write: bool = False) -> Iterator[Connection]:
        active: Connection | None = getattr(self._local, "conn", None)
        if active is not None:
            with translated_errors(self.url):
                yield active
            return
        self._require_schema()
        engine = self._write_engine if write else self._engine
        with translated_errors(self.url), engine.begin() as conn:
            yield conn

    def connection(self, write: bool = False) -> Any:
        """A connection for a sibling store on the same database (adapters/storage/accounts.py):
        the open transaction's, else a new one."""
        return self._connection(write)

    # documents

    def store_document(self, kind: str, name: str, label: str, text: str, sha256: str,
                       user: str, reason: str) -> StoredDocument:
        with self._connection(write=True) as conn:
            latest = conn.execute(
                select(func.max(documents.c.version)).where(
                    documents.c.kind == kind, documents.c.name == name
                )
            ).scalar_one()
            row = {
                "kind": kind, "name": name, "version": (latest or 0) + 1, "label": label,
                "text": text, "sha256": sha256, "user_name": user,
                "created": datetime.now(UTC), "reason": reason,
            }
            conn.execute(insert(documents).values(row))
            link_new_rows(conn, "documents")
        return ser.row_to_document(row)

    def latest_document(self, kind: str, name: str) -> StoredDocument | None:
        query = (
            select(documents).where(documents.c.kind == kind, documents.c.name == name)
            .order_by(documents.c.version.desc()).limit(1)
        )
        with self._connection() as conn:
            row = conn.execute(query).mappings().first()
        return None if row is None else ser.row_to_document(row)

    def document(self, kind: str, name: str, version: int) -> StoredDocument | None:
        query = select(documents).where(
            documents.c.kind == kind, documents.c.name == name, documents.c.version == version
        )
        with self._connection() as conn:
            row = conn.execute(query).mappings().first()
        return None if row is None else ser.row_to_document(row)

    # measurements

    def add_batch(self, file_name: str, sha256: str, sheet: str | None, user: str,
                  reason: str, rows: int) -> Batch:
        row: dict[str, Any] = {
            "file_name": file_name, "sha256": sha256, "sheet": sheet, "user_name": user,
            "created": datetime.now(UTC), "reason": reason, "row_count": int(rows),
        }
        with self._connection(write=True) as conn:
            result = conn.execute(insert(batches).values(row).returning(batches.c.id))
            row["id"] = result.scalar_one()
            link_new_rows(conn, "batches")
        return ser.row_to_batch(row)

    def append_versions(self, batch: Batch, versions: Sequence[NewVersion],
                        check: bool = True) -> None:
        """Insert new versions of `batch`; refuses forks and versions of the wrong key
        (`check=False`: a chunk of a streamed import, checked once by check_batch)."""
        if not versions:
            return
        rows = (ser.version_to_row(batch, version) for version in versions)
        with self._connection(write=True) as conn:
            try:
                insert_rows(conn, measurement_versions, rows)  # COPY on PostgreSQL
            except IntegrityError as error:
                raise StorageError(
                    _("Een meetwaarde kan maar één keer worden vervangen, en alleen door een "
                      "versie uit een bestaande importbatch ({detail}).").format(
                        detail=str(error.orig).strip().splitlines()[0]
                    )
                ) from error
            if check:
                check_versions_of_batch(conn, batch.id)
            link_new_rows(conn, "measurement_versions")

    def check_batch(self, batch_id: int) -> None:
        with self._connection(write=True) as conn:
            check_versions_of_batch(conn, batch_id)

    def current_versions(self, keys: Collection[tuple[str, str, int, str]]
                         ) -> dict[tuple[str, str, int, str], StoredMeasurement]:
        """Only the versions of the given keys: narrowed in SQL by subject (in groups that
        stay under the drivers' parameter limits) and indicator, then matched exactly."""
        wanted = set(keys)
        if not wanted:
            return {}
        mv, later = measurement_versions, measurement_versions.alias("later")
        superseded = select(later.c.id).where(later.c.supersedes == mv.c.id)
        subjects = sorted({key[0] for key in wanted})
        indicators = sorted({key[1] for key in wanted})
        found: dict[tuple[str, str, int, str], StoredMeasurement] = {}
        with self._connection() as conn:
            for start in range(0, len(subjects), _IN_GROUP):
                query = _with_batch(select(mv)).where(
                    ~exists(superseded), mv.c.subject.in_(subjects[start:start + _IN_GROUP]),
                    mv.c.indicator.in_(indicators))
                for row in conn.execute(query).mappings():
                    key = (row["subject"], row["indicator"], row["year"], row["kind"])
                    if key in wanted:
                        found[key] = ser.row_to_stored_measurement(row)
        return found

    def current_measurements(self, as_of_batch: int | None = None) -> list[StoredMeasurement]:
        """The newest version per (subject, indicator, year, kind): the versions no later
        version supersedes; with `as_of_batch`, as the store stood after that batch."""
        mv, later = measurement_versions, measurement_versions.alias("later")
        superseded = select(later.c.id).where(later.c.supersedes == mv.c.id)
        query = _with_batch(select(mv)).where(~exists(superseded))
        if as_of_batch is not None:
            superseded = superseded.where(later.c.batch_id <= as_of_batch)
            query = _with_batch(select(mv)).where(
                ~exists(superseded), mv.c.batch_id <= as_of_batch
            )
        with self._connection() as conn:
            result = conn.execute(query).mappings()
            stored = [ser.row_to_stored_measurement(row) for row in result]
        stored.sort(key=lambda s: (*s.measurement.key, s.version_id))
        return stored

    def history(self, subject: str, indicator: str) -> list[StoredMeasurement]:
        """Every version of every year and kind, oldest first, with its batch."""
        mv = measurement_versions
        query = (
            _with_batch(select(mv))
            .where(mv.c.subject == subject, mv.c.indicator == indicator)
            .order_by(mv.c.id)
        )
        with self._connection() as conn:
            return [ser.row_to_stored_measurement(row) for row in conn.execute(query).mappings()]

    def last_batch_id(self) -> int:
        with self._connection() as conn:
            return int(conn.execute(select(func.max(batches.c.id))).scalar_one() or 0)

    # assessment runs

    def next_run_id(self) -> str:
        with self._connection() as conn:
            latest = conn.execute(select(func.max(runs.c.number))).scalar_one()
        return ser.run_id((latest or 0) + 1)

    def store_run(self, run: AssessmentRun, findings: Sequence[Finding],
                  criterion_verdicts: Sequence[CriterionVerdict]) -> None:
        """The run, its findings and criterion verdicts, in one transaction."""
        number = ser.run_number(run.id)
        if number is None:
            raise StorageError(
                _("Ongeldig run-id '{run}': verwacht R- gevolgd door cijfers, zoals R-0001.")
                .format(run=run.id)
            )
        ordered_findings = sorted(findings, key=ser.finding_order)
        ordered_verdicts = sorted(criterion_verdicts, key=ser.verdict_order)
        with self._connection(write=True) as conn:
            pinned = tuple((h.table, h.seq, h.chain_hash) for h in current_heads(conn).values()
                           if h.table != "runs")
            try:
                conn.execute(insert(runs).values(
                    ser.run_to_row(replace(run, chain_heads=pinned), number)))
            except IntegrityError as error:
                raise StorageError(
                    _("Run {run} bestaat al; vraag een nieuw run-id aan.").format(run=run.id)
                ) from error
            finding_rows = (
                ser.finding_to_row(run.id, seq, f) for seq, f in enumerate(ordered_findings)
            )
            insert_rows(conn, findings_table, finding_rows)
            verdict_rows = (
                ser.verdict_to_row(run.id, seq, v) for seq, v in enumerate(ordered_verdicts)
            )
            insert_rows(conn, verdicts_table, verdict_rows)
            link_new_rows(conn, "runs")

    def run(self, run_id: str) -> AssessmentRun | None:
        """A stored run; `latest` gives the newest."""
        query = select(runs)
        if run_id == LATEST:
            query = query.order_by(runs.c.number.desc()).limit(1)
        else:
            query = query.where(runs.c.id == run_id)
        with self._connection() as conn:
            row = conn.execute(query).mappings().first()
        return None if row is None else ser.row_to_run(row)

    def runs(self) -> list[AssessmentRun]:
        """Every stored run, oldest first."""
        with self._connection() as conn:
            rows = conn.execute(select(runs).order_by(runs.c.number)).mappings().all()
        return [ser.row_to_run(row) for row in rows]

    def findings(self, run_id: str) -> list[Finding]:
        with self._connection() as conn:
            query = (
                select(findings_table)
                .where(findings_table.c.run_id == self._resolve(conn, run_id))
                .order_by(findings_table.c.seq)
            )
            return [ser.row_to_finding(row) for row in conn.execute(query).mappings()]

    def criterion_verdicts(self, run_id: str) -> list[CriterionVerdict]:
        cv = verdicts_table
        with self._connection() as conn:
            query = select(cv).where(cv.c.run_id == self._resolve(conn, run_id)).order_by(cv.c.seq)
            return [ser.row_to_verdict(row) for row in conn.execute(query).mappings()]

    def _resolve(self, conn: Connection, run_id: str) -> str:
        if run_id != LATEST:
            return run_id
        newest = select(runs.c.id).order_by(runs.c.number.desc()).limit(1)
        return conn.execute(newest).scalar_one_or_none() or ""

    # whole database

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every table, history included, rows as dicts sorted by primary key."""
        with self._connection() as conn:
            return {table.name: _rows(conn, table) for table in metadata.sorted_tables}

    def verify_chains(self) -> list[ChainBreak]:
        """The first broken link of every hash chain; empty when all hold (ADR 0027)."""
        with self._connection() as conn:
            return verify_store(conn)

    def chain_heads(self) -> dict[str, Head]:
        with self._connection() as conn:
            return current_heads(conn)

    def iter_tables(self) -> Iterator[str]:
        """Table names, parents before children (the order to restore them in)."""
        yield from (table.name for table in metadata.sorted_tables)


_IN_GROUP = 900  # subjects per IN list: under the 999 parameters of older SQLite builds


def _with_batch(query: Any) -> Any:
    mv = measurement_versions
    return query.add_columns(batches.c.file_name, batches.c.sheet).join(
        batches, batches.c.id == mv.c.batch_id
    )


def _rows(conn: Connection, table: Table) -> list[dict[str, Any]]:
    query = select(table).order_by(*table.primary_key.columns)
    return [dict(row) for row in conn.execute(query).mappings()]
