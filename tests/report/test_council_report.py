"""Both products of the demo, written as `demo` writes them and read back as a reader gets them:
the Raadsrapportage (Typst PDF, HTML, DOCX) and the Technische bijlage (WeasyPrint PDF, HTML,
DOCX). Checked: the answer on page 1, plain Dutch (B1), no internal identifier or command in
any format, every word inside its page, no table row split over two pages, PDF/UA structure,
counts that agree between text, tables and registers, and the partner's version.
Every page is rendered to PNG in test-artifacts/council-pages/ to look at."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
from docx import Document
from readability import measure

from samenwerkingsmonitor.adapters.frameworks.file import parse_framework_text
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.cli.report_cmd import write_reports
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.i18n import set_language
from samenwerkingsmonitor.services.report.build import ReportProducts, build_report_products
from samenwerkingsmonitor.services.report.council_model import CouncilReport

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "test-artifacts" / "council-pages"
DAY = date(2026, 1, 15)
PARTNER = "GM0377"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils ontbreekt (scripts/system-packages.sh)")


@pytest.fixture(scope="module")
def products(demo_repo: tuple[object, str]) -> ReportProducts:
    repo, run_id = demo_repo
    set_language("nl")
    return build_report_products(repo, run_id, parse_framework=parse_framework_text,  # type: ignore[arg-type]
                                 organisation_reader=read_organisation, today=DAY)


@pytest.fixture(scope="module")
def council(products: ReportProducts) -> CouncilReport:
    return products.council


@pytest.fixture(scope="module")
def written(demo_repo: tuple[object, str]) -> dict[str, Path]:
    """Both products and the partner version in every format, as files (kept as artefacts)."""
    repo, run_id = demo_repo
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.iterdir():
        old.unlink()
    set_language("nl")
    paths = write_reports(repo, run_id, ("html", "pdf", "docx"), ARTEFACTS, today=DAY,  # type: ignore[arg-type]
                          appendix=True)
    paths += write_reports(repo, run_id, ("html", "pdf", "docx"), ARTEFACTS, today=DAY,  # type: ignore[arg-type]
                           partner=PARTNER)
    return {p.name: p for p in paths}


# --- reading the files back ---------------------------------------------------------------

class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [re.sub(r"\s+", " ", page) for page in text.split("\f")[:-1]]


def docx_text(path: Path) -> str:
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return " ".join(texts)


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def word_boxes(path: Path) -> tuple[list[tuple[float, float]], list[Word]]:
    """pdftotext -bbox: the size of each page and every word with its box."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages, words = [], []
    for match in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out,
                             re.S):
        pages.append((float(match.group(1)), float(match.group(2))))
        for w in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" '
                             r'yMax="([\d.-]+)">(.*?)</word>', match.group(3)):
            words.append(Word(len(pages), w.group(5), *(float(w.group(i)) for i in (1, 2, 3, 4))))
    return pages, words


Box = tuple[float, float, float, float]


def text_lines(path: Path) -> list[tuple[int, str, Box, list[tuple[str, float]]]]:
    """(page, text, box, [(word, size)]) per line from `pdftotext -bbox-layout`; the size of a
    word is across its line: the width of the box for a line turned 90° (a y axis title)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    number = re.compile(r'xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)"')
    found = []
    for page_number, page in enumerate(out.split("<page ")[1:], start=1):
        for line in re.findall(r"<line (.*?)</line>", page, re.S):
            x0, y0, x1, y1 = (float(v) for v in number.search(line).groups())  # type: ignore[union-attr]
            words = re.findall(r"<word ([^>]*)>(.*?)</word>", line)
            vertical = len(words) > 1 and y1 - y0 > x1 - x0
            sized = []
            for attributes, text in words:
                a, b, c, d = (float(v) for v in number.search(attributes).groups())  # type: ignore[union-attr]
                size = c - a if vertical else d - b
                if len(text) == 1:  # one glyph: its box is as high as the line either way
                    size = max(c - a, d - b)
                sized.append((text, size))
            found.append((page_number, " ".join(w for w, _s in sized), (x0, y0, x1, y1),
                          sized))
    return found


def council_texts(report: CouncilReport) -> list[str]:
    """The running text of the kernboodschap and the team pages (not table cells)."""
    texts = list(report.intro)
    for line in report.teams:
        texts += [c.cause for c in line.criteria if c.cause] + [*line.cost, *line.change]
    texts += [d.text for d in report.decisions]
    for page in report.team_pages:
        texts += [page.intro, *page.causes, *page.trends, page.vulnerability]
    return texts


# --- what page 1 says --------------------------------------------------------------------------

@needs_poppler
def test_page_one_answers_per_team_with_verdicts_causes_and_euros(
        written: dict[str, Path], council: CouncilReport) -> None:
    first = pdf_pages(written["rapport.pdf"])[0]
    assert "Kernboodschap" in first
    for line in council.teams:
        assert line.name in first
        for item in line.criteria:
            if item.cause:
                assert item.cause.split(".")[0] in first, item.cause
        assert "€" in line.cost[0] and line.cost[0] in first
    assert "Wat vraagt dit van de raad" in " ".join(pdf_pages(written["rapport.pdf"])[:2])


def test_every_verdict_that_is_not_voldoet_has_one_cause(council: CouncilReport) -> None:
    for line in council.teams:
        for item in line.criteria:
            assert bool(item.cause) is (item.verdict.code not in (Verdict.VOLDOET, None)), item


def test_decision_points_follow_from_data_and_framework(products: ReportProducts) -> None:
    council, model = products.council, products.model
    texts = [d.text for d in council.decisions]
    examples = sum(1 for n in model.norms if n.applied and n.example)
    assert any(t.startswith(f"{examples} van de ") for t in texts)
    year = council.year
    for matrix in (m for m in model.matrices if m.kind == "team"):
        for subject in matrix.subjects:
            failing = [r.criterion for r in subject.rows
                       if [c.verdict.code for c in r.cells if c.year >= year - 1]
                       == [Verdict.VOLDOET_NIET] * 2]
            mentioned = [t for t in texts if t.startswith(subject.name + " voldoet in")]
            assert bool(failing) is bool(mentioned), subject.name
    anchors = {"normen", "proces"} | {p.anchor for p in council.team_pages}
    assert {d.anchor for d in council.decisions} <= anchors


# --- plain Dutch --------------------------------------------------------------------------

def test_kernboodschap_and_team_pages_read_at_b1(council: CouncilReport) -> None:
    score = measure(council_texts(council))
    assert score.sentences > 50
    assert score.words_per_sentence <= 15, score
    assert score.flesch_douma >= 60, score


def identifiers(products: ReportProducts) -> set[str]:
    """The framework's ids of indicators and criteria that look like code (with '_')."""
    ids = {s.indicator_id for s in products.model.provenance if "_" in s.indicator_id}
    ids |= {r.criterion_id for m in products.model.matrices for s in m.subjects
            for r in s.rows if "_" in r.criterion_id}
    return ids


COMMAND = re.compile(r"samenwerkingsmonitor (?:report|export|vulnerability|assess|import)|"
                     r"(?<!\w)--[a-z]")
FILE_NAME = re.compile(r"\b[\w-]+\.(?:csv|toml|py|db|xlsx|ods|json)\b")


@needs_poppler
@pytest.mark.parametrize("name", ["rapport.html", "rapport.pdf", "rapport.docx",
                                  "technische-bijlage.html", "technische-bijlage.pdf",
                                  "technische-bijlage.docx", "rapport-GM0377.pdf"])
def test_no_identifier_or_command_in_reader_text(written: dict[str, Path],
                                                 products: ReportProducts, name: str) -> None:
    path = written[name]
    reader = {".html": html_text, ".docx": docx_text,
              ".pdf": lambda p: " ".join(pdf_pages(p))}[path.suffix](path)
    flat = re.sub(r"-\s+", "", reader)  # a word broken at a line end, joined again
    found = {i for i in identifiers(products) if i in reader or i in flat}
    assert found == set()
    assert COMMAND.findall(reader) == []
    if name.startswith("rapport"):  # the Raadsrapportage names no file at all
        assert FILE_NAME.findall(reader) == []


@pytest.mark.parametrize(("unit", "before", "after", "says"), [
    ("pct", 4.4, 4.7, "0,3 procentpunt hoger"),
    ("pct", 80.2, 78.0, "2,2 procentpunt lager"),
    ("eur", 100.0, 150.0, "€ 50,0 hoger"),
])
def test_a_change_of_a_percentage_is_in_percentage_points(unit: str, before: float,
                                                          after: float, says: str) -> None:
    from samenwerkingsmonitor.services.report.sentences import change_of_value

    text = change_of_value("ziekteverzuim", unit, before, after, 2018, 2022)
    assert says in text
    assert text.startswith("Ziekteverzuim ging van ")


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


# --- one source for every count -----------------------------------------------------------------

def test_costs_agree_between_page_one_the_team_pages_and_the_cost_table(
        council: CouncilReport) -> None:
    total_row = council.costs_current.rows[-1]
    rows = {r[0]: r for r in council.costs_current.rows[:-1]}
    for line, page in zip(council.teams, council.team_pages, strict=True):
        amount = rows[line.name][1]
        assert amount in line.cost[0]
        assert page.cost.rows[0][0] == str(council.year) and page.cost.rows[0][2] == amount
    euros = [float(r[1].replace("€", "").replace(".", "").strip()) for r in rows.values()]
    assert float(total_row[1].replace("€", "").replace(".", "").strip()) == sum(euros)


def test_council_letters_are_counted_from_the_register(products: ReportProducts,
                                                      demo_repo: tuple[object, str]) -> None:
    """The text counts the letters the process register lists; when the assessment's data
    count another number, the text says so instead of showing two counts as one."""
    model, council = products.model, products.council
    year = council.year
    register = sum(1 for d in model.process.council_documents
                   if d.kind == "raadsinformatiebrief" and str(year) in d.date)
    sentence = next(t for t in council.process if "raadsinformatiebrieven" in t)
    assert f"{register} raadsinformatiebrieven" in sentence
    counted = [f.value for s in model.sections for f in s.findings
               if f.indicator_id == "raadsinformatiebrieven_aantal" and f.year == year]
    if counted and int(counted[0]) != register:
        assert any(f"tellen er {int(counted[0])}" in t for t in council.process)


def test_verdicts_on_page_one_are_the_stored_verdicts(products: ReportProducts) -> None:
    stored = {(s.subject_id, r.criterion, c.year): c.verdict.code
              for m in products.model.matrices for s in m.subjects for r in s.rows
              for c in r.cells}
    for line in products.council.teams:
        for item in line.criteria:
            assert stored[(line.subject_id, item.criterion, products.council.year)] \
                is item.verdict.code


# --- the partner's version -------------------------------------------------------------------

def test_the_partner_version_has_its_share_its_title_and_the_same_verdicts(
        demo_repo: tuple[object, str], council: CouncilReport) -> None:
    repo, run_id = demo_repo
    partner = build_report_products(repo, run_id, parse_framework=parse_framework_text,  # type: ignore[arg-type]
                                    organisation_reader=read_organisation, today=DAY,
                                    partner=PARTNER).council
    assert partner.audience == "Voor de gemeenteraad van Bloemendaal"
    assert partner.costs_current.columns[-1] == "Deel Bloemendaal"
    assert all("Heemstede" not in c for c in partner.costs_current.columns)
    assert [(t.name, [c.verdict for c in t.criteria]) for t in partner.teams] == \
        [(t.name, [c.verdict for c in t.criteria]) for t in council.teams]
    for line in partner.teams:
        assert len(line.cost) == 2 and line.cost[1].startswith("Bloemendaal betaalt")


def test_an_unknown_partner_is_refused(demo_repo: tuple[object, str]) -> None:
    from samenwerkingsmonitor.errors import NotFound

    repo, run_id = demo_repo
    with pytest.raises(NotFound, match="GM9999"):
        build_report_products(repo, run_id, parse_framework=parse_framework_text,  # type: ignore[arg-type]
                              organisation_reader=read_organisation, partner="GM9999")


# --- DOCX -------------------------------------------------------------------------------------

def test_the_docx_is_a4_with_a_filled_table_of_contents(written: dict[str, Path]) -> None:
    for name in ("rapport.docx", "technische-bijlage.docx"):
        document = Document(str(written[name]))
        for section in document.sections:
            sizes = sorted((round(section.page_width.cm, 1), round(section.page_height.cm, 1)))
            assert sizes == [21.0, 29.7], name
        text = docx_text(written[name])
        assert "F9" not in text, name
    headings = [p.text for p in Document(str(written["rapport.docx"])).paragraphs
                if p.style.name == "List Number"][:3]
    assert headings[:2] == ["Kernboodschap", "Wat vraagt dit van de raad"]


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


def docx_words(path: Path) -> set[str]:
    """Every word of the DOCX: body, tables, headers and footers."""
    document = Document(str(path))
    texts = [docx_text(path)]
    for section in document.sections:
        texts += [p.text for part in (section.header, section.footer) for p in part.paragraphs]
    return set(re.findall(r"[A-Za-zÀ-ÿ]+", " ".join(texts)))


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


def overlapping(words: list[Word]) -> list[tuple[int, str, str]]:
    """Pairs of words on one page whose boxes overlap by more than 1 pt both ways: text of one
    table cell running into the next."""
    found = []
    by_page: dict[int, list[Word]] = {}
    for word in words:
        by_page.setdefault(word.page, []).append(word)
    for page, items in by_page.items():
        items.sort(key=lambda w: w.y_min)
        for index, a in enumerate(items):
            for b in items[index + 1:]:
                if b.y_min > a.y_max - 1:
                    break
                if min(a.x_max, b.x_max) - max(a.x_min, b.x_min) > 1:
                    found.append((page, a.text, b.text))
    return found


@needs_poppler
@pytest.mark.parametrize("name", ["rapport.pdf", "technische-bijlage.pdf"])
def test_no_two_words_overlap(written: dict[str, Path], name: str) -> None:
    _pages, words = word_boxes(written[name])
    assert overlapping(words) == []


def test_the_baseline_reads_the_same_in_table_and_explanation(products: ReportProducts) -> None:
    """One source: a table cell that says the nulmeting was captured is never explained as
    missing, and the other way round."""
    from samenwerkingsmonitor.domain.measurements import BaselineStatus
    from samenwerkingsmonitor.services.report.labels import baseline_status_label

    missing = baseline_status_label(BaselineStatus.MISSING)
    checked = 0
    for section in products.model.sections:
        for entry in section.findings:
            if re.search(r"Nulmeting \d{4}: ontbreekt\.", entry.explanation):
                checked += 1
                assert missing in entry.baseline_text, entry
            elif missing not in entry.baseline_text and "Nulmeting" in entry.explanation:
                checked += 1
    assert checked
