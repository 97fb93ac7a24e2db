"""The council report as a tagged PDF (PDF/UA-1), printed by WeasyPrint from the same HTML.

There is no second template: `render_html` makes the page and WeasyPrint prints it with the
print part of report.css (A4, landscape pages for the wide tables, running title and page
numbers, a table of contents with page numbers). What PDF/UA asks comes from the HTML:
- the document language from `<html lang>` (catalog /Lang);
- the title from `<title>` (document info and XMP; DisplayDocTitle is set);
- bookmarks from the headings (WeasyPrint's `bookmark-level` for h1-h3);
- the structure tree from the elements (headings, lists, tables with TH and caption,
  figures with /Alt from `<img alt>` or an inline SVG's `<title>`, which
  adapters/report_charts.inline_svg writes into every chart).
WeasyPrint 63 and later take these options in `write_pdf`; `pdf_variant="pdf/ua-1"` turns on
`pdf_tags` and writes the PDF/UA identification into the XMP metadata.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from samenwerkingsmonitor.adapters.report.html import render_html
from samenwerkingsmonitor.errors import PdfAccessibilityError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.report.model import ReportModel

REPORT_FILE = "technische-bijlage.pdf"
PDF_VARIANT = "pdf/ua-1"


class _Collect(logging.Handler):
    """Keeps WeasyPrint's errors (a missing alt text, a missing lang) to raise them together."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_errors() -> Iterator[list[str]]:
    """WeasyPrint logs accessibility faults instead of raising; collect them."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def pdf_from_html(html: str) -> bytes:
    """Print an HTML page to a tagged PDF/UA-1 document; fail on an accessibility fault."""
    from weasyprint import HTML  # imported here: WeasyPrint loads pango, which takes a moment

    with _weasyprint_errors() as errors:
        data = HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)
    accessibility = [m for m in errors if "alt" in m or "lang" in m]
    if accessibility:
        raise PdfAccessibilityError(_("De PDF zou niet toegankelijk zijn: {faults}.").format(
            faults="; ".join(accessibility)))
    assert data is not None  # write_pdf without a target returns the bytes
    return data


def render_pdf(model: ReportModel) -> bytes:
    """The report as PDF bytes: the same page as rapport.html, printed."""
    return pdf_from_html(render_html(model))


def write_pdf(model: ReportModel, output_dir: Path) -> Path:
    """Write DIR/technische-bijlage.pdf (the folder is made if needed) and return its path."""
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / REPORT_FILE
    path.write_bytes(render_pdf(model))
    return path
