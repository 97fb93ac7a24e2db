"""Ports of the measurements capability: readers of measurement files (adapters/intake/) and
writers of exports (adapters/measurements/)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from samenwerkingsmonitor.services.intake.tables import RawTable


class TableReader(Protocol):
    """Reads a file into a RawTable (adapters/csv_reader.read_csv and, later, XLSX/ODS).

    `decimal_comma` None lets the file decide its number notation."""

    def __call__(self, path: Path, decimal_comma: bool | None = None) -> RawTable: ...
