"""The HTML council report: a real run through the real pipeline on a SQLite file, rendered,
parsed back with html.parser and checked for content and accessibility (WCAG 2.1 AA basics)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.intake.csv_reader import read_csv
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.report.html import render_html, stylesheet
from samenwerkingsmonitor.adapters.report.provenance import write_provenance
from samenwerkingsmonitor.adapters.storage import SqlRepository, open_repository
from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.i18n import set_language
from samenwerkingsmonitor.services.assessment.assess import AssessmentRequest, run_assessment
from samenwerkingsmonitor.services.assessment.explain import verdict_label
from samenwerkingsmonitor.services.frameworks.load import load_framework
from samenwerkingsmonitor.services.measurements.importing import import_measurements
from samenwerkingsmonitor.services.organisation.register import (
    load_registered_organisation,
    register_organisation,
)
from samenwerkingsmonitor.services.report.build import build_report_model
from samenwerkingsmonitor.services.report.details import value_text
from samenwerkingsmonitor.services.report.model import ReportModel
from samenwerkingsmonitor.services.report.summary import (
    change_sentence,
    listing,
    not_met_sentence,
)
from support.cli import Cli

EXAMPLE = Path(str(resources.files("samenwerkingsmonitor") / "example" / "organisatie.toml"))
TEAM = "heemstede-bloemendaal/communicatie"
COOPERATION = "heemstede-bloemendaal"
SUBJECTS = ("GM0397", "GM0377", TEAM, COOPERATION)
REPORT_DAY = date(2026, 1, 15)


# --- a small measurement file, valid for the standaardkader --------------------------------

def measurement_rows() -> list[dict[str, object]]:
    """Five municipalities (a peer group needs several), one shared team, one cooperation,
    2018-2020; a reconstructed baseline, an estimate, a provisional value and gaps."""
    rows: list[dict[str, object]] = []

    def add(subject: str, indicator: str, year: int, value: object, unit: str,
            kind: str = "realisatie", status: str = "") -> None:
        rows.append({"onderwerp": subject, "indicator": indicator, "jaar": year, "soort": kind,
                     "waarde": value, "eenheid": unit, "bron": "Jaarrekening (fictief)",
                     "status": status})

    inhabitants = {"GM0397": 27000, "GM0377": 23000, "GM0629": 26000, "GM0579": 24000,
                   "GM0626": 25000}
    for i, (code, people) in enumerate(inhabitants.items()):
        for year in (2018, 2019, 2020):
            step = year - 2018
            add(code, "inwoners", year, people + 100 * step, "aantal")
            add(code, "formatie_fte", year, 150 + 10 * i + step, "fte", "begroting")
            add(code, "bezetting_fte", year, 140 + 9 * i, "fte")
            add(code, "apparaatskosten_eur", year, (400 + 20 * i) * people, "eur")
            add(code, "loonsom_eur", year, 10_000_000 + i * 500_000, "eur")
            add(code, "inhuur_eur", year, 800_000 + i * 300_000 + step * 200_000, "eur")
            add(code, "lasten_totaal_eur", year, 80_000_000, "eur")
            add(code, "lasten_overhead_eur", year, 8_000_000 + i * 1_500_000, "eur")
    for year in (2018, 2019, 2020):
        step = year - 2018
        add(TEAM, "lasten_eur", year, 1_000_000 + 80_000 * step, "eur",
            status="reconstructie" if year == 2018 else "")
        add(TEAM, "formatie_fte", year, 10, "fte")
        add(TEAM, "bezetting_fte", year, 9.5 - step, "fte")
        add(TEAM, "tijdigheid_pct", year, 80 + step, "pct")
        add(TEAM, "kwaliteit_oordeel", year, 3, "score_1_5")
        add(TEAM, "ziekteverzuim_pct", year, 5 + step, "pct",
            status="voorlopig" if year == 2020 else "")
        add(TEAM, "eenmansfuncties_aantal", year, 1, "aantal", status="schatting")
        add(TEAM, "vervangbaarheid_pct", year, 85, "pct")
        add(TEAM, "ontvlechtingsplan_aanwezig", year, "nee", "ja_nee")
        add(COOPERATION, "evaluatiebepaling_aanwezig", year, "ja", "ja_nee")
        add(COOPERATION, "uittredingsbepaling_aanwezig", year, "ja", "ja_nee")
        # the process indicators are counted from the example's process facts (ADR 0020)
    return rows


def write_measurements(path: Path) -> Path:
    rows = measurement_rows()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@dataclass
class Assessed:
    url: str
    repo: SqlRepository
    run_id: str




def make_assessed(folder: Path) -> Assessed:
    """The run of the report tests (tests/report/conftest.py makes it once per session)."""
    url = f"sqlite:///{folder / 'monitor.db'}"
    repo = open_repository(url)
    repo.migrate()
    register_organisation(repo, EXAMPLE, "tester", "voorbeeld", reader=read_organisation)
    organisation = load_registered_organisation(repo, reader=read_organisation)
    framework = load_framework("standaardkader", TomlFrameworkFiles())
    import_measurements(repo, write_measurements(folder / "metingen.csv"), organisation,
                        framework, "tester", "eerste levering", reader=read_csv)
    outcome = run_assessment(repo, AssessmentRequest(SUBJECTS, 2018, 2020, 2018), "tester",
                             framework_files=TomlFrameworkFiles(),
                             organisation_reader=read_organisation)
    return Assessed(url, repo, outcome.run.id)


def copy_of(assessed: Assessed, folder: Path) -> Assessed:
    """The same database in another file, for a test that changes it."""
    source = Path(assessed.url.removeprefix("sqlite:///"))
    target = folder / source.name
    target.write_bytes(source.read_bytes())
    url = f"sqlite:///{target}"
    return Assessed(url, open_repository(url), assessed.run_id)


def build(assessed: Assessed, lang: str = "nl") -> ReportModel:
    set_language(lang)
    try:
        return build_report_model(assessed.repo, assessed.run_id,
                                  framework_files=TomlFrameworkFiles(),
                                  organisation_reader=read_organisation, today=REPORT_DAY)
    finally:
        set_language("nl")


# --- a small DOM from html.parser ---------------------------------------------------------

VOID = frozenset({"meta", "link", "br", "img", "hr", "input", "source", "col", "wbr"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def iter(self) -> list[Element]:
        found = [self]
        for child in self.children:
            if isinstance(child, Element):
                found.extend(child.iter())
        return found

    def all(self, *tags: str) -> list[Element]:
        return [e for e in self.iter() if e.tag in tags]


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


# --- structure and accessibility ----------------------------------------------------------

def test_the_page_has_the_language_of_the_report(page: Element) -> None:
    assert page.all("html")[0].attrs["lang"] == "nl"


def test_an_english_report_says_so_and_is_translated(assessed: Assessed) -> None:
    english = parse(render_html(build(assessed, "en")))
    assert english.all("html")[0].attrs["lang"] == "en"
    headings = [h.text() for h in english.all("h2")]
    assert headings[:3] == ["Contents", "Summary", "Verdicts per criterion"]


def test_there_is_one_h1_and_heading_levels_never_skip(page: Element) -> None:
    levels = [int(e.tag[1]) for e in page.iter() if re.fullmatch(r"h[1-6]", e.tag)]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))


def test_the_page_has_landmarks_and_a_skip_link(page: Element) -> None:
    assert [len(page.all(tag)) for tag in ("header", "nav", "main", "footer")] == [1, 1, 1, 1]
    first_link = page.all("a")[0]
    assert first_link.attrs["href"] == "#inhoud"
    assert page.all("main")[0].attrs["id"] == "inhoud"


def test_every_table_has_a_caption_and_scoped_headers(page: Element) -> None:
    tables = page.all("table")
    assert len(tables) >= 6
    for table in tables:
        assert table.children and table.all("caption"), "table without caption"
        headers = table.all("th")
        assert headers and all(th.attrs.get("scope") in ("col", "row", "rowgroup")
                               for th in headers)


def test_every_verdict_cell_reads_its_verdict_as_text(page: Element) -> None:
    labels = {verdict_label(v) for v in ("voldoet", "voldoet_deels", "voldoet_niet",
                                         "niet_te_beoordelen")} | {"niet getoetst"}
    cells = [e for e in page.all("td", "li", "span")
             if {"verdict", "verdict-tag"} & set(e.attrs.get("class", "").split())]
    assert len(cells) > 50
    for cell in cells:
        symbol = next(s for s in cell.all("span") if s.attrs.get("class") == "symbol")
        assert symbol.attrs.get("aria-hidden") == "true"
        assert any(label in cell.text() for label in labels), cell.text()


def test_the_cover_shows_run_id_data_version_and_the_fictitious_mark(
        page: Element, assessed: Assessed) -> None:
    run = assessed.repo.run(assessed.run_id)
    assert run is not None
    header = page.all("header")[0]
    facts = dict(zip([dt.text() for dt in header.all("dt")],
                     [dd.text() for dd in header.all("dd")], strict=True))
    assert facts["Toetsing"] == run.id
    assert facts["Gegevensversie"] == f"meetbatch {run.data_batch} · gegevens {run.data_hash[:12]}"
    assert facts["Status van het rapport"] == "concept"
    assert facts["Datum van het rapport"] == "15 januari 2026"
    assert facts["Periode"] == "2018-2020, nulmeting 2018"
    assert facts["Toetsingskader"] == ("Standaardkader ambtelijke samenwerking (standaardkader, "
                                       "versie 1.0)")
    assert header.all("p")[0].text().startswith("Fictieve voorbeelddata: ")
    order = [e for e in page.iter() if e.tag in ("header", "h2")]
    assert order[0] is header  # the cover comes before the first chapter


def test_nothing_is_loaded_from_elsewhere_and_no_script_is_needed(page: Element) -> None:
    assert not page.all("script", "iframe", "object", "embed", "link")
    for element in page.iter():
        for name in ("src", "href"):
            value = element.attrs.get(name, "")
            assert not value.startswith(("http://", "https://", "//")), value
    assert "http://" not in page.all("style")[0].text()
    assert "https://" not in page.all("style")[0].text()


# --- content equals what is stored --------------------------------------------------------

def test_every_finding_shows_the_stored_value_and_verdict(page: Element,
                                                         assessed: Assessed) -> None:
    framework = load_framework("standaardkader", TomlFrameworkFiles())
    shown = []
    for section in (e for e in page.all("section") if "data-subject" in e.attrs):
        for cell in (c for c in section.all("td") if "data-verdict" in c.attrs):
            value = next(s for s in cell.all("span") if s.attrs.get("class") == "value")
            shown.append((section.attrs["data-subject"], cell.attrs["data-indicator"],
                          int(cell.attrs["data-year"]), cell.attrs["data-verdict"],
                          value.text(), cell.text()))
    stored = assessed.repo.findings(assessed.run_id)
    expected = []
    for f in stored:
        indicator = framework.indicator(f.indicator)
        assert indicator is not None
        expected.append((f.subject, f.indicator, f.year, f.verdict.value,
                         value_text(f, indicator)))
    assert sorted(row[:5] for row in shown) == sorted(expected)
    assert all(verdict_label(v) in text for _s, _i, _y, v, _v, text in shown)


@pytest.mark.parametrize("verdict", ["voldoet_niet", "voldoet_deels", "niet_te_beoordelen"])
def test_every_verdict_but_voldoet_is_explained_under_the_table(
        model: ReportModel, page: Element, verdict: str) -> None:
    printed = {li.text() for ul in page.all("ul") if ul.attrs.get("class") == "explanations"
               for li in ul.all("li")}
    explained = [f for s in model.sections for f in s.findings
                 if f.verdict.code is not None and f.verdict.code.value == verdict]
    assert explained
    assert all(any(f.explanation in text for text in printed) for f in explained)


def test_a_plain_voldoet_is_explained_only_under_all_explanations(model: ReportModel) -> None:
    section = model.sections[0]
    plain = [f for f in section.findings if not f.needs_explanation]
    assert plain and all(f.verdict.code is Verdict.MEETS for f in plain)
    assert set(section.explained) | set(plain) == set(section.findings)


def test_the_compact_table_has_one_row_per_indicator_and_a_cell_per_year(
        model: ReportModel) -> None:
    section = next(s for s in model.sections if s.subject_id == TEAM)
    rows = section.finding_rows
    assert section.years == (2018, 2019, 2020)
    assert len({(r.indicator_id, r.norm_id) for r in rows}) == len(rows)
    costs = [r.norm_id for r in rows if r.indicator_id == "lasten_eur"]
    assert costs == ["lasten_team_nulmeting", "lasten_team_realisatie_begroting"]
    assert sum(1 for r in rows for c in r.cells if c is not None) == len(section.findings)
    municipality = next(s for s in model.sections if s.subject_id == "GM0397")
    peer = next(r for r in municipality.finding_rows
                if r.indicator_id == "apparaatskosten_per_inwoner")
    assert peer.norm_text == ""  # the percentiles differ per year: each cell shows its own


def test_the_matrix_shows_the_stored_criterion_verdicts(model: ReportModel,
                                                        assessed: Assessed) -> None:
    shown = {(s.subject_id, r.criterion_id, c.year): c.verdict.code
             for m in model.matrices for s in m.subjects for r in s.rows for c in r.cells
             if c.verdict.code is not None}
    stored = {(v.subject, v.criterion, v.year): v.verdict
              for v in assessed.repo.criterion_verdicts(assessed.run_id)}
    assert shown == stored
    assert [m.kind for m in model.matrices] == ["team", "municipality", "cooperation"]


@pytest.mark.parametrize(("indicator", "year", "value", "quality"), [
    ("lasten_eur", 2019, "€ 1.080.000", ("nulmeting achteraf gereconstrueerd",)),
    ("ziekteverzuim_pct", 2020, "7,0 %", ("voorlopige waarde",)),
    ("eenmansfuncties_aantal", 2018, "1", ("schatting",)),
    ("bezettingsgraad_pct", 2019, "85,0 %", ()),
    ("ontvlechtingsplan_aanwezig", 2020, "nee", ()),
])
def test_team_findings_show_dutch_numbers_and_quality_labels(
        model: ReportModel, indicator: str, year: int, value: str,
        quality: tuple[str, ...]) -> None:
    section = next(s for s in model.sections if s.subject_id == TEAM)
    entry = next(f for f in section.findings if f.indicator_id == indicator and f.year == year)
    assert (entry.value_text, entry.quality) == (value, quality)


def test_a_band_norm_is_explained_with_its_band(model: ReportModel) -> None:
    section = next(s for s in model.sections if s.subject_id == "GM0397")
    entry = next(f for f in section.findings if f.indicator_id == "overhead_pct")
    assert entry.norm_text == "streef 7,0–12,0 %; signaal 5,0–14,5 %"
    assert "Streefband 7,0–12,0 %, signaalband 5,0–14,5 %." in entry.explanation


def test_gaps_name_what_is_missing_and_leave_out_the_baseline_year_of_a_baseline_norm(
        model: ReportModel) -> None:
    gaps = {(g.subject, g.indicator, g.year): g.gap for g in model.gaps}
    assert gaps[("Communicatie", "Ontvlechtingskosten als deel van de jaarlasten", 2019)] == \
        "invoer ontbreekt (Geraamde ontvlechtingskosten)"
    # 2018 is the nulmeting year: only the budget norm has a gap there (the example has no
    # begroting of the team for 2018), not the nulmeting norm
    assert gaps[("Communicatie", "Lasten van het team", 2018)] == \
        "er is geen begroting voor dit jaar aangeleverd"


def test_norms_list_kind_target_signal_source_owner_and_the_example_mark(
        model: ReportModel) -> None:
    norms = {n.norm_id: n for n in model.norms}
    assert norms["externe_inhuur_grens"].target == "≤ 10,0 %"
    assert norms["externe_inhuur_grens"].signal == "≤ 15,0 %"
    assert norms["externe_inhuur_grens"].owner == "gemeenteraad"
    assert norms["externe_inhuur_grens"].example is True
    assert norms["evaluatiebepaling"].source_kind == "wet"
    assert norms["evaluatiebepaling"].example is False
    assert norms["apparaatskosten_vergelijking"].target == "≤ percentiel 50"


def test_provenance_lists_every_measurement_of_the_run_with_file_and_batch(
        model: ReportModel, assessed: Assessed) -> None:
    run = assessed.repo.run(assessed.run_id)
    assert run is not None
    stored = assessed.repo.current_measurements(as_of_batch=run.data_batch)
    assert len(model.provenance) == len(stored)  # all subjects and peers of this run
    assert {(p.file_name, p.batch) for p in model.provenance} == {("metingen.csv", 1)}
    assert sorted(p.version for p in model.provenance) == sorted(s.version_id for s in stored)
    assert sum(g.values for g in model.provenance_groups) == len(model.provenance)


@pytest.mark.parametrize(("subject", "indicator", "year", "used_in"), [
    (TEAM, "lasten_eur", 2019, (f"{TEAM}/lasten_eur/2019",)),
    ("GM0397", "inhuur_eur", 2020, ("GM0397/externe_inhuur_pct/2020",)),
    ("GM0629", "inwoners", 2018, ()),  # a peer's value: used through the peer norm
])
def test_provenance_names_the_findings_that_used_each_value(
        model: ReportModel, subject: str, indicator: str, year: int,
        used_in: tuple[str, ...]) -> None:
    entry = next(p for p in model.provenance if (p.subject_id, p.indicator_id, p.year)
                 == (subject, indicator, year))
    assert set(used_in) <= set(entry.used_in)
    if not used_in:
        assert entry.used_in == ()


def test_the_provenance_groups_name_files_years_and_sources(model: ReportModel) -> None:
    groups = {g.subject: g for g in model.provenance_groups}
    team = groups["Communicatie"]
    assert (team.file_name, team.batches, team.years) == ("metingen.csv", "1", "2018–2020")
    assert team.sources == ("Jaarrekening (fictief)",)


def test_the_provenance_file_holds_every_value_with_its_version(
        model: ReportModel, tmp_path: Path) -> None:
    path = write_provenance(model, tmp_path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert path.name == "herkomst.csv"
    assert len(rows) == len(model.provenance)
    assert sorted(int(r["versie"]) for r in rows) == sorted(p.version for p in model.provenance)
    assert {r["toetsing"] for r in rows} == {model.run_id}
    team = next(r for r in rows if (r["onderwerp"], r["indicator"], r["jaar"])
                == (TEAM, "lasten_eur", "2019"))
    assert (team["waarde"], team["eenheid"], team["batch"], team["bestand"]) == \
        ("1080000", "eur", "1", "metingen.csv")
    assert team["gebruikt_in"] == (f"{TEAM}/lasten_eur/2019; "  # and as a formula input
                                   f"{TEAM}/ontvlechtingskosten_pct/2019")


def test_the_provenance_appendix_links_the_file(page: Element, model: ReportModel) -> None:
    appendix = next(e for e in page.all("section") if e.attrs.get("id") == "herkomst")
    assert any(a.attrs.get("href") == "herkomst.csv" for a in appendix.all("a"))
    assert f"{len(model.provenance)} in totaal" in appendix.text()


# --- colour contrast, computed from the CSS tokens ----------------------------------------

def tokens() -> dict[str, str]:
    return dict(re.findall(r"(--[a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\s*;", stylesheet()))


def luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("one", "other", "expected"), [
    ("#000000", "#ffffff", 21.0),
    ("#ffffff", "#ffffff", 1.0),
    ("#767676", "#ffffff", 4.54),  # the classic lightest grey that passes on white
])
def test_the_contrast_formula_matches_wcag(one: str, other: str, expected: float) -> None:
    assert round(contrast(one, other), 2) == expected


PAIRS = [
    ("--smon-verdict-voldoet-color", "--smon-verdict-voldoet-background-color"),
    ("--smon-verdict-voldoet-deels-color", "--smon-verdict-voldoet-deels-background-color"),
    ("--smon-verdict-voldoet-niet-color", "--smon-verdict-voldoet-niet-background-color"),
    ("--smon-verdict-niet-te-beoordelen-color",
     "--smon-verdict-niet-te-beoordelen-background-color"),
    ("--smon-verdict-geen-color", "--smon-verdict-geen-background-color"),
    ("--smon-fictitious-color", "--smon-fictitious-background-color"),
    ("--smon-color-text", "--smon-color-background"),
    ("--smon-color-muted", "--smon-color-background"),
    ("--smon-color-link", "--smon-color-background"),
    ("--smon-color-text", "--smon-color-header-background"),
    ("--smon-color-muted", "--smon-color-header-background"),
    ("--smon-color-link", "--smon-color-header-background"),
    ("--smon-color-text", "--smon-color-focus-background"),
]


@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_text_colours_reach_contrast_4_5_to_1(text: str, background: str) -> None:
    colours = tokens()
    assert contrast(colours[text], colours[background]) >= 4.5


def test_every_verdict_class_uses_the_tokens(page: Element) -> None:
    css = stylesheet()
    for kind in ("voldoet", "voldoet-deels", "voldoet-niet", "niet-te-beoordelen", "geen"):
        assert (f".verdict-{kind} {{ color: var(--smon-verdict-{kind}-color); background: "
                f"var(--smon-verdict-{kind}-background-color); }}") in css
    assert "@media print" in css and ":focus-visible" in css


# --- the command ---------------------------------------------------------------------------



def test_report_writes_rapport_html_and_prints_its_path(cli: Cli,
        assessed: Assessed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli("--database", assessed.url, "report",
                             assessed.run_id, "--as", "html", "--output", str(tmp_path / "uit"))
    folder = tmp_path / "uit"
    assert (code, out, err) == (0, f"{folder / 'rapport.html'}\n{folder / 'herkomst.csv'}\n", "")
    written = parse((tmp_path / "uit" / "rapport.html").read_text(encoding="utf-8"))
    assert "Raadsrapportage" in written.all("h1")[0].text()
    assert assessed.run_id in " ".join(d.text() for d in written.all("dd"))


def test_report_with_bijlage_writes_both_products_readable_by_others(cli: Cli,
        assessed: Assessed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli("--database", assessed.url, "report",
                             assessed.run_id, "--as", "html", "--appendix", "--output",
                             str(tmp_path))
    names = ["rapport.html", "technische-bijlage.html", "herkomst.csv"]
    assert (code, out.splitlines(), err) == (0, [str(tmp_path / n) for n in names], "")
    for name in names:
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o644, name
    appendix = parse((tmp_path / "technische-bijlage.html").read_text(encoding="utf-8"))
    assert "Technische bijlage" in appendix.all("h1")[0].text()


def test_report_for_a_partner_is_titled_for_that_council(cli: Cli,
        assessed: Assessed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli("--database", assessed.url, "report",
                             assessed.run_id, "--as", "html", "--for", "GM0377", "--output",
                             str(tmp_path))
    assert (code, err) == (0, "")
    page = parse((tmp_path / "rapport-GM0377.html").read_text(encoding="utf-8"))
    assert page.all("header")[0].text().count("Bloemendaal") == 1
    column_heads = {th.text() for th in page.all("th")}
    assert "Deel Bloemendaal" in column_heads
    assert "Deel Heemstede" not in column_heads


@pytest.mark.parametrize(("args", "code", "message"), [
    (("report", "R-9999"), 1,
     "Fout: Toetsing R-9999 bestaat niet. Kies een toetsing die met 'assess' is gemaakt, "
     "of 'latest' voor de nieuwste; 'runs' toont ze alle.\n"),
    (("report", "latest", "--as", "odt"), 2, "Fout: Onbekend rapportformaat 'odt': "),
])
def test_report_refuses_clearly(cli: Cli, assessed: Assessed, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str], args: tuple[str, ...],
                                code: int, message: str) -> None:
    """The formats' own messages belong to cli/report_cmd.py and its tests."""
    monkeypatch.chdir(tmp_path)
    result, out, err = cli("--database", assessed.url, *args)
    assert (result, out) == (code, "")
    assert err.startswith(message)
    assert not (tmp_path / "rapport.html").exists()


# --- the English catalogue covers every text of the report -------------------------------

def report_message_ids() -> set[str]:
    from babel.messages.extract import extract_from_file
    from jinja2.ext import babel_extract

    package = Path(str(resources.files("samenwerkingsmonitor")))
    sources = (sorted(package.glob("services/report/*.py"))
               + sorted(package.glob("adapters/report/*.py"))
               + [package / "cli" / "report_cmd.py",
                  package / "services" / "assessment" / "explain.py"])
    ids = {str(m) for path in sources for _l, m, _c, _x in extract_from_file("python", path)}
    options = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}
    for template in sorted((package / "adapters" / "report" / "templates").glob("report*.html")):
        ids |= {str(m) for _l, m, _c, _x in extract_from_file(babel_extract, template,
                                                                 options=options)}
    return ids


def test_every_text_of_the_report_has_an_english_translation() -> None:
    from samenwerkingsmonitor.i18n import _catalogue

    assert sorted(report_message_ids() - set(_catalogue("en"))) == []


# --- summary sentences, from hand-made verdicts -------------------------------------------

def _verdicts(*rows: tuple[str, str, int, str]) -> list[CriterionVerdict]:
    return [CriterionVerdict(s, c, y, Verdict(v), "zwakste_schakel") for s, c, y, v in rows]


def _run(first: int = 2018, last: int = 2020, baseline: int = 2018) -> AssessmentRun:
    return AssessmentRun("R-0007", "kader", "1", "h", "1", 1, "d", 0, "t",
                         datetime(2026, 1, 1, tzinfo=UTC), ("a", "b"), first, last, baseline)


@pytest.mark.parametrize(("items", "text"), [
    ([], ""),
    (["a"], "a"),
    (["a", "b"], "a en b"),
    (["a", "b", "c"], "a, b en c"),
    ([str(i) for i in range(8)], "0, 1, 2, 3, 4, 5 en nog 2 andere"),
])
def test_listing(items: list[str], text: str) -> None:
    assert listing(items) == text


@pytest.mark.parametrize(("rows", "sentence"), [
    ((("a", "kosten", 2020, "voldoet_niet"), ("b", "kosten", 2020, "voldoet"),
      ("a", "proces", 2019, "voldoet_niet")),
     "In 2020 voldoet niet: kosten bij A."),
    ((("a", "kosten", 2020, "voldoet_deels"),),
     "In 2020 wordt aan elk beoordeeld criterium ten minste deels voldaan."),
    ((("a", "kosten", 2020, "niet_te_beoordelen"),),
     "In 2020 kon geen enkel criterium worden beoordeeld."),
])
def test_not_met_sentence(rows: tuple[tuple[str, str, int, str], ...], sentence: str) -> None:
    assert not_met_sentence(_run(), _verdicts(*rows), str.upper, str) == sentence


@pytest.mark.parametrize(("rows", "sentence"), [
    ((("a", "kosten", 2018, "voldoet_niet"), ("a", "kosten", 2020, "voldoet"),
      ("b", "proces", 2018, "voldoet"), ("b", "proces", 2020, "voldoet_deels"),
      ("b", "kosten", 2018, "niet_te_beoordelen"), ("b", "kosten", 2020, "voldoet_niet")),
     "Sinds 2018 veranderde het oordeel in 2020; beter: kosten bij A; slechter: proces bij B."),
    ((("a", "kosten", 2018, "voldoet"), ("a", "kosten", 2020, "voldoet")),
     "Sinds 2018 is geen oordeel over een criterium veranderd."),
])
def test_change_sentence(rows: tuple[tuple[str, str, int, str], ...], sentence: str) -> None:
    assert change_sentence(_run(), _verdicts(*rows), str.upper, str) == sentence


def test_change_sentence_starts_at_the_first_year_when_the_baseline_lies_before_it() -> None:
    rows = _verdicts(("a", "kosten", 2019, "voldoet_deels"), ("a", "kosten", 2020, "voldoet"))
    assert change_sentence(_run(first=2019, baseline=2018), rows, str.upper, str) == (
        "Sinds 2019 veranderde het oordeel in 2020; beter: kosten bij A.")
