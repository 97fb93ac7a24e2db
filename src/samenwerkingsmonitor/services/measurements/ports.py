"""Ports of the measurements capability: readers of measurement files (adapters/intake/) and
writers of exports (adapters/measurements/)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from samenwerkingsmonitor.services.intake.tables import RawTable
from samenwerkingsmonitor.services.measurements.export import ExportTable


class TableReader(Protocol):
    """Reads a file into a RawTable (adapters/intake/csv_reader.py, spreadsheet_reader.py).

    `decimal_comma` None lets the file decide its number notation."""

    def __call__(self, path: Path, decimal_comma: bool | None = None) -> RawTable: ...


class ExportWriter(Protocol):
    """Writes an export table to `output` (None: standard output, CSV only); returns the rows."""

    def __call__(self, table: ExportTable, output: Path | None) -> int: ...
