"""Write a template as ODS with odfpy: the same sheets, rows and texts as the XLSX template.

Dropdowns and checks are ODF content validations (table:content-validations) that cells name;
the lists sit on the hidden sheet Lijsten. The header row is frozen through the view settings,
and the header carries an autofilter (a database range). See docs/adr/0012-templates.md.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from odf.config import (
    ConfigItem,
    ConfigItemMapEntry,
    ConfigItemMapIndexed,
    ConfigItemMapNamed,
    ConfigItemSet,
)
from odf.element import Element
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import (
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.table import (
    ContentValidation,
    ContentValidations,
    CoveredTableCell,
    DatabaseRange,
    DatabaseRanges,
    ErrorMessage,
    HelpMessage,
    Table,
    TableCell,
    TableColumn,
    TableRow,
)
from odf.text import P

from samenwerkingsmonitor.adapters.workbooks.vulnerability_ods import (
    add_vulnerability_sheets_ods,
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

CM_PER_CHARACTER = 0.2
COLUMN_WIDE = {"onderwerp", "indicator", "soort", "status", "vergelijkbaar", "jaar"}
"""Columns whose check holds for the whole column, also in the empty rows for additions."""


def _letter(index: int) -> str:
    return chr(ord("A") + index)


class _Styles:
    """The automatic styles of the document, created once."""

    def __init__(self, document: OpenDocumentSpreadsheet) -> None:
        self.document = document
        self.header = self._cell("kop", "#1F4E79", color="#FFFFFF", bold=True)
        self.prefilled = self._cell("ingevuld", "#F2F2F2")
        self.unit = self._cell("eenheid", "#D9D9D9", color="#595959", italic=True)
        self.to_fill = self._cell("invullen", "#FFF2CC")
        self.plain = self._cell("leeg", None)
        self.text = self._cell("tekst", None, wrap=True, border=False)
        self.title = self._cell("titel", None, bold=True, size="14pt", border=False)
        self.heading = self._cell("kopje", None, bold=True, size="12pt", border=False)
        self.table_cell = self._cell("tabelcel", None, wrap=True)
        self.table_head = self._cell("tabelkop", "#1F4E79", color="#FFFFFF", bold=True,
                                     wrap=True)
        self.hidden = Style(name="verborgen", family="table")
        self.hidden.addElement(TableProperties(display="false"))
        self.shown = Style(name="zichtbaar", family="table")
        self.shown.addElement(TableProperties(display="true"))
        document.automaticstyles.addElement(self.hidden)
        document.automaticstyles.addElement(self.shown)
        self.widths: dict[int, Style] = {}

    def _cell(self, name: str, background: str | None, *, color: str | None = None,
              bold: bool = False, italic: bool = False, wrap: bool = False,
              size: str | None = None, border: bool = True) -> Style:
        style = Style(name=name, family="table-cell")
        cell: dict[str, str] = {"verticalalign": "top"}
        if background:
            cell["backgroundcolor"] = background
        if border:
            cell["border"] = "0.5pt solid #BFBFBF"
        if wrap:
            cell["wrapoption"] = "wrap"
        style.addElement(TableCellProperties(**cell))
        text: dict[str, str] = {}
        if color:
            text["color"] = color
        if bold:
            text["fontweight"] = "bold"
        if italic:
            text["fontstyle"] = "italic"
        if size:
            text["fontsize"] = size
        if text:
            style.addElement(TextProperties(**text))
        self.document.automaticstyles.addElement(style)
        return style

    def width(self, characters: int) -> Style:
        if characters not in self.widths:
            style = Style(name=f"breedte{characters}", family="table-column")
            style.addElement(TableColumnProperties(
                columnwidth=f"{characters * CM_PER_CHARACTER:.2f}cm"))
            self.document.automaticstyles.addElement(style)
            self.widths[characters] = style
        return self.widths[characters]


def write_template_ods(model: TemplateModel, path: Path) -> Path:
    """Write the spreadsheet next to `path` and move it in place, so no half file remains."""
    document = OpenDocumentSpreadsheet()
    styles = _Styles(document)
    validations = _Validations(model)
    document.spreadsheet.addElement(validations.element)
    document.spreadsheet.addElement(_measurements(model, styles))
    document.spreadsheet.addElement(_guide(model, styles))
    document.spreadsheet.addElement(_lists(model, styles))
    ranges = DatabaseRanges()
    ranges.addElement(DatabaseRange(
        name="__Anonymous_Sheet_DB__0", displayfilterbuttons="true", containsheader="true",
        targetrangeaddress=f"{SHEET_MEASUREMENTS}.A1:{SHEET_MEASUREMENTS}."
                           f"{_letter(len(HEADERS) - 1)}{len(model.rows) + 1}"))
    document.spreadsheet.addElement(ranges)
    document.settings.addElement(_frozen_header())
    add_vulnerability_sheets_ods(document, validations.element, model)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        document.save(str(temporary))
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()
    return path


# --- content validations ----------------------------------------------------------------------

def _list_range(column: int, count: int) -> str:
    letter = _letter(column)
    return f"[${SHEET_LISTS}.${letter}$2:.${letter}${count + 1}]"


def _quoted(values: Sequence[str]) -> str:
    """An inline list: items separated by semicolons, as LibreOffice writes it."""
    return ";".join(f'"{v}"' for v in values)


class _Validations:
    """Every validation once, by name; cells refer to them by that name.

    Conditions follow what LibreOffice writes and reads: one `of:` prefix for the whole
    expression, a comma between the bounds of `cell-content-is-between`.
    """

    def __init__(self, model: TemplateModel) -> None:
        self.element = ContentValidations()
        self.names: set[str] = set()
        for index, (column, values) in enumerate(model.lists.items()):
            self._add(f"lijst_{column}",
                      f"of:cell-content-is-in-list({_list_range(index, len(values))})",
                      column, _("Kies een waarde uit de lijst; zie het blad Toelichting."))
        self._add("lijst_jaar", "of:cell-content-is-whole-number() and "
                  f"cell-content-is-between({model.first_year},{model.last_year})", "jaar",
                  _("Vul een jaar van {first} tot en met {last} in.").format(
                      first=model.first_year, last=model.last_year), listed=False)
        for row in model.rows:
            self._per_row(model, row)

    def _per_row(self, model: TemplateModel, row: TemplateRow) -> None:
        self._add(f"eenheid_{row.unit}", f'of:cell-content-is-in-list("{row.unit}")', "eenheid",
                  _("De eenheid van deze indicator ligt vast: {unit}.").format(unit=row.unit))
        guide = model.guide(row.indicator)
        title, prompt = value_prompt(guide)
        if guide.scale:
            condition = f"of:cell-content-is-in-list({_quoted(guide.scale)})"
        else:
            low = "-1E+15" if guide.minimum is None else bound_text(guide.minimum)
            high = "1E+15" if guide.maximum is None else bound_text(guide.maximum)
            condition = ("of:cell-content-is-decimal-number() and "
                         f"cell-content-is-between({low},{high})")
        self._add(f"waarde_{guide.id}", condition, title, value_error(guide), help_text=prompt,
                  listed=bool(guide.scale))
        self._add(f"bron_{guide.id}", None, "bron", "", help_text=source_prompt(guide))

    def _add(self, name: str, condition: str | None, title: str, error: str, *,
             help_text: str = "", listed: bool = True) -> None:
        if name in self.names:
            return
        self.names.add(name)
        attributes = {"name": name, "allowemptycell": "true",
                      "basecelladdress": f"{SHEET_MEASUREMENTS}.A2"}
        if condition:
            attributes["condition"] = condition
            if listed and "in-list" in condition:
                attributes["displaylist"] = "unsorted"
        validation = ContentValidation(**attributes)
        if help_text:
            message = HelpMessage(title=title, display="true")
            message.addElement(P(text=help_text))
            validation.addElement(message)
        if error:
            message = ErrorMessage(title=title, display="true", messagetype="stop")
            message.addElement(P(text=error))
            validation.addElement(message)
        self.element.addElement(validation)


# --- the sheets ---------------------------------------------------------------------------

def _text_cell(text: str, style: Style, validation: str | None = None,
               spanned: int = 1) -> TableCell:
    attributes: dict[str, object] = {"valuetype": "string", "stylename": style}
    if validation:
        attributes["contentvalidationname"] = validation
    if spanned > 1:
        attributes["numbercolumnsspanned"] = spanned
    cell = TableCell(**attributes)
    cell.addElement(P(text=text))
    return cell


def _measurements(model: TemplateModel, styles: _Styles) -> Table:
    sheet = Table(name=SHEET_MEASUREMENTS, stylename=styles.shown)
    for header in HEADERS:
        sheet.addElement(TableColumn(stylename=styles.width(MEASUREMENT_WIDTHS[header])))
    header_row = TableRow()
    for header in HEADERS:
        header_row.addElement(_text_cell(header, styles.header))
    sheet.addElement(header_row)
    for row in model.rows:
        sheet.addElement(_measurement_row(row, styles))
    extra = TableRow(numberrowsrepeated=EXTRA_ROWS)
    for header in HEADERS:
        attributes: dict[str, object] = {}
        if header in COLUMN_WIDE:
            attributes["contentvalidationname"] = f"lijst_{header}"
        extra.addElement(TableCell(**attributes))
    sheet.addElement(extra)
    return sheet


def _measurement_row(row: TemplateRow, styles: _Styles) -> TableRow:
    element = TableRow()
    texts = {"onderwerp": row.subject, "indicator": row.indicator, "soort": row.kind.value}
    for header in HEADERS:
        if header in texts:
            element.addElement(_text_cell(texts[header], styles.prefilled, f"lijst_{header}"))
        elif header == "jaar":
            year = TableCell(valuetype="float", value=row.year, stylename=styles.prefilled,
                             contentvalidationname="lijst_jaar")
            year.addElement(P(text=str(row.year)))
            element.addElement(year)
        elif header == "eenheid":
            element.addElement(_text_cell(row.unit, styles.unit, f"eenheid_{row.unit}"))
        else:
            validation = {"waarde": f"waarde_{row.indicator}", "bron": f"bron_{row.indicator}",
                          "status": "lijst_status",
                          "vergelijkbaar": "lijst_vergelijkbaar"}.get(header)
            attributes: dict[str, object] = {
                "stylename": styles.to_fill if header in ("waarde", "bron") else styles.plain}
            if validation:
                attributes["contentvalidationname"] = validation
            element.addElement(TableCell(**attributes))
    return element


def _spanning_row(text: str, style: Style, width: int) -> TableRow:
    row = TableRow()
    row.addElement(_text_cell(text, style, spanned=width))
    for _index in range(width - 1):
        row.addElement(CoveredTableCell())
    return row


def _table_row(cells: Sequence[str], style: Style, spans: Sequence[int] = ()) -> TableRow:
    row = TableRow()
    for index, text in enumerate(cells):
        span = spans[index] if index < len(spans) else 1
        row.addElement(_text_cell(text, style, spanned=span))
        for _index in range(span - 1):
            row.addElement(CoveredTableCell())
    return row


def _guide(model: TemplateModel, styles: _Styles) -> Table:
    width = len(GUIDE_WIDTHS)
    sheet = Table(name=SHEET_GUIDE, stylename=styles.shown)
    for characters in GUIDE_WIDTHS:
        sheet.addElement(TableColumn(stylename=styles.width(characters)))
    rows: list[Element] = []
    for position, line in enumerate(title_lines(model)):
        rows.append(_spanning_row(line, styles.title if position == 0 else styles.text, width))
    titles = headings()
    rows += [TableRow(), _spanning_row(titles["steps"], styles.heading, width)]
    rows += [_spanning_row(f"{step}. {text}", styles.text, width)
             for step, text in enumerate(instructions(), start=1)]
    rows += [TableRow(), _spanning_row(titles["columns"], styles.heading, width)]
    spans = (1, 1, width - 2)
    rows.append(_table_row(column_table_headers(), styles.table_head, spans))
    rows += [_table_row(cells, styles.table_cell, spans) for cells in column_notes()]
    rows += [TableRow(), _spanning_row(titles["indicators"], styles.heading, width)]
    rows.append(_table_row(guide_headers(), styles.table_head))
    rows += [_table_row(guide_cells(guide), styles.table_cell) for guide in model.guides]
    rows += [TableRow(), _spanning_row(titles["burden"], styles.heading, width),
             _spanning_row(burden_intro(), styles.text, width)]
    rows += [_spanning_row("• " + burden_sentence(line), styles.text, width)
             for line in model.burden]
    for row in rows:
        sheet.addElement(row)
    return sheet


def _lists(model: TemplateModel, styles: _Styles) -> Table:
    sheet = Table(name=SHEET_LISTS, stylename=styles.hidden)
    lists = list(model.lists.items())
    for _name, values in lists:
        sheet.addElement(TableColumn(stylename=styles.width(max(map(len, values)) + 2)))
    sheet.addElement(_table_row([name for name, _values in lists], styles.plain))
    for index in range(max(len(values) for _name, values in lists)):
        row = TableRow()
        for _name, values in lists:
            row.addElement(_text_cell(values[index], styles.plain) if index < len(values)
                           else TableCell())
        sheet.addElement(row)
    return sheet


def _frozen_header() -> ConfigItemSet:
    """The view settings that freeze row 1 of Metingen and open the file on that sheet."""
    settings = ConfigItemSet(name="ooo:view-settings")
    views = ConfigItemMapIndexed(name="Views")
    view = ConfigItemMapEntry()
    view.addElement(_item("ViewId", "string", "view1"))
    tables = ConfigItemMapNamed(name="Tables")
    frozen = ConfigItemMapEntry(name=SHEET_MEASUREMENTS)
    for name, kind, value in (("VerticalSplitMode", "short", "2"),
                              ("VerticalSplitPosition", "int", "1"),
                              ("ActiveSplitRange", "short", "2"),
                              ("PositionBottom", "int", "1"),
                              ("HorizontalSplitMode", "short", "0"),
                              ("HorizontalSplitPosition", "int", "0")):
        frozen.addElement(_item(name, kind, value))
    tables.addElement(frozen)
    view.addElement(tables)
    view.addElement(_item("ActiveTable", "string", SHEET_MEASUREMENTS))
    views.addElement(view)
    settings.addElement(views)
    return settings


def _item(name: str, kind: str, value: str) -> ConfigItem:
    item = ConfigItem(name=name, type=kind)
    item.addText(value)
    return item
