"""One writer at a time, on every backend, with a bounded wait (docs/adr/0014).

Every write transaction begins by taking the database's write lock:
- SQLite: `BEGIN IMMEDIATE` takes the RESERVED lock; a second writer waits up to the busy
  timeout, then fails with SQLITE_BUSY.
- PostgreSQL: `pg_advisory_xact_lock(PG_WRITE_LOCK)` under a transaction-local
  `lock_timeout`; the lock is released by COMMIT or ROLLBACK, so a crashed writer never leaves
  it behind. Afterwards the transaction's `lock_timeout` is set back, so the bound applies to
  waiting for the other writer only.
The wait is SAMENWERKINGSMONITOR_LOCK_TIMEOUT seconds (default 30). A wait that runs out
becomes a StorageError with a Dutch message; the transaction that waited has stored nothing.
"""

from __future__ import annotations

import math
import os
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from samenwerkingsmonitor.errors import StorageError
from samenwerkingsmonitor.i18n import _

LOCK_TIMEOUT_ENV = "SAMENWERKINGSMONITOR_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 30.0  # seconds
PG_WRITE_LOCK = 7_007_002  # advisory lock key of "a write transaction is running"
PG_LOCK_NOT_AVAILABLE = "55P03"  # SQLSTATE of a lock_timeout that ran out
SQLITE_BUSY, SQLITE_LOCKED = 5, 6  # primary result codes (the low byte of extended codes)


def lock_timeout() -> float:
    """Seconds a writer waits for another one: SAMENWERKINGSMONITOR_LOCK_TIMEOUT or 30."""
    text = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
    if not text:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(text.replace(",", "."))
    except ValueError:
        seconds = -1.0
    if not math.isfinite(seconds) or seconds < 0:
        raise StorageError(
            _("{variable} = '{value}' is geen geldige wachttijd. Geef een aantal seconden, "
              "bijvoorbeeld {variable}=60.").format(variable=LOCK_TIMEOUT_ENV, value=text))
    return seconds


def timeout_ms(seconds: float) -> int:
    """At least 1 ms: PostgreSQL reads a lock_timeout of 0 as 'wait for ever'."""
    return max(1, round(seconds * 1000))


def take_postgres_write_lock(conn: Connection, seconds: float) -> None:
    """Wait at most `seconds` for the write lock; held until the transaction ends."""
    previous = conn.exec_driver_sql("SELECT current_setting('lock_timeout')").scalar_one()
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = {timeout_ms(seconds)}")
    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")
    conn.exec_driver_sql("SELECT set_config('lock_timeout', %(value)s, true)",
                         {"value": previous})


def is_lock_timeout(error: DBAPIError) -> bool:
    """True when a wait for another writer ran out (SQLite busy, PostgreSQL lock_timeout)."""
    original: Any = error.orig
    if getattr(original, "sqlstate", None) == PG_LOCK_NOT_AVAILABLE:
        return True
    code = getattr(original, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)


def busy_message(url: str) -> str:
    return _("De database {url} is bezig met een andere import of wijziging. Na {seconds} "
             "seconden wachten is deze opdracht afgebroken; er is niets van opgeslagen. "
             "Probeer het over een minuut opnieuw, of laat langer wachten met "
             "{variable}=120.").format(url=url, seconds=f"{lock_timeout():g}",
                                       variable=LOCK_TIMEOUT_ENV)
