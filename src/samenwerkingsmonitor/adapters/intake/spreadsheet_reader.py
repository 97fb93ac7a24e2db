"""Read the sheet `Metingen` of an XLSX or ODS workbook into a RawTable (docs/adr/0011);
`read_sheets` reads other named sheets (such as Taken, Medewerkers, Competenties) the same way.

python-calamine reads both formats (fastexcel wraps the same Rust library but adds polars and
Arrow on top; measured in docs/adr/0011-file-intake.md). Before it is called, zip_guard checks
the file, so calamine never sees a zip bomb or a sheet whose filled cells span billions of
cells (calamine allocates that box densely and aborts the process when it cannot).

Cells are typed, so no number rule is needed: a number becomes dot-notation text with
`decimal_comma=False` (comma notation only when `--decimal comma` asks for it), a whole
number as `2019`, a date as ISO `2019-01-01`, a boolean as `ja`/`nee`. A formula cell gives
its cached value; one that refers to another file or has no cached value is refused first
(formulas.py). Text is passed unchanged, so text starting with = + - @ stays data. Text
that looks like a number with a separator is remembered in `text_numbers`: the file has no
notation for it, and services/intake/number_text.py decides whether it is ambiguous.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, NoReturn

from samenwerkingsmonitor.adapters.intake.file_guard import IntakeLimits, check_width, refuse
from samenwerkingsmonitor.adapters.intake.formulas import check_xlsx_formulas
from samenwerkingsmonitor.adapters.intake.zip_guard import check_spreadsheet
from samenwerkingsmonitor.errors import ImportRefused
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.intake.numbers import format_number
from samenwerkingsmonitor.services.intake.tables import RawTable

SHEET = "Metingen"
_NUMBER_LIKE = re.compile(r"\s*[+-]?[\d.,]*\d[\d.,]*\s*")
_PASSTHROUGH = (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError, ImportRefused)


def read_xlsx(path: Path, decimal_comma: bool | None = None,
              limits: IntakeLimits | None = None) -> RawTable:
    return read_spreadsheet(path, decimal_comma, limits, suffix=".xlsx")


def read_ods(path: Path, decimal_comma: bool | None = None,
             limits: IntakeLimits | None = None) -> RawTable:
    return read_spreadsheet(path, decimal_comma, limits, suffix=".ods")


def read_spreadsheet(path: Path, decimal_comma: bool | None = None,
                     limits: IntakeLimits | None = None, *, suffix: str) -> RawTable:
    """The sheet Metingen as a RawTable; refuses (ImportRefused) what cannot be read."""
    limits = limits or IntakeLimits()
    check_spreadsheet(path, suffix, limits)
    import python_calamine  # imported late: `--help` and CSV imports do not need it

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        sheet_name = _choose_sheet(path.name, list(workbook.sheet_names))
        if suffix == ".xlsx":
            check_xlsx_formulas(path, sheet_name)
        sheet = workbook.get_sheet_by_name(sheet_name)
        start, end = sheet.start or (0, 0), sheet.end or (0, 0)
        return _table(path, sheet_name, sheet.iter_rows(), start, end[0], decimal_comma,
                      limits)
    except BaseException as error:  # a Rust panic is a BaseException, not an Exception
        if isinstance(error, _PASSTHROUGH):
            raise
        _refuse_unreadable(path.name, error)


def read_sheets(path: Path, names: Sequence[str], decimal_comma: bool | None = None,
                limits: IntakeLimits | None = None, *,
                suffix: str | None = None) -> dict[str, RawTable]:
    """The sheets `names` (any case) of one workbook as RawTables keyed by the names asked
    for, behind the same guards and with the same cell references as `read_spreadsheet`.
    Refuses (ImportRefused) a workbook that lacks one of them, naming the sheets it has."""
    limits = limits or IntakeLimits()
    suffix = suffix or path.suffix.lower()
    check_spreadsheet(path, suffix, limits)
    import python_calamine  # imported late, as in read_spreadsheet

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        found = _find_sheets(path.name, list(workbook.sheet_names), names)
        tables = {}
        for name, sheet_name in found.items():
            if suffix == ".xlsx":
                check_xlsx_formulas(path, sheet_name)
            sheet = workbook.get_sheet_by_name(sheet_name)
            start, end = sheet.start or (0, 0), sheet.end or (0, 0)
            tables[name] = _table(path, sheet_name, sheet.iter_rows(), start, end[0],
                                  decimal_comma, limits)
        return tables
    except BaseException as error:  # a Rust panic is a BaseException, not an Exception
        if isinstance(error, _PASSTHROUGH):
            raise
        _refuse_unreadable(path.name, error)


def _find_sheets(file_name: str, present: list[str], wanted: Sequence[str]) -> dict[str, str]:
    """Each wanted name to the one sheet that has it (exact first, else in any case)."""
    found: dict[str, str] = {}
    missing: list[str] = []
    doubled: list[str] = []
    for name in wanted:
        matches = [sheet for sheet in present if sheet.strip().lower() == name.lower()]
        if name in present:
            found[name] = name
        elif len(matches) == 1:
            found[name] = matches[0]
        elif matches:
            doubled.append(name)
        else:
            missing.append(name)
    listed = ", ".join(f"'{name}'" for name in present) or _("geen")
    if doubled:
        refuse(file_name, _("De werkmap heeft meer dan één blad met de naam {names}: "
                            "{sheets}.").format(names=", ".join(doubled), sheets=listed),
               _("Houd per naam één blad over en geef de andere een andere naam."))
    if missing:
        message = (_("De werkmap mist het blad {names}; wel de bladen: {sheets}.")
                   if len(missing) == 1 else
                   _("De werkmap mist de bladen {names}; wel de bladen: {sheets}."))
        refuse(file_name, message.format(names=", ".join(missing), sheets=listed),
                  _("De werkmap moet de bladen {wanted} hebben (hoofdletters maken niet "
                 "uit).").format(wanted=", ".join(wanted)))
    return found


def _choose_sheet(file_name: str, names: list[str]) -> str:
    """`Metingen` exactly, else the one sheet whose name is `metingen` in any case."""
    if SHEET in names:
        return SHEET
    matches = [name for name in names if name.strip().lower() == SHEET.lower()]
    if len(matches) == 1:
        return matches[0]
    listed = ", ".join(f"'{name}'" for name in names) or _("geen")
    if matches:
        refuse(file_name, _("De werkmap heeft meer dan één blad dat Metingen heet: "
                            "{sheets}.").format(sheets=listed),
               _("Houd één blad Metingen over en geef de andere een andere naam."))
    refuse(file_name, _("De werkmap heeft geen blad Metingen; wel de bladen: {sheets}.").format(
        sheets=listed), _("Zet de metingen op een blad met de naam Metingen (hoofdletters "
                          "maken niet uit)."))


def _refuse_unreadable(file_name: str, error: BaseException) -> NoReturn:
    text = str(error).lower()
    if "password" in text or "encrypt" in text:
        refuse(file_name, _("De werkmap is beveiligd met een wachtwoord (versleuteld) en kan "
                            "daarom niet worden gelezen."),
               _("Haal de beveiliging eraf en sla het bestand opnieuw op."))
    if "limit" in text:
        refuse(file_name, _("Een blad van de werkmap is te groot om te lezen."),
               _("Verwijder waarden ver buiten de tabel (bijvoorbeeld in de laatste rij of "
                 "kolom) en sla opnieuw op."))
    refuse(file_name, _("De werkmap kan niet worden gelezen; de inhoud is beschadigd of geen "
                        "geldige spreadsheet."),
           _("Open het bestand in Excel of LibreOffice, sla het opnieuw op en lever het opnieuw "
             "aan."))


def _table(path: Path, sheet: str, values: Iterable[list[Any]], start: tuple[int, int],
           last_row: int, decimal_comma: bool | None, limits: IntakeLimits) -> RawTable:
    """Rows are collected by their offset in the iteration and numbered at the end: this
    version of python-calamine yields the empty rows above the table too (from row 1), but
    the columns from the table's first column on; the count tells which of the two it did."""
    comma = bool(decimal_comma)
    track_text = decimal_comma is None
    headers: tuple[str, ...] = ()
    header_offset = 0
    rows: list[tuple[int, tuple[str, ...]]] = []
    text_numbers: list[tuple[int, int]] = []
    offset = -1
    for offset, raw in enumerate(values):
        cells = tuple(cell_text(value, comma) for value in raw)
        if not headers:
            if any(cell.strip() for cell in cells):
                headers, header_offset = cells, offset
            continue
        if not "".join(cells).strip():
            continue  # a formatted but empty row carries nothing
        rows.append((offset, cells))
        if track_text:
            text_numbers.extend((offset, position) for position, value in enumerate(raw)
                                if type(value) is str and ("," in value or "." in value)
                                and _NUMBER_LIKE.fullmatch(value))
    base = 1 if offset == last_row else start[0] + 1  # row number of offset 0
    check_width(headers, path.name, limits, sheet, base + header_offset)
    return RawTable(
        file_name=path.name, sha256=_sha256(path), headers=headers,
        rows=[(base + at, cells) for at, cells in rows], decimal_comma=comma, sheet=sheet,
        header_row=base + header_offset, first_column=start[1],
        text_numbers=frozenset((base + at, position) for at, position in text_numbers))


def cell_text(value: Any, decimal_comma: bool = False) -> str:
    """A typed cell as the text the checks expect (see the module docstring)."""
    kind = type(value)
    if kind is str:
        return str(value)
    if kind is float or kind is int:
        return number_text(float(value), decimal_comma)
    if kind is bool:
        return "ja" if value else "nee"  # data values of the scale, never translated
    if kind is datetime:
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if kind is date or kind is time:
        return str(value.isoformat())
    if kind is timedelta:
        return str(value)
    return "" if value is None else str(value)


def number_text(value: float, decimal_comma: bool = False) -> str:
    """Positional notation without exponent: 2019, 190.5, 0.0000001, 100000000000000000000 -
    the shortest digits that give back the cell's float (services/intake/numbers.py)."""
    return format_number(value, decimal_comma)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
