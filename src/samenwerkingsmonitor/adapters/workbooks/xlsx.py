"""Write a template as XLSX with openpyxl (docs/adr/0012-templates.md, docs/invullen.md).

Sheets: `Metingen` (the long format, one pre-filled row per expected value, dropdowns and checks
per cell), `Toelichting` (the Dutch explanation and the data burden) and the hidden `Lijsten`
(the dropdown lists, reached through defined names). The sheet is not protected: protection
would stop people from deleting the rows they cannot fill. The unit is greyed instead and
checked by a one-value list.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from samenwerkingsmonitor.adapters.workbooks.vulnerability_xlsx import (
    add_vulnerability_sheets_xlsx,
)
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.workbooks.model import (
    EXTRA_ROWS,
    HEADERS,
    SHEET_GUIDE,
    SHEET_LISTS,
    SHEET_MEASUREMENTS,
    TemplateModel,
    TemplateRow,
)
from samenwerkingsmonitor.services.workbooks.text import (
    GUIDE_WIDTHS,
    MEASUREMENT_WIDTHS,
    bound_text,
    burden_intro,
    burden_sentence,
    column_notes,
    column_table_headers,
    guide_cells,
    guide_headers,
    headings,
    instructions,
    source_prompt,
    title_lines,
    value_error,
    value_prompt,
)

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(name="Calibri", bold=True, color="FFFFFF")
PREFILLED_FILL = PatternFill("solid", fgColor="F2F2F2")
UNIT_FILL = PatternFill("solid", fgColor="D9D9D9")
UNIT_FONT = Font(name="Calibri", italic=True, color="595959")
TO_FILL_FILL = PatternFill("solid", fgColor="FFF2CC")
THIN = Side(style="thin", color="BFBFBF")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
COLUMN = {name: get_column_letter(i + 1) for i, name in enumerate(HEADERS)}
LIST_NAMES = {"onderwerp": "lijst_onderwerp", "indicator": "lijst_indicator",
              "soort": "lijst_soort", "status": "lijst_status",
              "vergelijkbaar": "lijst_vergelijkbaar"}


def write_template_xlsx(model: TemplateModel, path: Path) -> Path:
    """Write the workbook next to `path` and move it in place, so no half file remains."""
    workbook = Workbook()
    measurements = workbook.active
    assert measurements is not None
    measurements.title = SHEET_MEASUREMENTS
    _fill_measurements(measurements, model)
    _fill_guide(workbook.create_sheet(SHEET_GUIDE), model)
    _fill_lists(workbook, workbook.create_sheet(SHEET_LISTS), model)
    add_vulnerability_sheets_xlsx(workbook, model)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        workbook.save(temporary)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path


# --- Metingen ---------------------------------------------------------------------------------

def _fill_measurements(sheet: Worksheet, model: TemplateModel) -> None:
    for index, header in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=1, column=index, value=header)
        cell.fill, cell.font, cell.border = HEADER_FILL, HEADER_FONT, GRID
        sheet.column_dimensions[get_column_letter(index)].width = MEASUREMENT_WIDTHS[header]
    for number, row in enumerate(model.rows, start=2):
        _write_row(sheet, number, row, model)
    last = len(model.rows) + 1
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{COLUMN['toelichting']}{last}"
    # Two pages across keep the text at full size; the right half of each page follows it.
    _print_landscape(sheet, pages_across=2)
    sheet.page_setup.pageOrder = "overThenDown"
    sheet.print_title_rows = "1:1"
    _add_validations(sheet, model, last)


def _print_landscape(sheet: Worksheet, pages_across: int = 1) -> None:
    """A4 landscape, all columns on `pages_across` page widths, as many pages down as needed."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = pages_across
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5


def _write_row(sheet: Worksheet, number: int, row: TemplateRow, model: TemplateModel) -> None:
    values = {"onderwerp": row.subject, "indicator": row.indicator, "jaar": row.year,
              "soort": row.kind.value, "eenheid": row.unit}
    for name, column in COLUMN.items():
        cell = sheet[f"{column}{number}"]
        cell.border = GRID
        if name in values:
            cell.value = values[name]
            cell.fill = UNIT_FILL if name == "eenheid" else PREFILLED_FILL
            if name == "eenheid":
                cell.font = UNIT_FONT
        elif name in ("waarde", "bron"):
            cell.fill = TO_FILL_FILL
    waarde = sheet[f"{COLUMN['waarde']}{number}"]
    decimals = model.guide(row.indicator).decimals
    waarde.number_format = ("@" if row.scale  # a scale value stays text: "3", not 3.0
                            else "#,##0" if decimals <= 0 else "#,##0." + "0" * decimals)
    sheet[f"{COLUMN['peildatum']}{number}"].number_format = "yyyy-mm-dd"


def _ranges(column: str, rows: Iterable[int]) -> list[str]:
    """Consecutive row numbers as ranges: E2:E9, E12, E15:E20."""
    runs: list[tuple[int, int]] = []
    for number in sorted(rows):
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return [f"{column}{a}" if a == b else f"{column}{a}:{column}{b}" for a, b in runs]


def _add_ranges(validation: DataValidation, column: str, rows: Iterable[int]) -> None:
    for cells in _ranges(column, rows):
        validation.add(cells)


def _list_validation(formula: str, title: str, error: str, prompt: str = "") -> DataValidation:
    validation = DataValidation(type="list", formula1=formula, allow_blank=True,
                                showDropDown=False, showErrorMessage=True, errorStyle="stop",
                                errorTitle=title[:32], error=error)
    if prompt:
        validation.promptTitle, validation.prompt = title[:32], prompt
        validation.showInputMessage = True
    return validation


def _add_validations(sheet: Worksheet, model: TemplateModel, last: int) -> None:
    end = last + EXTRA_ROWS
    whole_column = {
        "onderwerp": _("Kies een onderwerp uit de lijst (de gekozen gemeenten, teams en "
                       "samenwerkingen)."),
        "indicator": _("Kies een indicator uit de lijst; zie het blad Toelichting."),
        "soort": _("Kies begroting, begroting_na_wijziging, realisatie of prognose."),
        "status": _("Kies definitief (standaard), voorlopig, reconstructie, schatting of "
                           "gepubliceerd."),
        "vergelijkbaar": _("Kies ja (standaard) of nee; bij nee de reden in toelichting."),
    }
    for name, error in whole_column.items():
        validation = _list_validation(LIST_NAMES[name], name, error)
        validation.add(f"{COLUMN[name]}2:{COLUMN[name]}{end}")
        sheet.add_data_validation(validation)
    year = DataValidation(type="whole", operator="between", formula1=str(model.first_year),
                          formula2=str(model.last_year), allow_blank=True,
                          showErrorMessage=True, errorTitle="jaar",
                          error=_("Vul een jaar van {first} tot en met {last} in.").format(
                              first=model.first_year, last=model.last_year))
    year.add(f"{COLUMN['jaar']}2:{COLUMN['jaar']}{end}")
    sheet.add_data_validation(year)
    _per_row_validations(sheet, model)


def _rows_by(model: TemplateModel, key: str) -> dict[str, list[int]]:
    grouped: dict[str, list[int]] = {}
    for number, row in enumerate(model.rows, start=2):
        grouped.setdefault(getattr(row, key), []).append(number)
    return grouped


def _per_row_validations(sheet: Worksheet, model: TemplateModel) -> None:
    """One validation per unit (eenheid) and per indicator (waarde, bron), over its rows."""
    for unit, numbers in _rows_by(model, "unit").items():
        validation = _list_validation(
            f'"{unit}"', "eenheid",
            _("De eenheid van deze indicator ligt vast: {unit}.").format(unit=unit))
        _add_ranges(validation, COLUMN["eenheid"], numbers)
        sheet.add_data_validation(validation)
    for indicator, numbers in _rows_by(model, "indicator").items():
        guide = model.guide(indicator)
        title, prompt = value_prompt(guide)
        if guide.scale:
            value = _list_validation(f'"{",".join(guide.scale)}"', title, value_error(guide),
                                     prompt)
        else:
            value = _number_validation(guide.minimum, guide.maximum, title, prompt,
                                       value_error(guide))
        _add_ranges(value, COLUMN["waarde"], numbers)
        sheet.add_data_validation(value)
        source = DataValidation(allow_blank=True, showInputMessage=True, promptTitle="bron",
                                prompt=source_prompt(guide))
        _add_ranges(source, COLUMN["bron"], numbers)
        sheet.add_data_validation(source)


def _number_validation(minimum: float | None, maximum: float | None, title: str, prompt: str,
                       error: str) -> DataValidation:
    low = "-1E+15" if minimum is None else bound_text(minimum)
    high = "1E+15" if maximum is None else bound_text(maximum)
    return DataValidation(type="decimal", operator="between", formula1=low, formula2=high,
                          allow_blank=True, showErrorMessage=True, errorStyle="stop",
                          errorTitle=title[:32], error=error, showInputMessage=True,
                          promptTitle=title[:32], prompt=prompt)


# --- Toelichting --------------------------------------------------------------------------

def _estimated_height(texts: Sequence[str], widths: Sequence[int]) -> float:
    """Row height in points for wrapped text: openpyxl does not measure text."""
    # A column of width w holds about 1.2 w characters of running text.
    lines = max((math.ceil(len(t) / (1.2 * w)) for t, w in zip(texts, widths, strict=True)
                 if t), default=1)
    return 15.0 * max(lines, 1)


def _text_row(sheet: Worksheet, number: int, text: str, bold: bool = False,
              size: int = 11) -> None:
    width = len(GUIDE_WIDTHS)
    cell = sheet.cell(row=number, column=1, value=text)
    cell.font, cell.alignment = Font(name="Calibri", bold=bold, size=size), WRAP
    sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=width)
    sheet.row_dimensions[number].height = max(_estimated_height([text], [sum(GUIDE_WIDTHS)]),
                                              size * 1.6)


def _table_row(sheet: Worksheet, number: int, cells: Sequence[str], header: bool = False,
               widths: Sequence[int] = GUIDE_WIDTHS) -> None:
    for index, text in enumerate(cells, start=1):
        cell = sheet.cell(row=number, column=index, value=text)
        cell.alignment, cell.border = WRAP, GRID
        if header:
            cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    sheet.row_dimensions[number].height = _estimated_height(cells, widths[:len(cells)])


def _fill_guide(sheet: Worksheet, model: TemplateModel) -> None:
    for index, width in enumerate(GUIDE_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    titles = headings()
    number = 1
    for position, title in enumerate(title_lines(model)):
        _text_row(sheet, number, title, bold=position == 0, size=14 if position == 0 else 11)
        number += 1
    number += 1
    _text_row(sheet, number, titles["steps"], bold=True, size=12)
    for step, text in enumerate(instructions(), start=1):
        _text_row(sheet, number + step, f"{step}. {text}")
    number += len(instructions()) + 2
    number = _columns_table(sheet, number, titles["columns"])
    _text_row(sheet, number, titles["indicators"], bold=True, size=12)
    _table_row(sheet, number + 1, guide_headers(), header=True)
    for offset, guide in enumerate(model.guides, start=2):
        _table_row(sheet, number + offset, guide_cells(guide))
    number += len(model.guides) + 3
    _text_row(sheet, number, titles["burden"], bold=True, size=12)
    _text_row(sheet, number + 1, burden_intro())
    for offset, line in enumerate(model.burden, start=2):
        _text_row(sheet, number + offset, "• " + burden_sentence(line))
    _print_landscape(sheet)


def _columns_table(sheet: Worksheet, number: int, title: str) -> int:
    """Kolom, verplicht and inhoud, the last merged over the remaining columns."""
    _text_row(sheet, number, title, bold=True, size=12)
    widths = (GUIDE_WIDTHS[0], GUIDE_WIDTHS[1], sum(GUIDE_WIDTHS[2:]))
    rows = (column_table_headers(), *column_notes())
    for offset, cells in enumerate(rows, start=1):
        _table_row(sheet, number + offset, cells, header=offset == 1, widths=widths)
        sheet.merge_cells(start_row=number + offset, start_column=3, end_row=number + offset,
                          end_column=len(GUIDE_WIDTHS))
    return number + len(rows) + 2


# --- Lijsten --------------------------------------------------------------------------------

def _fill_lists(workbook: Workbook, sheet: Worksheet, model: TemplateModel) -> None:
    for index, (name, values) in enumerate(model.lists.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=name).font = Font(name="Calibri", bold=True)
        for offset, value in enumerate(values, start=2):
            sheet.cell(row=offset, column=index, value=value)
        sheet.column_dimensions[letter].width = max(len(v) for v in (name, *values)) + 2
        reference = f"{quote_sheetname(SHEET_LISTS)}!${letter}$2:${letter}${len(values) + 1}"
        workbook.defined_names[LIST_NAMES[name]] = DefinedName(LIST_NAMES[name],
                                                               attr_text=reference)
    sheet.sheet_state = "hidden"
