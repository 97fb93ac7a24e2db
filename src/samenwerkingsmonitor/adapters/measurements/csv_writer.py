"""Write an export table as CSV that our own import reads back unchanged (docs/import.md).

- UTF-8 with a byte-order mark, so that Excel shows é and ë; comma-separated, so the import
  reads numbers in dot notation (1234.5).
- Numbers are written in full, never in exponent notation (the import accepts 0.000001 but not
  1e-06), with the shortest digits that give back the same float: the round trip is exact.
- Text that starts with =, +, - or @ gets a leading ' so that a spreadsheet does not run it as
  a formula; the import removes it again (docs/import.md). Numbers are never prefixed.
- Dates as JJJJ-MM-DD, moments as ISO 8601 in UTC.
- The file is written next to its destination and renamed into place: a reader never sees
  half an export.
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from samenwerkingsmonitor.services.intake.numbers import plain_number
from samenwerkingsmonitor.services.intake.text_cells import neutralise
from samenwerkingsmonitor.services.measurements.export import Cell, ExportTable

ENCODING = "utf-8-sig"
_FORMULA_START = ("=", "+", "-", "@")


def write_csv(table: ExportTable, output: Path | None) -> int:
    """Write `table` to the file `output`, or to standard output; returns the row count."""
    if output is None:
        reconfigure = getattr(sys.stdout, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(newline="")  # csv writes its own \r\n; no second translation
        return write_rows(sys.stdout, table.headers, table.rows)
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    try:
        with os.fdopen(handle, "w", encoding=ENCODING, newline="") as stream:
            count = write_rows(stream, table.headers, table.rows)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def write_rows(stream: TextIO, headers: Iterable[str], rows: Iterable[tuple[Cell, ...]]) -> int:
    writer = csv.writer(stream, delimiter=",", lineterminator="\r\n")
    writer.writerow(list(headers))
    count = 0
    for row in rows:
        writer.writerow([cell_text(cell) for cell in row])
        count += 1
    return count


def cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "ja" if cell else "nee"
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        return number_text(cell)
    if isinstance(cell, datetime):
        return cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return escape_formula(neutralise(cell))  # bidi controls shown as [U+202E] (ADR 0026)


def number_text(value: float) -> str:
    """Positional notation with the shortest digits that read back as the same float; the
    import's number rule accepts exactly these (services/intake/numbers.py)."""
    return plain_number(value)


def escape_formula(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text
