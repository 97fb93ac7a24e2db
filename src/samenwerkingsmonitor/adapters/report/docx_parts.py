"""Building blocks for the DOCX report (python-docx): what Word needs to make a document
accessible and that python-docx has no call for.

- the document language in the style defaults (`w:lang`), so spelling and screen readers use it;
- tables with a real header row (`w:tblHeader`: marked as header and repeated on every page) and
  a caption that Word shows as the table's alternative text (`w:tblCaption`);
- pictures with alternative text (`wp:docPr/@descr` and `@title`), for the charts;
- page numbers as fields, landscape sections for wide tables, a table-of-contents field.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shape import InlineShape
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from samenwerkingsmonitor.services.intake.text_cells import neutralise

LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB"}
TABLE_STYLE = "Table Grid"
SMALL = Pt(8)


@dataclass(frozen=True, slots=True)
class CellText:
    """A table cell: its text, smaller lines under it, and optional colours (hex, no '#')."""

    text: str
    small: tuple[str, ...] = ()
    fill: str | None = None
    color: str | None = None
    bold: bool = False
    align_right: bool = False


Cell = str | CellText


def set_document_language(document: Document, language: str) -> str:
    """Set the language of all text (style defaults and theme fonts); returns the tag used."""
    tag = LANGUAGE_TAGS.get(language, language)
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    lang = _child(run_defaults, "w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), tag)
    settings = document.settings.element
    theme_lang = _child(settings, "w:themeFontLang")
    theme_lang.set(qn("w:val"), tag)
    return tag


def _child(parent: Any, tag: str) -> Any:
    """The first child with this tag (an lxml element), made when absent."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def add_caption(document: Document, text: str) -> Paragraph:
    paragraph = document.add_paragraph(text, style="Caption")
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def add_table(document: Document, caption: str, columns: Sequence[str],
              rows: Sequence[Sequence[Cell]], widths_cm: Sequence[float] = ()) -> Table:
    """A captioned table with one header row (repeated on each page) and a row header column
    in bold. Cells are text or CellText."""
    add_caption(document, caption)
    table = document.add_table(rows=1, cols=len(columns))
    table.style = document.styles[TABLE_STYLE]
    _table_caption(table, caption)
    header = table.rows[0]
    mark_header_row(header)
    for cell, title in zip(header.cells, columns, strict=True):
        _fill(cell, CellText(title, bold=True, fill="EEF3F7"))
    for values in rows:
        row = table.add_row()
        _cant_split(row)
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            content = value if isinstance(value, CellText) else CellText(value, bold=index == 0)
            _fill(cell, content)
    total = usable_width_cm(document)
    if not widths_cm and sum(minimum_widths(columns, rows)) > total:
        small_print(table)  # a wide table in 8 pt rather than words broken in the middle
        widths_cm = content_widths(columns, rows, total, scale=SMALL.pt / 10)
    set_column_widths(table, widths_cm or content_widths(columns, rows, total))
    return table


def small_print(table: Table) -> None:
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = SMALL


CM_PER_CHARACTER = 0.26  # a bold character of 10 pt in DejaVu Sans, with room to spare
CELL_PADDING_CM = 0.45


def _texts(cell: Cell) -> list[str]:
    return [cell.text, *cell.small] if isinstance(cell, CellText) else [cell]


def _longest_and_length(columns: Sequence[str],
                        rows: Sequence[Sequence[Cell]]) -> tuple[list[int], list[float]]:
    longest, length = [], []
    for index, title in enumerate(columns):
        texts = [title] + [t for row in rows for t in _texts(row[index])]
        longest.append(max((len(w) for t in texts for w in t.split()), default=1))
        length.append(sum(len(t) for t in texts) / len(texts))
    return longest, length


def minimum_widths(columns: Sequence[str], rows: Sequence[Sequence[Cell]],
                   scale: float = 1.0) -> list[float]:
    longest, _length = _longest_and_length(columns, rows)
    return [w * CM_PER_CHARACTER * scale + CELL_PADDING_CM for w in longest]


def content_widths(columns: Sequence[str], rows: Sequence[Sequence[Cell]],
                   total_cm: float, scale: float = 1.0) -> list[float]:
    """Column widths from the content: each column at least as wide as its longest word (no
    word is broken in the middle, in Word or LibreOffice), the rest shared by text length."""
    _longest, length = _longest_and_length(columns, rows)
    minimum = minimum_widths(columns, rows, scale)
    if sum(minimum) >= total_cm:
        return [m * total_cm / sum(minimum) for m in minimum]
    spare = total_cm - sum(minimum)
    weights = [max(n - m / (CM_PER_CHARACTER * scale), 0.0) + 1.0
               for n, m in zip(length, minimum, strict=True)]
    return [m + spare * w / sum(weights) for m, w in zip(minimum, weights, strict=True)]


def _fill(cell: _Cell, content: CellText) -> None:
    paragraph = cell.paragraphs[0]
    if content.align_right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(content.text)
    if content.bold:  # only when set: an explicit 'not bold' would be one more element per cell
        run.bold = True
    if content.color:
        run.font.color.rgb = RGBColor.from_string(content.color)
    for line in content.small:
        small = cell.add_paragraph().add_run(line)
        small.font.size = SMALL
        if content.color:
            small.font.color.rgb = RGBColor.from_string(content.color)
    if content.fill:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), content.fill)
        cell._tc.get_or_add_tcPr().append(shading)


def mark_header_row(row: object) -> None:
    """Mark a row as the table's header: assistive technology reads it as column headers and
    Word repeats it at the top of every page."""
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    _cant_split(row)


def _cant_split(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    properties.append(OxmlElement("w:cantSplit"))


def _table_caption(table: Table, caption: str) -> None:
    """Word 2010+ table title (shown as the table's alternative text)."""
    properties = table._tbl.tblPr
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption[:255])
    # w:tblCaption comes after w:tblLook's siblings in schema order; appending is accepted.
    properties.append(element)


def set_column_widths(table: Table, widths_cm: Sequence[float]) -> None:
    """Widths on the cells (Word) and on the table grid (LibreOffice reads only the grid)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=False):
        for cell in column.cells:
            cell.width = Cm(width)
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=False):
        column.set(qn("w:w"), str(int(Cm(width).twips)))


def add_picture_with_alt(document: Document, image: bytes, alt_text: str, title: str = "",
                         width_cm: float = 16.0) -> InlineShape:
    """Insert a picture (PNG or JPEG bytes) in its own paragraph with alternative text: the
    description screen readers read (`descr`) and a short title."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    shape = paragraph.add_run().add_picture(io.BytesIO(image), width=Cm(width_cm))
    properties = shape._inline.docPr
    properties.set("descr", alt_text)
    if title:
        properties.set("title", title)
    return shape


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC ...) with the text shown until Word updates it."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    paragraph.add_run()._r.append(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def page_footer(document: Document, text: str, page_word: str) -> None:
    """Footer on every page: the report's title, then 'page 3 / 40'."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.text = ""
    run = paragraph.add_run(f"{text} · {page_word} ")
    run.font.size = SMALL
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" / ").font.size = SMALL
    add_field(paragraph, "NUMPAGES", "1")


def page_header(document: Document, text: str) -> None:
    paragraph = document.sections[0].header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = SMALL


def new_chapter_section(document: Document, landscape: bool) -> None:
    """A new page in a new section, portrait or landscape (for the wide tables)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    short, long = sorted((section.page_width or Cm(21), section.page_height or Cm(29.7)))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)


def usable_width_cm(document: Document) -> float:
    section = document.sections[-1]
    width = (section.page_width or Cm(21)) - (section.left_margin or 0) \
        - (section.right_margin or 0)
    return float(width) / float(Cm(1))


_TOKEN = re.compile(r"--smon-verdict-([a-z-]+?)-(background-color|color):\s*#([0-9a-fA-F]{6})")


def verdict_colours(css: str) -> dict[str, tuple[str, str]]:
    """{css class: (text colour, background colour)} from the report's design tokens, so the
    DOCX uses the same checked colour pairs as the HTML and PDF."""
    found: dict[str, dict[str, str]] = {}
    for name, kind, colour in _TOKEN.findall(css):
        found.setdefault(name, {})[kind] = colour.upper()
    return {name: (pair["color"], pair["background-color"]) for name, pair in found.items()
            if "color" in pair and "background-color" in pair}


def neutralise_text(document: Document) -> None:
    """Every text run of the body, headers and footers with its bidirectional controls and
    zero-width characters shown as their code (services/intake/text_cells.py, ADR 0026): one
    pass before saving, so no chapter can forget it."""
    parts = [document.element]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer):
            if not part.is_linked_to_previous:
                parts.append(part._element)
    for element in parts:
        for text in element.iter(qn("w:t")):
            if text.text:
                text.text = neutralise(text.text, invisible=True)
