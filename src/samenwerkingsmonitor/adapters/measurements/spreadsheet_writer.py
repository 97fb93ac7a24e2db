"""Write an export table as an XLSX or ODS workbook that our own import reads back unchanged.

Both workbooks hold one sheet, `Metingen` (the sheet the import reads, docs/import.md), with
typed cells: numbers as numbers, dates as dates, everything else as text. Text that starts
with =, +, - or @ is written as a text cell, never as a formula, and without the leading ' that
the CSV needs: a typed cell has no need for it (docs/import.md). The header row is bold and
frozen. Like the CSV, the file is written next to its destination and renamed into place.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.errors import InputRefused
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.intake.text_cells import neutralise
from samenwerkingsmonitor.services.measurements.export import Cell, ExportTable

SHEET = "Metingen"
DATE_FORMAT = "yyyy-mm-dd"
MOMENT_FORMAT = "yyyy-mm-dd hh:mm:ss"
_MAX_WIDTH = 40


def write_xlsx(table: ExportTable, path: Path) -> int:
    """Write `table` to the XLSX file `path`; returns the row count."""
    return _replace(path, lambda temporary: _save_xlsx(table, temporary))


def write_ods(table: ExportTable, path: Path) -> int:
    """Write `table` to the ODS file `path`; returns the row count."""
    return _replace(path, lambda temporary: _save_ods(table, temporary))


def _replace(path: Path, save: Callable[[Path], int]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        count = save(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def plain_cell(cell: Cell) -> Cell:
    """The value a spreadsheet cell holds: empty text is no cell, a moment is naive UTC
    (neither format knows time zones)."""
    if cell == "":
        return None
    if isinstance(cell, datetime) and cell.tzinfo is not None:
        return cell.astimezone(UTC).replace(tzinfo=None)
    return cell


# --- XLSX (openpyxl) ---------------------------------------------------------------------------

def _control_character(report: ValidationReport, row: int, header: str) -> None:
    """XLSX cannot hold control characters; never drop them silently: say where they are."""
    report.add(Location(SHEET, row=row, column=header),
               _("Deze tekst bevat een stuurteken dat XLSX niet kan bewaren."),
               _("Exporteer als CSV of ODS, of verbeter de tekst met een import met --reason."))


def _save_xlsx(table: ExportTable, path: Path) -> int:
    from openpyxl import Workbook  # imported late: a CSV export does not need it
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    refused = ValidationReport()

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new Workbook always has one sheet
    sheet.title = SHEET
    bold = Font(bold=True)
    widths = [len(header) for header in table.headers]
    for column, header in enumerate(table.headers, start=1):
        _put_text(sheet.cell(row=1, column=column), header).font = bold
    count = 0
    for count, row in enumerate(table.rows, start=1):
        for column, cell in enumerate(row, start=1):
            value = plain_cell(cell)
            if value is None:
                continue
            if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
                _control_character(refused, count + 1, table.headers[column - 1])
                continue
            _put_xlsx(sheet.cell(row=count + 1, column=column), value)
            widths[column - 1] = max(widths[column - 1], len(str(value)))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width, _MAX_WIDTH) + 2
    sheet.freeze_panes = "A2"
    if not refused.ok:
        raise InputRefused(_("De export als XLSX kan niet: {n} cellen bevatten een stuurteken.")
                           .format(n=len(refused)), refused)
    workbook.save(path)
    return count


def _put_xlsx(target: Any, value: Cell) -> None:
    if isinstance(value, str):
        _put_text(target, value)
        return
    target.value = value
    if isinstance(value, float) and float(f"{value:.16g}") != value:
        # openpyxl writes numbers with 16 digits; some floats need 17 to read back exactly.
        # The cell stays a number (t="n"); only the digits it writes are the exact ones.
        target._value = repr(value)
    if isinstance(value, datetime):
        target.number_format = MOMENT_FORMAT
    elif isinstance(value, date):
        target.number_format = DATE_FORMAT


def _put_text(target: Any, text: str) -> Any:
    """A text cell, also when the text starts with =: openpyxl would make that a formula."""
    target.value = neutralise(text)  # bidi controls shown as [U+202E] (ADR 0026)
    target.data_type = "s"
    return target


# --- ODS (odfpy) -------------------------------------------------------------------------------

def _save_ods(table: ExportTable, path: Path) -> int:
    from odf.opendocument import OpenDocumentSpreadsheet  # imported late, like openpyxl
    from odf.style import Style, TextProperties
    from odf.table import Table, TableRow

    from samenwerkingsmonitor.adapters.workbooks.ods import _frozen_header

    document = OpenDocumentSpreadsheet()
    header_style = Style(name="kop", family="table-cell")
    header_style.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(header_style)
    styles = _OdsDateStyles(document)
    sheet = Table(name=SHEET)
    header = TableRow()
    for text in table.headers:
        header.addElement(_ods_text(text, header_style))
    sheet.addElement(header)
    count = 0
    for row in table.rows:
        line = TableRow()
        for cell in row:
            line.addElement(_ods_cell(plain_cell(cell), styles))
        sheet.addElement(line)
        count += 1
    document.spreadsheet.addElement(sheet)
    document.settings.addElement(_frozen_header())  # freezes row 1 of the sheet Metingen
    document.save(str(path))
    return count


class _OdsDateStyles:
    """Cell styles that show a date as JJJJ-MM-DD and a moment with its time; without a data
    style a spreadsheet shows a date cell as a bare day number."""

    def __init__(self, document: Any) -> None:
        from odf.number import DateStyle, Day, Hours, Minutes, Month, Seconds, Text, Year
        from odf.style import Style

        def data_style(name: str, with_time: bool) -> Any:
            style = DateStyle(name=name)
            parts: list[Any] = [Year(style="long"), Text(text="-"), Month(style="long"),
                                Text(text="-"), Day(style="long")]
            if with_time:
                parts += [Text(text=" "), Hours(style="long"), Text(text=":"),
                          Minutes(style="long"), Text(text=":"), Seconds(style="long")]
            for part in parts:
                style.addElement(part)
            document.automaticstyles.addElement(style)
            cell = Style(name=f"{name}-cel", family="table-cell", datastylename=name)
            document.automaticstyles.addElement(cell)
            return cell

        self.date = data_style("datum", with_time=False)
        self.moment = data_style("moment", with_time=True)


def _ods_cell(value: Cell, styles: _OdsDateStyles) -> Any:
    from odf.table import TableCell

    if value is None:
        return TableCell()
    if isinstance(value, str):
        return _ods_text(value)
    if isinstance(value, bool):  # not in an export today; a bool is an int otherwise
        return _ods_text("ja" if value else "nee")
    if isinstance(value, int | float):
        return _ods_typed(TableCell(valuetype="float", value=_number(value)), _number(value))
    if isinstance(value, datetime):
        moment = value.isoformat(timespec="microseconds" if value.microsecond else "seconds")
        return _ods_typed(TableCell(valuetype="date", datevalue=moment, stylename=styles.moment),
                          value.isoformat(" ", timespec="seconds"))
    return _ods_typed(TableCell(valuetype="date", datevalue=value.isoformat(),
                                stylename=styles.date), value.isoformat())


def _number(value: int | float) -> str:
    """The shortest digits that read back as the same float (repr), as ODF's xsd:double."""
    return str(value) if isinstance(value, int) else repr(value)


def _ods_text(text: str, style: Any = None) -> Any:
    """A string cell; spaces, tabs and line breaks are kept (text:s, text:tab, text:line-break)."""
    from odf.table import TableCell
    from odf.teletype import addTextToElement
    from odf.text import P

    text = neutralise(text)  # bidi controls shown as [U+202E] (ADR 0026)
    cell = TableCell(valuetype="string") if style is None else TableCell(
        valuetype="string", stylename=style)
    for line in text.split("\n"):  # a line break inside a cell is a new paragraph in ODF
        paragraph = P()
        addTextToElement(paragraph, line)
        cell.addElement(paragraph)
    return cell


def _ods_typed(cell: Any, shown: str) -> Any:
    from odf.text import P

    cell.addElement(P(text=shown))
    return cell
