"""Read a CSV measurement file without holding it in memory (ADR 0025).

The same rules as csv_reader.parse_csv (docs/adr/0008, 0011), in two passes over the file:
1. a scan in blocks of a few megabytes, cut at line ends: the SHA-256, the guards of
   file_guard.decode_text (binary files, UTF-16, NUL bytes, over-long lines, the encoding) with
   line numbers counted from the start of the file, and a count of the lines that carry text;
2. the rows, read lazily with the csv module from the file opened in the encoding the scan found;
   the importer validates, plans and writes them chunk by chunk.
So memory stays flat in the size of the file: a block, a chunk and the csv reader's buffer.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import overload

from samenwerkingsmonitor.adapters.intake.file_guard import (
    MEGABYTE,
    OLE2,
    IntakeLimits,
    check_path,
    check_width,
    decode_text,
    refuse,
    refuse_ole2,
)
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.intake.tables import RawTable

BLOCK = 4 * MEGABYTE
_ZIP_SIGNATURE = b"PK\x03\x04"
_FORMULA_START = frozenset("=+-@")
_BLANK_LINE = re.compile(rb"^[ \t\r,;\"]*$", re.MULTILINE)


class _Scan:
    """What the first pass learns: hash, encoding, header line, lines with text."""

    def __init__(self) -> None:
        self.sha256 = hashlib.sha256()
        self.encoding = "utf-8"
        self.first_text = ""
        self.lines_with_text = 0


def _scan(path: Path, file_name: str, limits: IntakeLimits, size: int) -> _Scan:
    scan = _Scan()
    line = 1  # the number of the first line of the piece being checked
    with path.open("rb") as handle:
        block = handle.read(size)
        if block.startswith(_ZIP_SIGNATURE):
            refuse(file_name, _("Dit is geen CSV-bestand maar een spreadsheet (XLSX of ODS)."),
                   _("Sla het blad Metingen op als CSV UTF-8, of lever een CSV-bestand aan."))
        if block.startswith(OLE2):
            refuse_ole2(file_name, block + handle.read())
        rest, head, header_seen = b"", True, False
        while block or rest:
            scan.sha256.update(block)
            data = rest + block
            following = handle.read(size) if block else b""
            if following:
                cut = data.rfind(b"\n") + 1
                if cut == 0 and len(data) <= limits.max_line_bytes:
                    rest, block = data, following
                    continue
                cut = cut or len(data)  # one line longer than the limit: the guard refuses it
                piece, rest = data[:cut], data[cut:]
            else:
                piece, rest = data, b""
            text, encoding = decode_text(piece, file_name, limits, first_line=line, head=head)
            if not header_seen:  # the header decides the delimiter
                scan.first_text = (scan.first_text + text)[:limits.max_line_bytes * 2]
                header_seen = any(line.strip() for line in scan.first_text.splitlines())
            if encoding != "utf-8":
                scan.encoding = encoding
            body = piece.removeprefix(b"\xef\xbb\xbf") if head else piece  # the UTF-8 BOM
            body = body[:-1] if body.endswith(b"\n") else body
            scan.lines_with_text += body.count(b"\n") + 1 - len(_BLANK_LINE.findall(body))
            line += piece.count(b"\n")
            head, block = False, following
    return scan


class CsvRows:
    """The data rows of a CSV file, read from disk each time they are iterated.

    Behaves as the list csv_reader.parse_csv makes: (row number, cells) with the header as row
    1; indexing or len() reads the rows into a list once (small files, tests)."""

    def __init__(self, path: Path, file_name: str, encoding: str, delimiter: str,
                 data_rows: int) -> None:
        self.path, self.file_name = path, file_name
        self.encoding = "utf-8-sig" if encoding == "utf-8" else encoding
        self.delimiter = delimiter
        self.data_rows = data_rows  # lines with text below the header: the batch's row count
        self.headers: tuple[str, ...] = ()
        self.header_row = 1
        self._list: list[tuple[int, tuple[str, ...]]] | None = None
        for _row in self._records(header_only=True):
            break

    def _records(self, header_only: bool = False) -> Iterator[tuple[int, tuple[str, ...]]]:
        with self.path.open(encoding=self.encoding, newline="") as handle:
            reader = csv.reader(handle, delimiter=self.delimiter)
            start, found = 1, False
            try:
                for record in reader:
                    if not found:
                        if any(cell.strip() for cell in record):
                            self.headers, self.header_row, found = tuple(record), start, True
                            if header_only:
                                return
                    elif record:
                        cells = tuple(record)
                        if "'" in "".join(cells) and any(c[:1] == "'" for c in cells):
                            cells = tuple(_unescape(cell) for cell in cells)
                        yield start, cells
                    start = reader.line_num + 1
            except csv.Error:  # with strict=False only a field over the size limit is left
                refuse(self.file_name, _("Het bestand is geen leesbare CSV-tekst."),
                       _("Controleer de aanhalingstekens vanaf deze regel: een waarde loopt door "
                         "tot voorbij de grootte die een veld mag hebben."), row=reader.line_num)
            except UnicodeDecodeError:  # a UTF-8 part in a file the scan found to be cp1252
                refuse(self.file_name, _("Het bestand is geen geldige UTF-8-tekst."),
                       _("Sla het bestand op als 'CSV UTF-8' (in Excel: Opslaan als, CSV "
                         "UTF-8)."), row=reader.line_num + 1)

    def __iter__(self) -> Iterator[tuple[int, tuple[str, ...]]]:
        if self._list is not None:
            return iter(self._list)
        return self._records()

    def _rows(self) -> list[tuple[int, tuple[str, ...]]]:
        if self._list is None:
            self._list = list(self._records())
        return self._list

    def __len__(self) -> int:
        return len(self._rows())

    @overload
    def __getitem__(self, index: int) -> tuple[int, tuple[str, ...]]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, tuple[str, ...]]]: ...

    def __getitem__(self, index: int | slice
                    ) -> tuple[int, tuple[str, ...]] | list[tuple[int, tuple[str, ...]]]:
        return self._rows()[index]

    def __eq__(self, other: object) -> bool:
        return list(self) == other

    __hash__ = None  # type: ignore[assignment]


def _unescape(cell: str) -> str:
    if len(cell) > 1 and cell[0] == "'" and cell[1] in _FORMULA_START:
        return cell[1:]
    return cell


def stream_csv(path: Path, decimal_comma: bool | None = None,
               limits: IntakeLimits | None = None, *, block: int = BLOCK) -> RawTable:
    """The file at `path` as a RawTable whose rows are read lazily; refuses what is not CSV
    text with the same messages as csv_reader.parse_csv."""
    limits = limits or IntakeLimits()
    file_name = path.name
    check_path(path, limits)
    scan = _scan(path, file_name, limits, block)
    header_line = next((line for line in scan.first_text.splitlines() if line.strip()), "")
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","  # as parse_csv
    notation = decimal_comma if decimal_comma is not None else delimiter == ";"
    rows = CsvRows(path, file_name, scan.encoding, delimiter,
                   max(scan.lines_with_text - 1, 0))
    check_width(rows.headers, file_name, limits, row=rows.header_row)
    return RawTable(file_name=file_name, sha256=scan.sha256.hexdigest(), headers=rows.headers,
                    rows=rows, decimal_comma=notation, header_row=rows.header_row,
                    delimiter=delimiter, encoding=scan.encoding)
