"""The tables of the store (SQLAlchemy Core), the single source the migrations must match.

Every table is history: rows are only ever inserted (docs/adr/0007-storage-and-history.md).
The initial migration
also installs triggers that refuse UPDATE and DELETE (docs/adr/0007-storage-and-history.md).
The column that names who made a change is `user_name`, not `user`: `user` is a reserved word
in PostgreSQL and would need quoting in every hand-written statement (COPY, backups).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from samenwerkingsmonitor.errors import StorageError
from samenwerkingsmonitor.i18n import _

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend.

    SQLite keeps no offset, so values are converted to UTC before they are written and a naive
    value read back is UTC by construction.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise StorageError(_("Een tijdstip zonder tijdzone kan niet worden opgeslagen: "
                                 "{value}.").format(value=value))
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        assert isinstance(moment, datetime)
        if moment.tzinfo is None:  # SQLite: stored as UTC without an offset
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)


def _who_when_why() -> list[Column[Any]]:
    return [
        Column("user_name", String(200), nullable=False),
        Column("created", UtcDateTime(), nullable=False),
        Column("reason", Text, nullable=False),
    ]


documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("name", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    Column("label", String(200), nullable=False),
    Column("text", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    *_who_when_why(),
    UniqueConstraint("kind", "name", "version"),
    sqlite_autoincrement=True,
)

batches = Table(
    "batches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("sheet", String(200), nullable=True),
    *_who_when_why(),
    Column("row_count", Integer, nullable=False),
    sqlite_autoincrement=True,
)

measurement_versions = Table(
    "measurement_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("subject", String(200), nullable=False),
    Column("indicator", String(200), nullable=False),
    Column("year", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("value", Double, nullable=True),
    Column("scale_value", String(200), nullable=True),
    Column("unit", String(60), nullable=False),
    Column("source", Text, nullable=False),
    Column("reference_date", Date, nullable=True),
    Column("status", String(40), nullable=False),
    Column("variant", Text, nullable=False),
    Column("comparable", Boolean, nullable=False),
    Column("note", Text, nullable=False),
    Column("batch_id", Integer, ForeignKey("batches.id"), nullable=False),
    Column("row", Integer, nullable=True),
    *_who_when_why(),
    Column("supersedes", Integer, ForeignKey("measurement_versions.id"), nullable=True),
    # What a version is a version of; serves history() and the one-current-version check.
    Index(None, "subject", "indicator", "year", "kind", "id"),
    # A version is superseded at most once, so history is a chain, never a fork; the index
    # also makes the NOT EXISTS of current_measurements() a lookup.
    Index(None, "supersedes", unique=True),
    Index(None, "batch_id"),
    sqlite_autoincrement=True,
)

runs = Table(
    "runs",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("number", Integer, nullable=False, unique=True),  # R-0012 → 12; orders runs
    Column("framework_id", String(200), nullable=False),
    Column("framework_version", String(200), nullable=False),
    Column("framework_hash", String(64), nullable=False),
    Column("organisation_version", String(200), nullable=False),
    Column("data_batch", Integer, nullable=False),
    Column("data_hash", String(64), nullable=False),
    Column("seed", Text, nullable=False),  # text: numpy seeds may exceed 64 bits
    Column("user_name", String(200), nullable=False),
    Column("created", UtcDateTime(), nullable=False),
    Column("subjects", Text, nullable=False),  # JSON list
    Column("first_year", Integer, nullable=False),
    Column("last_year", Integer, nullable=False),
    Column("baseline_year", Integer, nullable=False),
    Column("findings_hash", String(64), nullable=False),
    Column("parameters", Text, nullable=False),  # JSON object, sorted keys
    # The heads of the hash chains when the run was made (services/storage/hash_chain.py):
    # JSON {table: [seq, chain hash]}; "{}" for runs made before the chains existed.
    Column("chain_heads", Text, nullable=False, server_default="{}"),
)

findings = Table(
    "findings",
    metadata,
    Column("run_id", String(40), ForeignKey("runs.id"), primary_key=True),
    Column("seq", Integer, primary_key=True),  # position in (subject, indicator, year, norm)
    Column("subject", String(200), nullable=False),
    Column("indicator", String(200), nullable=False),
    Column("criterion", String(200), nullable=True),
    Column("year", Integer, nullable=False),
    Column("norm", String(200), nullable=True),
    Column("norm_kind", String(60), nullable=True),
    Column("verdict", String(40), nullable=False),
    Column("value", Double, nullable=True),
    Column("scale_value", String(200), nullable=True),
    Column("unit", String(60), nullable=False),
    Column("compared", Double, nullable=True),
    Column("target", Double, nullable=True),
    Column("signal", Double, nullable=True),
    Column("target_inclusive", Boolean, nullable=False),
    Column("signal_inclusive", Boolean, nullable=False),
    Column("reference", Double, nullable=True),
    Column("baseline_value", Double, nullable=True),
    Column("baseline_year", Integer, nullable=True),
    Column("baseline_status", String(40), nullable=False),
    Column("norm_source", Text, nullable=False),
    Column("rule", Text, nullable=False),
    Column("gap", String(60), nullable=True),
    Column("labels", Text, nullable=False),  # JSON list
    Column("inputs", Text, nullable=False),  # JSON list of [input id, value or null]
    Column("detail", Text, nullable=False),  # JSON list of [key, text]
)

criterion_verdicts = Table(
    "criterion_verdicts",
    metadata,
    Column("run_id", String(40), ForeignKey("runs.id"), primary_key=True),
    Column("seq", Integer, primary_key=True),  # position in (subject, criterion, year)
    Column("subject", String(200), nullable=False),
    Column("criterion", String(200), nullable=False),
    Column("year", Integer, nullable=False),
    Column("verdict", String(40), nullable=False),
    Column("rule", Text, nullable=False),
    Column("counts", Text, nullable=False),  # JSON list of [verdict, count]
    Column("missing", Text, nullable=False),  # JSON list of indicator ids
)

# Accounts, API tokens and the audit log of the web application (migration 0002). History too:
# a change to an account is a new version, a revocation a new row.

account_versions = Table(
    "account_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(60), nullable=False),
    Column("version", Integer, nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("roles", String(200), nullable=False),  # comma-separated role values
    Column("municipalities", Text, nullable=False),  # comma-separated CBS codes
    Column("password_hash", Text, nullable=False),
    Column("disabled", Boolean, nullable=False),
    *_who_when_why(),
    UniqueConstraint("username", "version"),
    sqlite_autoincrement=True,
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_id", String(24), nullable=False, unique=True),
    Column("secret_hash", String(64), nullable=False),
    Column("username", String(60), nullable=False),
    Column("role", String(40), nullable=False),
    Column("label", String(200), nullable=False),
    *_who_when_why(),
    sqlite_autoincrement=True,
)

token_revocations = Table(
    "token_revocations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_id", String(24), nullable=False, unique=True),
    *_who_when_why(),
    sqlite_autoincrement=True,
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UtcDateTime(), nullable=False),
    Column("username", String(60), nullable=False),
    Column("address", String(64), nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", Text, nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("detail", Text, nullable=False),
    Index(None, "username", "at"),
    Index(None, "address", "at"),
    sqlite_autoincrement=True,
)

ACCESS_TABLES = ("account_versions", "api_tokens", "token_revocations", "audit_events")

# --- the assessment as a process (migration 0003, docs/adr/0020-process-events.md and
# docs/adr/0021-judgements-and-sign-off.md): append-only, ids only ever grow ---------------

process_events = Table(
    "process_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("cooperation", String(200), nullable=False),
    Column("event_date", Date, nullable=False),
    Column("title", Text, nullable=False),
    Column("number", String(200), nullable=False),
    Column("municipality", String(40), nullable=False),
    Column("interim", Boolean, nullable=False),
    Column("members", Integer, nullable=False),
    *_who_when_why(),
    sqlite_autoincrement=True,
)

judgements = Table(
    "judgements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", String(40), ForeignKey("runs.id"), nullable=False),
    Column("target", String(40), nullable=False),  # "bevinding" or "criteriumoordeel"
    Column("target_key", String(600), nullable=False),
    Column("action", String(40), nullable=False),
    Column("verdict", String(40), nullable=False),
    Column("computed_verdict", String(40), nullable=False),
    Column("rationale", Text, nullable=False),
    Column("notes", Text, nullable=False),  # interview notes
    Column("role", String(60), nullable=False),
    Column("user_name", String(200), nullable=False),
    Column("created", UtcDateTime(), nullable=False),
    Index(None, "run_id", "id"),
    sqlite_autoincrement=True,
)

judgement_evidence = Table(
    "judgement_evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("judgement_id", Integer, ForeignKey("judgements.id"), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("content", Text, nullable=False),  # base64: one text path on every backend
    Index(None, "judgement_id"),
    sqlite_autoincrement=True,
)

run_statuses = Table(
    "run_statuses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", String(40), ForeignKey("runs.id"), nullable=False),
    Column("status", String(40), nullable=False),
    Column("decision_number", String(200), nullable=False),
    Column("decision_date", Date, nullable=True),
    *_who_when_why(),
    Index(None, "run_id", "id"),
    sqlite_autoincrement=True,
)

run_comments = Table(
    "run_comments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", String(40), ForeignKey("runs.id"), nullable=False),
    Column("target_key", String(600), nullable=False),  # "" for the run as a whole
    Column("text", Text, nullable=False),
    Column("role", String(60), nullable=False),
    Column("user_name", String(200), nullable=False),
    Column("created", UtcDateTime(), nullable=False),
    Index(None, "run_id", "id"),
    sqlite_autoincrement=True,
)

# One link per row of each chained table (services/storage/hash_chain.py, ADR 0027).
chain_links = Table(
    "chain_links",
    metadata,
    Column("table_name", String(60), primary_key=True),
    Column("seq", Integer, primary_key=True),  # 1, 2, 3, ... per table
    Column("position", Integer, nullable=False),  # the row's id (a run's number)
    Column("row_hash", String(64), nullable=False),
    Column("chain_hash", String(64), nullable=False),
    UniqueConstraint("table_name", "position"),
)

HISTORY_TABLES = tuple(table.name for table in metadata.sorted_tables)
