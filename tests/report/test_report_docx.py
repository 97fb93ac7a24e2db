"""The DOCX of the Technische bijlage: the real pipeline (tests/report/test_report_html.py's run
on a SQLite file), written with python-docx and opened back with python-docx: heading styles in
order, real tables with header rows and captions, alternative text on every picture, the document
language, and numbers and verdicts equal to the stored findings (read back from storage, not
re-derived)."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from test_report_html import Assessed, build

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.report.docx import CHAPTERS, WIDE_CHAPTERS, render_docx
from samenwerkingsmonitor.adapters.report.docx_parts import verdict_colours
from samenwerkingsmonitor.adapters.report.html import stylesheet
from samenwerkingsmonitor.services.assessment.explain import verdict_label
from samenwerkingsmonitor.services.frameworks.load import load_framework
from samenwerkingsmonitor.services.report.details import value_text
from samenwerkingsmonitor.services.report.model import ReportModel
from support.cli import Cli


@pytest.fixture(scope="module")
def document(model: ReportModel) -> Document:
    return docx.Document(io.BytesIO(render_docx(model)))


def headings(document: Document) -> list[tuple[int, str]]:
    """(level, text) of every Title (0) and Heading n paragraph, in document order."""
    found = []
    for paragraph in document.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name == "Title":
            found.append((0, paragraph.text))
        elif name.startswith("Heading "):
            found.append((int(name.split()[1]), paragraph.text))
    return found


def caption(table: Table) -> str:
    element = table._tbl.tblPr.find(qn("w:tblCaption"))
    return "" if element is None else str(element.get(qn("w:val")))


def has_header_row(table: Table) -> bool:
    properties = table.rows[0]._tr.trPr
    return properties is not None and properties.find(qn("w:tblHeader")) is not None


# --- structure --------------------------------------------------------------------------------

def test_every_chapter_of_the_model_has_a_docx_writer(model: ReportModel) -> None:
    assert [e.anchor for e in model.contents if e.level == 2 and e.anchor not in CHAPTERS] == []


def test_headings_use_the_heading_styles_in_order(document: Document,
                                                  model: ReportModel) -> None:
    found = headings(document)
    assert found[0] == (0, model.cover.title)
    assert [level for level, _t in found].count(0) == 1
    assert [t for level, t in found if level == 1] == [
        e.title for e in model.contents if e.level == 2]
    levels = [level for level, _t in found]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert max(levels) <= 3


def test_every_table_has_a_caption_and_a_repeated_header_row(document: Document) -> None:
    assert len(document.tables) > 10
    assert [i for i, t in enumerate(document.tables) if not caption(t)] == []
    assert [caption(t) for t in document.tables if not has_header_row(t)] == []


def test_the_language_and_title_are_set(document: Document, model: ReportModel) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "nl-NL"
    assert document.core_properties.title == f"{model.cover.title} – {model.run_id}"
    assert document.core_properties.language == "nl-NL"


def test_english_reports_say_so(assessed: Assessed) -> None:
    english = build(assessed, "en")
    document = docx.Document(io.BytesIO(render_docx(english)))
    lang = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "en-GB"
    assert [t for level, t in headings(document) if level == 1][0] == english.contents[0].title


def test_every_picture_has_alternative_text(document: Document, model: ReportModel) -> None:
    pictures = list(document.inline_shapes)
    charts = [c for section in model.sections for c in section.charts]
    assert len(pictures) == len(charts)
    assert [(p._inline.docPr.get("descr"), p._inline.docPr.get("title")) for p in pictures] \
        == [(c.summary, c.title) for c in charts]


def test_wide_chapters_are_landscape(document: Document, model: ReportModel) -> None:
    chapters = [e.anchor for e in model.contents if e.level == 2]
    sections = list(document.sections)[1:]  # the first holds the cover and contents
    assert len(sections) == len(chapters)
    landscape = [anchor for anchor, s in zip(chapters, sections, strict=True)
                 if (s.page_width or 0) > (s.page_height or 0)]
    assert landscape == [a for a in chapters if a in WIDE_CHAPTERS]


# --- content equals what is stored -----------------------------------------------------------

def test_findings_tables_show_the_stored_values_and_verdicts(
        document: Document, model: ReportModel, assessed: Assessed) -> None:
    framework = load_framework("standaardkader", TomlFrameworkFiles())
    names = {s.subject_id: s.name for s in model.sections}
    stored = Counter()
    for finding in assessed.repo.findings(assessed.run_id):
        indicator = framework.indicator(finding.indicator)
        assert indicator is not None
        stored[(names[finding.subject], indicator.name, str(finding.year),
                value_text(finding, indicator), verdict_label(finding.verdict))] += 1
    shown = Counter()
    prefix = "Bevindingen voor "
    for table in document.tables:
        if not caption(table).startswith(prefix):
            continue
        years = [cell.text for cell in table.rows[0].cells[2:]]
        for row in table.rows[1:]:
            for year, cell in zip(years, row.cells[2:], strict=True):
                verdict, value = cell.paragraphs[0].text, cell.paragraphs[1].text
                shown[(caption(table).removeprefix(prefix), row.cells[0].paragraphs[0].text,
                       year, value, verdict.split(" ", 1)[1])] += 1
    assert shown == stored


def test_every_verdict_other_than_voldoet_is_explained_under_its_table(
        document: Document, model: ReportModel) -> None:
    paragraphs = [p.text for p in document.paragraphs]
    for section in model.sections:
        for finding in section.findings:
            shown = any(finding.explanation in text for text in paragraphs)
            assert shown == finding.needs_explanation, finding.explanation


def test_the_provenance_appendix_names_the_file_with_every_value(
        document: Document, model: ReportModel) -> None:
    tables = [t for t in document.tables
              if caption(t) == "Gebruikte metingen per onderwerp en bestand"]
    assert len(tables) == 1
    assert sum(int(row.cells[3].text) for row in tables[0].rows[1:]) == len(model.provenance)
    assert any("herkomst.csv" in p.text for p in document.paragraphs)


def test_the_matrices_show_the_stored_criterion_verdicts(
        document: Document, model: ReportModel, assessed: Assessed) -> None:
    labels = Counter(verdict_label(v.verdict)
                     for v in assessed.repo.criterion_verdicts(assessed.run_id))
    captions = {m.caption for m in model.matrices}
    shown: Counter[str] = Counter()
    for table in (t for t in document.tables if caption(t) in captions):
        for row in table.rows[1:]:
            for cell in row.cells[2:]:
                text = cell.paragraphs[0].text
                if text.strip():
                    shown[text.split(" ", 1)[1]] += 1
    assert {k: v for k, v in shown.items() if k in labels} == labels


TOKENS = """
  --smon-verdict-voldoet-color: #0b4d1e;
  --smon-verdict-voldoet-background-color: #d8efd9;
  --smon-verdict-voldoet-niet-color: #7F0F0F;
  --smon-verdict-voldoet-niet-background-color: #f8d6d6;
  --smon-verdict-geen-color: #4d4d4d;
"""


@pytest.mark.parametrize(("css_class", "pair"), [
    ("voldoet", ("0B4D1E", "D8EFD9")),
    ("voldoet-niet", ("7F0F0F", "F8D6D6")),
    ("geen", None),  # no background token: no pair, the cell stays uncoloured
])
def test_verdict_colours_are_read_from_the_design_tokens(css_class: str,
                                                         pair: tuple[str, str] | None) -> None:
    assert verdict_colours(TOKENS).get(css_class) == pair


def test_the_report_stylesheet_has_a_colour_pair_for_every_verdict() -> None:
    assert set(verdict_colours(stylesheet())) >= {
        "voldoet", "voldoet-deels", "voldoet-niet", "niet-te-beoordelen"}


# --- the command ----------------------------------------------------------------------------

@pytest.mark.parametrize(("formats", "files"), [
    ("docx", ["rapport.docx", "herkomst.csv"]),
    ("docx, HTML", ["rapport.docx", "rapport.html", "herkomst.csv"]),
    ("html,docx,html", ["rapport.html", "rapport.docx", "herkomst.csv"]),
])
def test_report_writes_each_format_asked_for_in_order(cli: Cli,
        assessed: Assessed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], formats: str, files: list[str]) -> None:
    code, out, err = cli("--database", assessed.url, "report",
                             assessed.run_id, "--as", formats, "--output", str(tmp_path))
    assert (code, out.splitlines(), err) == (0, [str(tmp_path / f) for f in files], "")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(files)


@pytest.mark.parametrize("formats", ["odt", "html,odt", ","])
def test_report_refuses_an_unknown_format(cli: Cli,
        assessed: Assessed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], formats: str) -> None:
    code, out, err = cli("--database", assessed.url, "report",
                             "latest", "--as", formats, "--output", str(tmp_path))
    unknown = "odt" if "odt" in formats else formats
    assert (code, out) == (2, "")
    assert err == (f"Fout: Onbekend rapportformaat '{unknown}': kies html, pdf of docx, of meer "
                   "dan één met komma's (html,pdf,docx).\n")
    assert list(tmp_path.iterdir()) == []
