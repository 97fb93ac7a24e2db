"""The Raadsrapportage of the demo as a council member reads it: the answer on page 1, the
decision points, plain Dutch (B1), no internal identifier or command in any format of either
product, counts that agree between text, tables and registers, the partner's version and the
DOCX set-up. Fixtures (both products written in every format) are in conftest.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from readability import measure
from reading import (
    DAY,
    PARTNER,
    docx_text,
    html_text,
    needs_poppler,
    pdf_pages,
)

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.services.report.build import ReportProducts, build_report_products
from samenwerkingsmonitor.services.report.council_model import CouncilReport


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
            assert bool(item.cause) is (item.verdict.code not in (Verdict.MEETS, None)), item


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
                       == [Verdict.DOES_NOT_MEET] * 2]
            mentioned = [t for t in texts if t.startswith(subject.name + " voldoet in")]
            assert bool(failing) is bool(mentioned), subject.name
    anchors = {"normen", "proces", "kernboodschap"} | {p.anchor for p in council.team_pages}
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
    assert counted == [register]  # the example's register and its data tell one story
    assert not any("tellen er" in t for t in council.process)


def test_a_letter_count_in_the_data_that_differs_from_the_register_is_named(
        demo_repo: tuple[object, str]) -> None:
    """Two sources that disagree are never shown as one count: the text names both."""
    import dataclasses
    from datetime import date

    from samenwerkingsmonitor.services.report.council_parts import (
        LETTERS_INDICATOR,
        process_part,
    )

    repo, run_id = demo_repo
    run = repo.run(run_id)  # type: ignore[attr-defined]
    organisation = read_organisation(
        (Path(__file__).resolve().parents[2] / "src/samenwerkingsmonitor/example/"
         "organisatie.toml").read_text(encoding="utf-8"), "organisatie.toml").organisation
    findings = [dataclasses.replace(f, value=9.0)
                if f.indicator == LETTERS_INDICATOR and f.year == run.last_year else f
                for f in repo.findings(run_id)]  # type: ignore[attr-defined]
    texts, _table = process_part(organisation, findings, run, date(2026, 1, 15))
    assert "In 2022 stuurde het college 2 raadsinformatiebrieven over de samenwerking." in texts
    assert any("De gegevens van de toetsing tellen er 9." in t for t in texts)


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
    partner = build_report_products(repo, run_id, framework_files=TomlFrameworkFiles(),
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
        build_report_products(repo, run_id, framework_files=TomlFrameworkFiles(),
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


def test_the_docx_takes_the_municipality_styles_from_a_reference_document(
        council: CouncilReport, tmp_path: Path) -> None:
    """--style: the reference document lends its styles and page set-up; its text is dropped."""
    from docx.shared import Cm, Pt

    from samenwerkingsmonitor.adapters.report.council_docx import write_council_docx

    reference = Document()
    reference.styles["Normal"].font.name = "Liberation Serif"
    reference.styles["Normal"].font.size = Pt(11)
    reference.sections[0].left_margin = Cm(3)
    reference.add_paragraph("Tekst van het sjabloon die niet in het rapport hoort.")
    reference.save(str(tmp_path / "huisstijl.docx"))
    path = write_council_docx(council, tmp_path, "rapport.docx",
                              reference=tmp_path / "huisstijl.docx")
    document = Document(str(path))
    assert document.styles["Normal"].font.name == "Liberation Serif"
    assert round(document.sections[0].left_margin.cm, 1) == 3.0
    assert "Tekst van het sjabloon" not in docx_text(path)
    assert council.teams[0].name in docx_text(path)
