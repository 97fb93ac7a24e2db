"""The shapes every reader of the intake shares: a raw table of text cells as read from a file,
and the checked table a validator makes of it (docs/adr/0008, docs/adr/0011)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from samenwerkingsmonitor.domain.measurements import Measurement
from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.i18n import _


@dataclass(frozen=True, slots=True)
class Column:
    name: str  # the Dutch header, also the name used in code and messages
    alias: str  # the English header that is accepted as well
    required: bool


@dataclass(frozen=True, slots=True)
class RawTable:
    """What a reader yields: headers, data rows of text cells, and the file-level facts.

    `rows` holds (row number in the file, cells in header order); row numbers count the
    header as row 1. Cells are text exactly as the user wrote them, apart from what the file
    format itself encodes (CSV quoting, the `'` before formula-like text).
    `decimal_comma` is the file's number notation: True means 1.234,5; False means 1234.5.
    """

    file_name: str
    sha256: str
    headers: tuple[str, ...]
    rows: Sequence[tuple[int, tuple[str, ...]]]
    decimal_comma: bool
    sheet: str | None = None
    header_row: int = 1
    delimiter: str | None = None
    # Spreadsheets (docs/adr/0011): the sheet column of position 0 (0 = A), which gives every
    # problem a cell reference such as E12; None for CSV.
    first_column: int | None = None
    # (row, position) of text cells that look like a number with a separator, in a file that
    # fixes no notation for them (a spreadsheet without --decimal); see number_text.py.
    text_numbers: frozenset[tuple[int, int]] = frozenset()
    encoding: str = "utf-8"  # CSV: "cp1252" when the file was not UTF-8


def cell_reference(column: int, row: int) -> str:
    """E12 for column 4 (0-based) of row 12."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


@dataclass(frozen=True, slots=True)
class ValidatedRow:
    row: int
    measurement: Measurement


@dataclass(slots=True)
class CheckedTable:
    """The outcome of `validate_rows`: the measurements, or the problems, or both."""

    table: RawTable
    rows: list[ValidatedRow] = field(default_factory=list)
    report: ValidationReport = field(default_factory=ValidationReport)
    headers: dict[str, str] = field(default_factory=dict)  # column name -> header as written
    positions: dict[str, int] = field(default_factory=dict)  # column name -> cell position
    unfilled: list[int] = field(default_factory=list)  # template rows left empty, skipped

    def header(self, column: str) -> str:
        return self.headers.get(column, column)

    def location(self, row: int | None, column: str | None = None) -> Location:
        header = self.header(column) if column else None
        position = self.positions.get(column) if column else None
        return Location(self.table.file_name, sheet=self.table.sheet, row=row, column=header,
                        cell=self.cell(position, row))

    def cell(self, position: int | None, row: int | None) -> str | None:
        """The cell reference in a spreadsheet; None for CSV or without a row or column."""
        first = self.table.first_column
        if first is None or position is None or row is None:
            return None
        return cell_reference(first + position, row)


def encoding_note(encoding: str) -> str | None:
    """A line for the import result when the file was not UTF-8."""
    if encoding == "cp1252":
        return _("Let op: het bestand is geen UTF-8 en is gelezen als Windows-1252. Controleer "
                 "letters met accenten; sla het voortaan op als 'CSV UTF-8'.")
    return None
