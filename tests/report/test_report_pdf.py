"""The PDF of the Technische bijlage: the real pipeline (tests/report/test_report_html.py's run on a
SQLite file), compiled by Typst (adapters/report/appendix_pdf.py), then read back: its
structure with pikepdf (PDF/UA-1: tagged, language, title, bookmarks, alternative text on
figures), its text with poppler's pdftotext, and its pages
as PNG images with pdftoppm (kept in test-artifacts/report-pages/ to look at)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from test_report_html import Assessed

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.report.appendix_pdf import write_appendix_pdf
from samenwerkingsmonitor.adapters.report.charts import inline_svg
from samenwerkingsmonitor.adapters.report.pdf import pdf_from_html
from samenwerkingsmonitor.errors import PdfAccessibilityError
from samenwerkingsmonitor.services.assessment.explain import verdict_label
from samenwerkingsmonitor.services.frameworks.load import load_framework
from samenwerkingsmonitor.services.report.details import value_text
from samenwerkingsmonitor.services.report.model import ReportModel

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "report-pages"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) is not installed; "
           "scripts/system-packages.sh installs it")


@pytest.fixture(scope="module")
def pdf_file(model: ReportModel) -> Path:
    """Written where a person can open it after the run, next to its page images."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return write_appendix_pdf(model, ARTEFACTS)


@pytest.fixture(scope="module")
def pdf(pdf_file: Path) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(pdf_file) as document:
        yield document


def structure_elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element of the tag tree, in reading order (depth first)."""

    def walk(node: pikepdf.Dictionary) -> Iterator[pikepdf.Dictionary]:
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                yield kid
                yield from walk(kid)

    yield from walk(pdf.Root.StructTreeRoot)


def tags(pdf: pikepdf.Pdf) -> list[str]:
    return [str(element.S) for element in structure_elements(pdf)]


# --- PDF/UA structure -------------------------------------------------------------------------

def test_the_pdf_is_tagged_and_marked(pdf: pikepdf.Pdf) -> None:
    assert "/StructTreeRoot" in pdf.Root
    assert bool(pdf.Root.MarkInfo.Marked) is True
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True


def test_the_pdf_says_its_language_title_and_pdf_ua_conformance(
        pdf: pikepdf.Pdf, model: ReportModel) -> None:
    title = f"{model.cover.title} – {model.cover.run_id}"
    assert str(pdf.Root.Lang) == "nl"
    assert str(pdf.docinfo["/Title"]) == title
    with pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == title
        assert xmp["pdfuaid:part"] == "1"


@pytest.mark.parametrize("tag", ["/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/Caption", "/L",
                                 "/P", "/Link"])
def test_the_tag_tree_holds_the_semantic_parts(pdf: pikepdf.Pdf, tag: str) -> None:
    assert tag in tags(pdf)


def test_headings_are_tagged_in_order_without_skipping_a_level(pdf: pikepdf.Pdf) -> None:
    levels = [int(t[2]) for t in tags(pdf) if t in ("/H1", "/H2", "/H3")]
    assert levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip([0, *levels], levels, strict=False))


def test_the_bookmarks_follow_the_chapters(pdf: pikepdf.Pdf, model: ReportModel) -> None:
    assert "/Outlines" in pdf.Root
    with pdf.open_outline() as outline:
        (root,) = outline.root  # the report's title, with the chapters under it
        chapters = [item.title for item in root.children]
        sections = {item.title: [part.title for part in item.children] for item in root.children}
    assert root.title == model.cover.title
    assert chapters == [e.title for e in model.contents if e.level == 2]
    assert sections[model.contents[1].title] == [m.title for m in model.matrices]


def test_every_figure_has_alternative_text(pdf: pikepdf.Pdf, model: ReportModel) -> None:
    figures = [e for e in structure_elements(pdf) if e.S == "/Figure"]
    charts = [chart for section in model.sections for chart in section.charts]
    assert len(figures) >= len(charts)
    assert [str(f.get("/Alt", "")) for f in figures if not str(f.get("/Alt", "")).strip()] == []


def test_a_missing_alt_text_stops_the_pdf() -> None:
    page = ('<!DOCTYPE html><html lang="nl"><head><title>t</title></head><body>'
            '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAD'
            'UlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="></body></html>')
    with pytest.raises(PdfAccessibilityError, match="De PDF zou niet toegankelijk zijn: .*alt"):
        pdf_from_html(page)


def test_the_figures_alt_text_is_the_charts_title_and_summary(
        pdf: pikepdf.Pdf, model: ReportModel) -> None:
    alts = {str(e.get("/Alt", "")) for e in structure_elements(pdf) if e.S == "/Figure"}
    chart = model.sections[0].charts[0]
    assert f"{chart.title}. {chart.summary.rstrip('.')}." in alts


@pytest.mark.parametrize(("title", "description", "inside"), [
    ("Lasten", "De lasten stegen.", "<title>Lasten. De lasten stegen.</title>"
                                    "<desc>De lasten stegen.</desc>"),
    ("Lasten & baten", "", "<title>Lasten &amp; baten.</title>"),
    ("", "", ""),
])
def test_an_inline_chart_carries_its_title_and_description(
        model: ReportModel, title: str, description: str, inside: str) -> None:
    spec = model.sections[0].charts[0].spec
    svg = str(inline_svg(spec, "f", "f-titel", "f-tekst", title=title, description=description))
    head = svg[:svg.index(">") + 1]
    assert svg[len(head):].startswith(inside) if inside else "<title>" not in svg
    assert 'role="img"' in head and 'aria-labelledby="f-titel"' in head


# --- text: what the reader sees equals what is stored ------------------------------------------

@pytest.fixture(scope="module")
def pdf_text(pdf_file: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    result = subprocess.run(["pdftotext", str(pdf_file), "-"], check=True,
                            capture_output=True, text=True)
    return re.sub(r"\s+", " ", result.stdout)  # a value wrapped in its cell reads as one


@needs_poppler
def test_the_text_names_the_run_and_every_verdict_used(
        pdf_text: str, assessed: Assessed) -> None:
    assert assessed.run_id in pdf_text
    for verdict in {f.verdict for f in assessed.repo.findings(assessed.run_id)}:
        assert verdict_label(verdict) in pdf_text


@needs_poppler
def test_every_stored_value_is_printed_as_formatted(
        pdf_text: str, assessed: Assessed) -> None:
    framework = load_framework("standaardkader", TomlFrameworkFiles())
    missing = []
    for finding in assessed.repo.findings(assessed.run_id):
        indicator = framework.indicator(finding.indicator)
        assert indicator is not None
        text = value_text(finding, indicator)
        if text not in pdf_text:
            missing.append((finding.subject, finding.indicator, finding.year, text))
    assert missing == []


@needs_poppler
def test_the_fictitious_mark_is_on_every_page(pdf_file: Path, model: ReportModel) -> None:
    assert model.cover.fictitious
    pages = subprocess.run(["pdftotext", str(pdf_file), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert [i for i, p in enumerate(pages, 1) if "Fictieve voorbeelddata" not in p] == []


@needs_poppler
def test_the_pages_are_kept_as_images_to_look_at(pdf_file: Path) -> None:
    for old in ARTEFACTS.glob("pagina-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf_file), str(ARTEFACTS / "pagina")],
                   check=True)
    images = sorted(ARTEFACTS.glob("pagina-*.png"))
    assert len(images) == len(pikepdf.open(pdf_file).pages)
    assert all(image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for image in images)
