"""Layout that holds, read from the written files of both products of the demo: every word
inside its page and none on another, no table row over two pages, chart text of at least 8 pt,
PDF/UA structure, LibreOffice showing every DOCX word whole. Every page is rendered to PNG in
test-artifacts/council-pages/ to look at. Fixtures are in conftest.py."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from reading import (
    ARTEFACTS,
    docx_words,
    needs_poppler,
    overlapping,
    pdf_pages,
    text_lines,
    word_boxes,
)

from samenwerkingsmonitor.services.report.build import ReportProducts
from samenwerkingsmonitor.services.report.council_model import CouncilReport

# --- layout that holds ------------------------------------------------------------------------

@needs_poppler
@pytest.mark.parametrize("name", ["rapport.pdf", "technische-bijlage.pdf", "rapport-GM0377.pdf"])
def test_no_word_outside_the_page(written: dict[str, Path], name: str) -> None:
    pages, words = word_boxes(written[name])
    outside = [w for w in words
               if w.x_min < 0 or w.y_min < 0 or w.x_max > pages[w.page - 1][0] + 0.5
               or w.y_max > pages[w.page - 1][1] + 0.5]
    assert words and outside == []


@needs_poppler
def test_the_raadsrapportage_is_short_and_every_page_is_kept_as_png(
        written: dict[str, Path]) -> None:
    for name in ("rapport.pdf", "technische-bijlage.pdf", "rapport-GM0377.pdf"):
        stem = ARTEFACTS / Path(name).stem
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(written[name]), str(stem)],
                       check=True, capture_output=True)
    pages = len(pdf_pages(written["rapport.pdf"]))
    assert 2 <= pages <= 16
    assert len(list(ARTEFACTS.glob("rapport-*.png"))) >= pages


def _same_page(pages: list[str], first: str, last: str) -> bool:
    return any(first in page and last in page for page in pages)


@needs_poppler
def test_no_table_row_is_split_over_two_pages(written: dict[str, Path],
                                              products: ReportProducts) -> None:
    """Each row's header and its last value are on one page: the Raadsrapportage's tables and
    the vulnerability tables of the Technische bijlage (where a row once split)."""
    council_pages = pdf_pages(written["rapport.pdf"])
    tables = [t for p in products.council.team_pages
              for t in (p.verdicts, p.cost, p.vulnerability_table) if t is not None]
    tables += [products.council.costs_current, products.council.costs_constant]
    for table in tables:
        for row in table.rows:
            assert _same_page(council_pages, row[0].split()[0], row[-1]), (table.caption, row)
    appendix = pdf_pages(written["technische-bijlage.pdf"])
    for entry in products.model.vulnerability:
        for row in (entry.table.rows if entry.table else ()):
            assert _same_page(appendix, " ".join(row[0].split()[:2]), row[-1]), row


@needs_poppler
def test_the_raadsrapportage_pdf_is_tagged_pdf_ua_with_language_and_title(
        written: dict[str, Path], council: CouncilReport) -> None:
    with pikepdf.open(written["rapport.pdf"]) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert str(pdf.Root.Lang).lower().startswith("nl")
        assert str(pdf.docinfo["/Title"]) == f"{council.title} – {council.audience}"
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"
        assert all(page.mediabox[2] < 596 and page.mediabox[3] < 842.5 for page in pdf.pages)


@needs_poppler
def test_every_fact_of_the_related_parties_is_printed_whole(written: dict[str, Path],
                                                           products: ReportProducts) -> None:
    """pdftotext leaves out text beyond the page edge: every word of every fact of the
    'Verbonden partijen' chapter must be found in the printed text."""
    printed = " ".join(pdf_pages(written["technische-bijlage.pdf"]))
    flat = re.sub(r"-\s+", "", printed)
    for party in products.model.related_parties:
        for fact in party.facts:
            for word in fact.value.split():
                assert word in printed or word in flat, (party.name, fact.label, word)


# --- charts of the Technische bijlage -------------------------------------------------------

def test_charts_keep_values_that_are_not_comparable_off_the_scale(
        products: ReportProducts) -> None:
    for section in products.model.sections:
        for chart in section.charts:
            layers = chart.spec["data"]["values"]
            assert {row["rol"] for row in layers} <= {"own", "baseline", "target", "signal",
                                                      "peers", "label"}, chart.anchor


def test_a_chart_in_constant_prices_shows_one_price_level_and_says_so(
        products: ReportProducts) -> None:
    constant = [c for s in products.model.sections for c in s.charts
                if "prijzen van" in c.spec["encoding"]["y"]["title"]]
    assert constant
    for chart in constant:
        assert chart.table.columns[1] == "Waarde in lopende prijzen"
        assert any("lopende prijzen staan in de tabel" in n for n in chart.notes)


@needs_poppler
def test_chart_text_is_at_least_8_pt_at_print_size(written: dict[str, Path],
                                                   products: ReportProducts) -> None:
    """Every word drawn in a chart (the area under its title, left of its data table) is at
    least 8 pt: a line of 8 pt text is about 8.9 pt high in these fonts (less 0.3 pt)."""
    titles = {c.title for s in products.model.sections for c in s.charts}
    lines = text_lines(written["technische-bijlage.pdf"])
    tops = [(page, box) for page, text, box, _words in lines if text in titles]
    assert len(tops) >= len(titles) // 2  # a title on two lines is not found whole
    small = []
    for page, _text, box, words in lines:
        for top_page, top in tops:
            inside = (page == top_page and box[0] >= top[0] - 1 and box[2] <= 0.66 * 842
                      and top[3] < box[1] < top[3] + 280)
            if inside:
                small += [(page, w, round(size, 1)) for w, size in words if size < 8.6]
    assert small == []


@needs_poppler
@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice ontbreekt (scripts/system-packages.sh)")
@pytest.mark.parametrize("name", ["rapport.docx", "rapport-GM0377.docx"])
def test_libreoffice_shows_every_word_of_the_docx_whole(written: dict[str, Path],
                                                        tmp_path: Path, name: str) -> None:
    """Converted by LibreOffice (headless), every word of the printed text is a word of the
    document: no word is broken in the middle by a narrow table column."""
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(written[name])], check=True, capture_output=True, timeout=120)
    printed = subprocess.run(["pdftotext", str(tmp_path / name.replace(".docx", ".pdf")), "-"],
                             check=True, capture_output=True, text=True).stdout
    words = re.findall(r"[A-Za-zÀ-ÿ]+", printed)
    source = docx_words(written[name])

    def whole(word: str) -> bool:  # pdftotext joins 'Heemstede-' and 'Bloemendaal' again
        return word in source or any(word[:i] in source and word[i:] in source
                                     for i in range(2, len(word) - 1))

    assert len(words) > 1000
    assert sorted(w for w in set(words) if not whole(w)) == []


@needs_poppler
@pytest.mark.parametrize("name", ["rapport.pdf", "technische-bijlage.pdf"])
def test_no_two_words_overlap(written: dict[str, Path], name: str) -> None:
    _pages, words = word_boxes(written[name])
    assert overlapping(words) == []
