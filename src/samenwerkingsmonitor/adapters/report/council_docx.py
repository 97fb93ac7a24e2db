"""The Raadsrapportage as DOCX (python-docx): A4, the municipality's styles when a reference
document is given, a table of contents that is already filled in, rows that never split.

A reference document (`--style gemeente.docx`) lends its styles, page size and margins; its
body text is removed. Without one, python-docx's template is used with A4 pages and the
report's own font (DejaVu Sans, as the PDF).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from docx import Document as new_document
from docx.document import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt

from samenwerkingsmonitor.adapters.report.docx_parts import (
    CellText,
    add_table,
    neutralise_text,
    page_footer,
    page_header,
    set_document_language,
)
from samenwerkingsmonitor.i18n import _, current_language, set_language
from samenwerkingsmonitor.services.report.council_model import CouncilReport
from samenwerkingsmonitor.services.report.model import DataTable

REPORT_FILE = "rapport.docx"
FONT = "DejaVu Sans"
FILLS = {"voldoet": "DCEFDC", "voldoet-deels": "FDF0C8", "voldoet-niet": "F8D7D3",
         "niet-te-beoordelen": "E4E4EA"}


def a4(document: Document) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)


def house_style(document: Document) -> None:
    """The report's own look when no municipality style is given: one font, modest sizes."""
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10)
    for level, size in ((0, 20), (1, 15), (2, 12)):
        style = document.styles["Title" if level == 0 else f"Heading {level}"]
        style.font.name, style.font.size = FONT, Pt(size)


def start_document(reference: Path | None) -> Document:
    if reference is None:
        document = new_document()
        house_style(document)
        a4(document)
        return document
    document = new_document(str(reference))
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):  # keep the page set-up, drop the text
            body.remove(child)
    return document


def data_table(document: Document, data: DataTable, verdict_columns: bool = False) -> None:
    rows: list[Sequence[str | CellText]] = []
    for row in data.rows:
        cells: list[str | CellText] = [row[0]]
        for cell in row[1:]:
            fill = next((FILLS[k] for k in sorted(FILLS, key=len, reverse=True)
                         if verdict_columns and cell.endswith(k.replace("-", " "))), None)
            cells.append(CellText(cell, fill=fill) if fill else cell)
        rows.append(cells)
    add_table(document, data.caption, data.columns, rows)


def contents(document: Document, titles: Sequence[str]) -> None:
    """The table of contents, filled in: one line per chapter, in reading order."""
    document.add_heading(_("Inhoud"), level=1)
    for title in titles:
        paragraph = document.add_paragraph(title, style="List Number")
        paragraph.paragraph_format.space_after = Pt(0)


def build_council_document(report: CouncilReport, reference: Path | None = None,
                           language: str | None = None) -> Document:
    previous = current_language()
    set_language(language or previous)
    try:
        document = start_document(reference)
        tag = set_document_language(document, current_language())
        properties = document.core_properties
        properties.title = f"{report.title} – {report.audience}"
        properties.language, properties.author = tag, report.organisation
        page_footer(document, report.title, _("pagina"))
        if report.fictitious_text:
            page_header(document, _("Fictieve voorbeelddata"))
        document.add_heading(report.title, level=0)
        document.add_paragraph(report.audience, style="Subtitle")
        if report.fictitious_text:
            document.add_paragraph(report.fictitious_text)
        titles = [_("Kernboodschap"), _("Wat vraagt dit van de raad"),
                  *(p.name for p in report.team_pages), _("Kosten van de samenwerking"),
                  _("Proces en betrokkenheid van de raad"), _("Normen die de raad nog vaststelt"),
                  _("Hoe leest u dit rapport")]
        contents(document, titles)
        _kernboodschap(document, report)
        for page in report.team_pages:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            document.add_heading(page.name, level=1)
            document.add_paragraph(page.intro)
            data_table(document, page.verdicts, verdict_columns=True)
            for title, items in ((_("Waarom niet voldoet"), page.causes),
                                 (_("Wat veranderde sinds de nulmeting"), page.trends)):
                if items:
                    document.add_heading(title, level=2)
                    for item in items:
                        document.add_paragraph(item, style="List Bullet")
            document.add_heading(_("Kosten"), level=2)
            data_table(document, page.cost)
            document.add_heading(_("Kwetsbaarheid"), level=2)
            document.add_paragraph(page.vulnerability)
            if page.vulnerability_table is not None:
                data_table(document, page.vulnerability_table)
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _chapter(document, _("Kosten van de samenwerking"), report.costs_intro,
                 (report.costs_current, report.costs_constant))
        _chapter(document, _("Proces en betrokkenheid van de raad"), report.process,
                 (report.process_table,))
        _chapter(document, _("Normen die de raad nog vaststelt"), report.norms_text,
                 (report.norms_table,))
        _chapter(document, _("Hoe leest u dit rapport"), report.how_to_read, ())
        for label, value in report.facts:
            paragraph = document.add_paragraph()
            paragraph.add_run(label + ": ").bold = True
            paragraph.add_run(value)
        return document
    finally:
        set_language(previous)


def _kernboodschap(document: Document, report: CouncilReport) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading(_("Kernboodschap"), level=1)
    for text in report.intro:
        document.add_paragraph(text)
    for line in report.teams:
        document.add_heading(line.name, level=2)
        verdicts = document.add_paragraph()
        for index, item in enumerate(line.criteria):
            if index:
                verdicts.add_run(" · ")
            verdicts.add_run(item.criterion + ": ").bold = True
            verdicts.add_run(f"{item.verdict.symbol} {item.verdict.label}")
        for item in line.criteria:
            if item.cause:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(item.criterion + ": ").bold = True
                paragraph.add_run(item.cause)
        document.add_paragraph(" ".join((*line.cost, *line.change)))
    document.add_heading(_("Wat vraagt dit van de raad"), level=1)
    for point in report.decisions:
        paragraph = document.add_paragraph(style="List Number")
        paragraph.add_run(point.text + " ")
        paragraph.add_run(_("Zie") + f" ‘{point.where}’.").italic = True


def _chapter(document: Document, title: str, texts: Sequence[str],
             tables: Sequence[DataTable]) -> None:
    document.add_heading(title, level=1)
    for text in texts:
        document.add_paragraph(text)
    for data in tables:
        data_table(document, data)


def council_docx_bytes(report: CouncilReport, reference: Path | None = None) -> bytes:
    buffer = io.BytesIO()
    document = build_council_document(report, reference)
    neutralise_text(document)
    document.save(buffer)
    return buffer.getvalue()


def write_council_docx(report: CouncilReport, directory: Path, name: str = REPORT_FILE,
                       reference: Path | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(council_docx_bytes(report, reference))
    path.chmod(0o644)
    return path
