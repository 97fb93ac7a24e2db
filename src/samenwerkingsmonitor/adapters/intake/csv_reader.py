"""Read a measurement file in CSV into a RawTable (docs/import.md, docs/adr/0008).

- Encoding: UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8" writes one); a file
  that is not valid UTF-8 is read as Windows-1252 and the import result says so. NUL bytes,
  UTF-16, binary files and lines over 1 MB are refused first (adapters/intake/file_guard.py,
  ADR 0011).
- Delimiter: a comma or a semicolon, decided from the header line.
- Number notation, decided per file, never per cell: a semicolon file is in Dutch notation
  (1.234,5); a comma file in dot notation (1234.5). `decimal_comma` overrides both.
- Row numbers are line numbers in the file, the header being row 1; a quoted value that spans
  lines gives its record the number of the line where it starts.
- A cell `'=...`, `'+...`, `'-...` or `'@...` loses its leading `'`: our CSV export adds it so
  that a spreadsheet does not read data as a formula.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path
from typing import NoReturn

from samenwerkingsmonitor.adapters.intake.csv_stream import stream_csv
from samenwerkingsmonitor.adapters.intake.file_guard import (
    IntakeLimits,
    check_width,
    decode_text,
    refuse,
)
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.intake.tables import RawTable

_FORMULA_START = frozenset("=+-@")
_ZIP_SIGNATURE = b"PK\x03\x04"  # XLSX and ODS are zip files


def read_csv(path: Path, decimal_comma: bool | None = None,
             limits: IntakeLimits | None = None) -> RawTable:
    """The file at `path` as a RawTable; refuses (ImportRefused) what is not CSV text. The rows
    are read lazily from disk (csv_stream.py, ADR 0025), by the rules of parse_csv."""
    return stream_csv(path, decimal_comma, limits)


def parse_csv(data: bytes, file_name: str, decimal_comma: bool | None = None,
              limits: IntakeLimits | None = None) -> RawTable:
    limits = limits or IntakeLimits()
    sha256 = hashlib.sha256(data).hexdigest()
    if data.startswith(_ZIP_SIGNATURE):
        _refuse(file_name, None, _("Dit is geen CSV-bestand maar een spreadsheet (XLSX of ODS)."),
                _("Sla het blad Metingen op als CSV UTF-8, of lever een CSV-bestand aan."))
    text, encoding = decode_text(data, file_name, limits)
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = detect_delimiter(header_line)
    notation = decimal_comma if decimal_comma is not None else delimiter == ";"
    headers, header_row, rows = _records(text, delimiter, file_name)
    check_width(headers, file_name, limits, row=header_row)
    return RawTable(file_name=file_name, sha256=sha256, headers=headers, rows=rows,
                    decimal_comma=notation, header_row=header_row, delimiter=delimiter,
                    encoding=encoding)


def detect_delimiter(header_line: str) -> str:
    """A semicolon when the header has more semicolons than commas, else a comma."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def unescape_formula(cell: str) -> str:
    if len(cell) > 1 and cell[0] == "'" and cell[1] in _FORMULA_START:
        return cell[1:]
    return cell


def _records(text: str, delimiter: str, file_name: str,
             ) -> tuple[tuple[str, ...], int, list[tuple[int, tuple[str, ...]]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers: tuple[str, ...] = ()
    header_row = 1
    rows: list[tuple[int, tuple[str, ...]]] = []
    try:
        start = 1
        for record in reader:
            if not headers:
                if any(cell.strip() for cell in record):
                    headers, header_row = tuple(record), start
            elif record:
                cells = tuple(record)
                if any(cell[:1] == "'" for cell in cells):
                    cells = tuple(unescape_formula(cell) for cell in cells)
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error:  # with strict=False only a field over csv.field_size_limit() is left
        _refuse(file_name, reader.line_num, _("Het bestand is geen leesbare CSV-tekst."),
                _("Controleer de aanhalingstekens vanaf deze regel: een waarde loopt door tot "
                  "voorbij de grootte die een veld mag hebben."))
    return headers, header_row, rows


def _refuse(file_name: str, row: int | None, message: str, hint: str) -> NoReturn:
    refuse(file_name, message, hint, row=row)
