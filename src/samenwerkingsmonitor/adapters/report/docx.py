"""The council report as a Word document (python-docx), from the same report model as HTML/PDF.

Accessible the way Word checks it: the title in the Title style and the chapters and sections in
Heading 1 and Heading 2 (the navigation pane and a PDF export's bookmarks follow them), real
tables with a repeated header row and a caption, pictures with alternative text, the document
language set in the styles, the title in the core properties. The wide chapters (verdict
matrices, findings, norms) are landscape sections, as in the PDF.

Chapters follow `model.contents`; every chapter anchor has a writer in CHAPTERS (a test checks
that no chapter of the model is left out).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from docx import Document as new_document
from docx.document import Document
from docx.shared import Cm, Pt

from samenwerkingsmonitor.adapters.report.council_docx import a4
from samenwerkingsmonitor.adapters.report.docx_chapters import (
    appendix_gaps,
    appendix_norms,
    appendix_provenance,
    appendix_rules,
    costs_chapter,
    findings_chapter,
    matrices_chapter,
    operations_chapter,
    process_chapter,
    related_parties_chapter,
    summary_chapter,
    vulnerability_chapter,
)
from samenwerkingsmonitor.adapters.report.docx_parts import (
    neutralise_text,
    new_chapter_section,
    page_footer,
    page_header,
    set_document_language,
)
from samenwerkingsmonitor.adapters.report.docx_scenarios import scenarios_chapter
from samenwerkingsmonitor.i18n import _, current_language, set_language
from samenwerkingsmonitor.services.report.model import ReportModel

REPORT_FILE = "technische-bijlage.docx"

ChapterWriter = Callable[[Document, ReportModel], None]
CHAPTERS: dict[str, ChapterWriter] = {
    "samenvatting": summary_chapter,
    "oordelen": matrices_chapter,
    "bevindingen": findings_chapter,
    "kwetsbaarheid": vulnerability_chapter,
    "kosten": costs_chapter,
    "paragraaf-bedrijfsvoering": operations_chapter,
    "verbonden-partijen": related_parties_chapter,
    "proces": process_chapter,
    "normen": appendix_norms,
    "scenarios": scenarios_chapter,
    "regels": appendix_rules,
    "ontbrekende-gegevens": appendix_gaps,
    "herkomst": appendix_provenance,
}
WIDE_CHAPTERS = frozenset({"oordelen", "bevindingen", "paragraaf-bedrijfsvoering", "normen"})


def build_document(model: ReportModel) -> Document:
    """The whole report as a python-docx Document, in the model's language."""
    previous = current_language()
    set_language(model.language)
    try:
        document = new_document()
        a4(document)
        _metadata(document, model)
        _cover(document, model)
        _table_of_contents(document, model)
        for entry in model.contents:
            if entry.level != 2:
                continue
            new_chapter_section(document, landscape=entry.anchor in WIDE_CHAPTERS)
            document.add_heading(entry.title, level=1)
            writer = CHAPTERS.get(entry.anchor)
            if writer is not None:
                writer(document, model)
        return document
    finally:
        set_language(previous)


def render_docx(model: ReportModel) -> bytes:
    buffer = io.BytesIO()
    document = build_document(model)
    neutralise_text(document)
    document.save(buffer)
    return buffer.getvalue()


def write_docx(model: ReportModel, output_dir: Path) -> Path:
    """Write DIR/technische-bijlage.docx (the folder is made if needed) and return its path."""
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / REPORT_FILE
    path.write_bytes(render_docx(model))
    return path


def _metadata(document: Document, model: ReportModel) -> None:
    tag = set_document_language(document, model.language)
    properties = document.core_properties
    properties.title = f"{model.cover.title} – {model.cover.run_id}"
    properties.subject = model.cover.subjects
    properties.language = tag
    properties.author = model.cover.organisation
    properties.last_modified_by = "samenwerkingsmonitor"
    properties.keywords = "; ".join((model.cover.run_id, model.cover.framework))
    properties.comments = model.cover.fictitious_text
    properties.revision = 1
    title = f"{model.cover.title} – {model.cover.run_id}"
    page_footer(document, title, _("pagina"))
    if model.cover.fictitious:
        page_header(document, _("Fictieve voorbeelddata"))


def _cover(document: Document, model: ReportModel) -> None:
    cover = model.cover
    if cover.fictitious:
        mark = document.add_paragraph(style="Intense Quote")
        mark.add_run(_("Fictieve voorbeelddata")).bold = True
        mark.add_run(f": {cover.fictitious_text}")
    document.add_paragraph(cover.organisation, style="Subtitle")
    document.add_heading(cover.title, level=0)
    for fact in cover.facts:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = 0
        paragraph.add_run(fact.label).bold = True
        document.add_paragraph(fact.value)


def _table_of_contents(document: Document, model: ReportModel) -> None:
    """The table of contents, filled in: every chapter and its sections, in reading order
    (a Word field would read 'update with F9' until someone does)."""
    document.add_page_break()
    heading = document.add_paragraph()  # not a heading style: it is not a chapter itself
    heading.paragraph_format.keep_with_next = True
    run = heading.add_run(_("Inhoud"))
    run.bold, run.font.size = True, Pt(16)
    for entry in model.contents:
        paragraph = document.add_paragraph(entry.title)
        paragraph.paragraph_format.space_after = 0
        paragraph.paragraph_format.left_indent = Cm(0.6 * (entry.level - 2))
