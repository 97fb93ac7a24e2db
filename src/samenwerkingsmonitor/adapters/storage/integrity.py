"""Checks that keep measurement history a set of straight chains, one per key.

The unique index on `supersedes` already refuses a fork (two versions replacing one). These
checks refuse the other two ways to corrupt history, for the rows of one batch only, so their
cost grows with the batch, not with the store:
- a version that supersedes a version of another (subject, indicator, year, kind);
- a key left with two current versions (a new value that forgot to supersede the old one).
"""

from __future__ import annotations

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.engine import Connection

from samenwerkingsmonitor.adapters.storage.tables import measurement_versions
from samenwerkingsmonitor.errors import StorageError
from samenwerkingsmonitor.i18n import _

KEY = ("subject", "indicator", "year", "kind")
SHOWN = 5  # keys named in the message; the rest are counted


def check_versions_of_batch(conn: Connection, batch_id: int) -> None:
    wrong_key = _superseding_another_key(conn, batch_id)
    if wrong_key:
        raise StorageError(
            _("Een nieuwe versie vervangt een meetwaarde van een andere sleutel "
              "(onderwerp, indicator, jaar, soort): {keys}.").format(keys=_describe(wrong_key))
        )
    forked = _keys_with_two_current_versions(conn, batch_id)
    if forked:
        raise StorageError(
            _("Deze meetwaarden zouden twee geldige versies krijgen; een nieuwe versie moet "
              "de vorige vervangen: {keys}.").format(keys=_describe(forked))
        )


def _superseding_another_key(conn: Connection, batch_id: int) -> list[tuple[object, ...]]:
    new, old = measurement_versions.alias("new"), measurement_versions.alias("old")
    differs = or_(*(new.c[name] != old.c[name] for name in KEY))
    query = (
        select(*(new.c[name] for name in KEY))
        .join(old, old.c.id == new.c.supersedes)
        .where(new.c.batch_id == batch_id, differs)
        .order_by(new.c.id)
    )
    return [tuple(row) for row in conn.execute(query)]


def _keys_with_two_current_versions(conn: Connection, batch_id: int) -> list[tuple[object, ...]]:
    new = measurement_versions.alias("new")
    current, later = measurement_versions.alias("current"), measurement_versions.alias("later")
    same_key = and_(*(current.c[name] == new.c[name] for name in KEY))
    current_count = (
        select(func.count())
        .where(same_key, ~exists(select(later.c.id).where(later.c.supersedes == current.c.id)))
        .scalar_subquery()
    )
    query = (
        select(*(new.c[name] for name in KEY))
        .where(new.c.batch_id == batch_id, current_count > 1)
        .order_by(new.c.id)
    )
    return [tuple(row) for row in conn.execute(query)]


def _describe(keys: list[tuple[object, ...]]) -> str:
    shown = ", ".join("/".join(str(part) for part in key) for key in keys[:SHOWN])
    if len(keys) > SHOWN:
        shown += " " + _("en {count} meer").format(count=len(keys) - SHOWN)
    return shown
