"""Use case: the stored measurements as rows of the long format, with their history columns.

The first twelve columns are the long format exactly as the import reads it
(docs/import.md); eight history columns follow (version, batch, file, row, who, when, why, and
the version a value supersedes). The import ignores those eight, so an export of the current
values imports into an empty database as the same current values.

Values keep their type here (float, date, datetime, int); a
writer (adapters/measurements/csv_writer.py, later XLSX/ODS) decides how each type is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from samenwerkingsmonitor.services.measurements.columns import EXPORT_COLUMNS
from samenwerkingsmonitor.services.storage.ports import Repository, StoredMeasurement

Cell = str | int | float | date | datetime | None


@dataclass(frozen=True, slots=True)
class ExportTable:
    """Headers and rows (cells in header order) of one export; rows are produced lazily."""

    headers: tuple[str, ...]
    rows: Iterator[tuple[Cell, ...]]


def export_measurements(repo: Repository, history: bool = False) -> ExportTable:
    """The current value of every measurement, or with `history` every version.

    Order: subject, indicator, year, kind, then version (oldest first), in code-point order
    so that two exports of the same database are byte for byte equal."""
    return ExportTable(EXPORT_COLUMNS, (export_row(s) for s in _versions(repo, history)))


def _versions(repo: Repository, history: bool) -> list[StoredMeasurement]:
    current = repo.current_measurements()
    if not history:
        return current
    # Every version belongs to a chain that ends in a current version, so the (subject,
    # indicator) pairs of the current values name every chain.
    pairs = sorted({(s.measurement.subject, s.measurement.indicator) for s in current})
    versions = [v for subject, indicator in pairs for v in repo.history(subject, indicator)]
    versions.sort(key=lambda s: (*s.measurement.key, s.version_id))
    return versions


def export_row(stored: StoredMeasurement) -> tuple[Cell, ...]:
    m = stored.measurement
    value: Cell = m.scale_value if m.scale_value is not None else m.value
    return (
        m.subject, m.indicator, m.year, m.kind.value, value, m.unit, m.source,
        m.reference_date, m.status.value, m.variant, "ja" if m.comparable else "nee", m.note,
        stored.version_id, stored.batch, _file_label(stored), stored.row, stored.user,
        stored.created, stored.reason, stored.supersedes,
    )


def _file_label(stored: StoredMeasurement) -> str:
    """The file a version came from, with its sheet when it came from a spreadsheet."""
    if stored.sheet:
        return f"{stored.file_name}!{stored.sheet}"
    return stored.file_name
