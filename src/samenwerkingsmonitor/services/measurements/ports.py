"""Ports of the measurements capability: readers of measurement files (adapters/intake/) and
writers of exports (adapters/measurements/)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

from samenwerkingsmonitor.services.intake.tables import RawTable
from samenwerkingsmonitor.services.measurements.export import ExportTable
from samenwerkingsmonitor.services.measurements.published import PublishedValue


class TableReader(Protocol):
    """Reads a file into a RawTable (adapters/intake/csv_reader.py, spreadsheet_reader.py).

    `decimal_comma` None lets the file decide its number notation."""

    def __call__(self, path: Path, decimal_comma: bool | None = None) -> RawTable: ...


class PublishedSource(Protocol):
    """A national open source of published figures (adapters/measurements/statline.py,
    published_files.py): online through its client library, or offline from a file a user
    downloaded from the same site in the site's own layout."""

    name: str  # the source argument of `fetch`: cbs or bbv

    def fetch(self, codes: Sequence[str], years: Sequence[int],
              today: date) -> list[PublishedValue]: ...

    def read_download(self, path: Path, names: Mapping[str, str], years: Sequence[int],
                      today: date, kind: str = "begroting") -> list[PublishedValue]:
        """`names`: municipality name (lower case) -> CBS code, for files that name them;
        `kind`: begroting or realisatie, for sources that publish both."""
        ...


class ExportWriter(Protocol):
    """Writes an export table to `output` (None: standard output, CSV only); returns the rows."""

    def __call__(self, table: ExportTable, output: Path | None) -> int: ...
