"""Contents of the council report beyond the findings (issue 6): trend charts and their text
alternatives, costs in current and constant prices with the split by verdeelsleutel, the
paragraaf bedrijfsvoering, verbonden partijen, process, vulnerability and the comparison with
the previous run. Real runs on a SQLite file; numbers are checked against what is stored."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from test_report_html import SUBJECTS, TEAM, Assessed, build, contrast, copy_of, parse

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.report.charts import chart_png, inline_svg, validated
from samenwerkingsmonitor.adapters.report.html import render_html
from samenwerkingsmonitor.domain.organisation import Evaluation
from samenwerkingsmonitor.services.assessment.assess import AssessmentRequest, run_assessment
from samenwerkingsmonitor.services.assessment.explain import quantity, verdict_label
from samenwerkingsmonitor.services.report.chart_specs import AXIS, BACKGROUND, STYLES, TEXT
from samenwerkingsmonitor.services.report.model import ReportModel
from samenwerkingsmonitor.services.report.process import evaluation_status

CPI = {2018: 103.46, 2019: 106.16, 2020: 107.54}  # the example organisation file


# --- palette ------------------------------------------------------------------------------

@pytest.mark.parametrize("role", sorted(STYLES))
def test_every_series_colour_reaches_3_to_1_against_the_background(role: str) -> None:
    assert contrast(STYLES[role].colour, BACKGROUND) >= 3.0


def test_chart_text_reaches_4_5_to_1_and_axes_3_to_1() -> None:
    assert contrast(TEXT, BACKGROUND) >= 4.5
    assert contrast(AXIS, BACKGROUND) >= 3.0


def test_no_two_series_differ_by_colour_alone() -> None:
    looks = {(s.dash, s.shape, s.mark) for s in STYLES.values()}
    assert len(looks) == len(STYLES)


# --- charts -------------------------------------------------------------------------------

def test_teams_and_municipalities_get_a_chart_per_key_indicator(model: ReportModel) -> None:
    charts = {s.subject_id: [c.indicator_id for c in s.charts] for s in model.sections}
    assert charts[TEAM] == ["lasten_eur", "ziekteverzuim_pct", "tijdigheid_pct"]
    # formatie_per_1000 has no value in this data set (only a budgeted formatie): no chart.
    assert charts["GM0397"] == ["bezetting_per_1000", "apparaatskosten_per_inwoner",
                                "externe_inhuur_pct", "overhead_pct"]
    assert charts["heemstede-bloemendaal"] == []


def test_chart_tables_show_the_stored_values_and_verdicts(model: ReportModel,
                                                          assessed: Assessed) -> None:
    stored = assessed.repo.findings(assessed.run_id)
    checked = 0
    for section in model.sections:
        for chart in section.charts:
            assert chart.table.columns[1].startswith("Waarde")
            for row in chart.table.rows:
                year = int(row[0])
                finding = next(f for f in stored if f.subject == section.subject_id
                               and f.indicator == chart.indicator_id and f.year == year)
                value = row[1]  # "Waarde", or "Waarde in lopende prijzen" beside constant prices
                expected = "–" if finding.value is None else quantity(
                    finding.value, finding.unit, 2 if "per_1000" in finding.indicator else
                    (0 if finding.unit in ("eur", "eur_per_inwoner") else 1))
                assert value == expected
                assert row[-1] == verdict_label(finding.verdict)
                checked += 1
    assert checked == 3 * 3 + 2 * 4 * 3


def test_the_plotted_own_values_are_the_stored_values(model: ReportModel,
                                                      assessed: Assessed) -> None:
    stored = {(f.subject, f.indicator, f.year): f.value
              for f in assessed.repo.findings(assessed.run_id)}
    section = next(s for s in model.sections if s.subject_id == "GM0397")
    for chart in section.charts:
        own = [r for r in chart.spec["data"]["values"] if r["rol"] == "own"]
        assert own and all(
            r["waarde"] == stored[("GM0397", chart.indicator_id, int(r["jaar"]))] for r in own)


def test_a_baseline_norm_in_constant_prices_plots_prices_of_the_baseline_year(
        model: ReportModel) -> None:
    chart = next(c for s in model.sections if s.subject_id == TEAM for c in s.charts
                 if c.indicator_id == "lasten_eur")
    constant = {int(r["jaar"]): r["waarde"] for r in chart.spec["data"]["values"]
                if r["rol"] == "own"}
    assert constant[2019] == pytest.approx(1_080_000 * CPI[2018] / CPI[2019])
    assert chart.table.rows[1][2] == quantity(1_080_000 * CPI[2018] / CPI[2019], "eur", 0)
    assert chart.table.rows[1][4:6] == ("0,0 % t.o.v. nulmeting", "+5,0 % t.o.v. nulmeting")


def test_peer_norm_charts_show_the_peers_and_their_median(model: ReportModel) -> None:
    chart = next(c for s in model.sections if s.subject_id == "GM0397" for c in s.charts
                 if c.indicator_id == "apparaatskosten_per_inwoner")
    peers = [r for r in chart.spec["data"]["values"] if r["rol"] == "peers"]
    assert len(peers) == 4 * 3  # four other municipalities with a value, three years
    assert chart.table.columns[-2] == "Vergelijkbare gemeenten"
    assert chart.table.rows[0][-2].startswith("mediaan € ")
    assert chart.table.rows[0][-2].endswith(" van 4 gemeenten")


def test_every_chart_has_a_text_alternative_and_a_valid_spec(model: ReportModel) -> None:
    for chart in (c for s in model.sections for c in s.charts):
        assert chart.summary.startswith(chart.title.split(":")[0])
        assert chart.table.rows and chart.table.caption
        assert validated(chart.spec)["layer"]


def test_inline_svg_is_one_labelled_image_with_its_own_ids(model: ReportModel) -> None:
    chart = model.sections[0].charts[0]
    svg = inline_svg(chart.spec, "fig", "fig-titel", "fig-tekst")
    head = svg[:svg.index(">")]
    assert 'role="img"' in head and 'aria-labelledby="fig-titel"' in head
    assert 'aria-describedby="fig-tekst"' in head
    assert all(i.startswith("fig-") for i in re.findall(r'\bid="([^"]+)"', svg))
    assert "graphics-" not in svg


def test_ids_are_unique_on_the_whole_page(page: object) -> None:
    ids = [e.attrs["id"] for e in page.iter() if "id" in e.attrs]  # type: ignore[attr-defined]
    assert len(ids) == len(set(ids))


def test_chart_png_gives_png_bytes(model: ReportModel) -> None:
    assert chart_png(model.sections[0].charts[0].spec)[:8] == b"\x89PNG\r\n\x1a\n"


# --- costs --------------------------------------------------------------------------------

def test_costs_in_current_and_constant_prices(model: ReportModel) -> None:
    block = next(b for b in model.costs if b.subject_id == TEAM)
    row = next(r for r in block.rows if r.year == 2020)
    assert (row.actual, row.budget) == ("€ 1.160.000", "–")
    assert row.actual_constant_value == pytest.approx(1_160_000 * CPI[2018] / CPI[2020])
    assert "prijsniveau van 2018" in block.note


def test_the_verdeelsleutel_splits_the_actual_costs(model: ReportModel) -> None:
    block = next(b for b in model.costs if b.subject_id == TEAM)
    for row in block.rows:
        shares = [s for s in block.shares if s.year == row.year]
        assert [s.partner for s in shares] == ["Heemstede", "Bloemendaal"]
        assert sum(s.amount_value or 0 for s in shares) == pytest.approx(row.actual_value)
    assert [(s.share, s.amount) for s in block.shares if s.year == 2019] == [
        ("54,1 %", "€ 584.280"), ("45,9 %", "€ 495.720")]


def test_municipalities_get_their_apparatus_costs(model: ReportModel) -> None:
    assert {b.subject_id: b.indicator for b in model.costs} == {
        TEAM: "Lasten van het team", "GM0397": "Apparaatskosten",
        "GM0377": "Apparaatskosten"}


# --- P&C parts, process, vulnerability ----------------------------------------------------

def test_the_operations_table_holds_the_stored_bbv_values(model: ReportModel,
                                                          assessed: Assessed) -> None:
    table = next(t for t in model.operations if t.subject_id == "GM0397")
    assert [r.indicator_id for r in table.rows] == [
        "formatie_per_1000", "bezetting_per_1000", "apparaatskosten_per_inwoner",
        "externe_inhuur_pct", "overhead_pct"]
    stored = {(f.indicator, f.year): f.value for f in assessed.repo.findings(assessed.run_id)
              if f.subject == "GM0397"}
    for row in table.rows:
        assert row.raw == tuple(stored[(row.indicator_id, y)] for y in table.years)
    overhead = table.rows[-1]
    assert overhead.target == "7,0–12,0 %"
    assert overhead.explanation.startswith("2020: ")


def test_related_parties_name_form_share_and_clauses(model: ReportModel) -> None:
    party = next(p for p in model.related_parties if p.slug == "heemstede-bloemendaal")
    facts = {f.label: f.value for f in party.facts}
    assert facts["Deelnemers"] == "Heemstede, Bloemendaal"
    assert facts["Juridische vorm"].startswith("privaatrechtelijke overeenkomst; ")
    assert facts["Financieel aandeel"].startswith("Heemstede 54,1 %, Bloemendaal 45,9 %")
    assert (party.evaluation_clause, party.withdrawal_clause) == (True, True)
    assert {p.slug for p in model.related_parties} >= {"gr-iasz", "gr-gbkz"}
    assert "gr-dit" not in {p.slug for p in model.related_parties}  # only from 2021


@pytest.mark.parametrize(("planned", "held", "status", "on_time"), [
    (date(2021, 6, 30), date(2021, 6, 1), "op tijd gehouden", True),
    (date(2021, 6, 30), date(2021, 6, 30), "op tijd gehouden", True),
    (date(2021, 6, 30), date(2021, 9, 14), "gehouden, 76 dagen na de geplande datum", False),
    (date(2024, 6, 30), None, "niet gehouden; de geplande datum is verstreken", None),
    (date(2027, 6, 30), None, "nog niet gehouden (gepland)", None),
])
def test_evaluation_status(planned: date, held: date | None, status: str,
                           on_time: bool | None) -> None:
    evaluation = Evaluation("x", "Evaluatie", planned, held)
    assert evaluation_status(evaluation, date(2026, 1, 15)) == (status, on_time)


def test_process_lists_evaluations_guidance_group_and_council_documents(
        model: ReportModel) -> None:
    process = model.process
    assert [e.status for e in process.evaluations] == [
        "gehouden, 76 dagen na de geplande datum",
        "niet gehouden; de geplande datum is verstreken"]
    assert process.guidance_groups[0].members == 4
    assert process.guidance_groups[0].meetings == "11 maart 2021, 17 juni 2021 en 4 november 2021"
    assert [d.number for d in process.council_documents][:2] == [
        "RIB-2019-042 (FICTIEF)", "RIB-2020-077 (FICTIEF)"]


def test_vulnerability_says_not_measured_yet_per_team(model: ReportModel) -> None:
    assert [(v.subject_id, v.status, v.measured) for v in model.vulnerability] == [
        (TEAM, "nog niet gemeten", False)]
    assert "nog niet gemeten" in model.vulnerability_note


def test_the_appendix_lists_every_norm_of_the_framework(model: ReportModel) -> None:
    applied = {n.norm_id: n.applied for n in model.norms}
    assert applied["overhead_band"] is True
    assert applied["lt_doel"] is False  # the light check is for level-1 cooperations only
    assert len(applied) > 20


def test_the_html_shows_every_new_chapter(page: object) -> None:
    ids = {e.attrs.get("id") for e in page.iter()}  # type: ignore[attr-defined]
    assert {"kwetsbaarheid", "kosten", "paragraaf-bedrijfsvoering", "verbonden-partijen",
            "proces", "oordelen-beoordelaar"} <= ids
    figures = page.all("figure")  # type: ignore[attr-defined]
    assert len(figures) == 3 + 2 * 4
    for figure in figures:
        svg = figure.all("svg")[0]
        assert svg.attrs["role"] == "img"
        assert svg.attrs["aria-labelledby"] == f"{figure.attrs['id']}-titel"
        assert figure.all("figcaption")[0].attrs["id"] == f"{figure.attrs['id']}-titel"
        assert figure.all("table")[0].all("caption")


# --- summary: previous run and judgements -------------------------------------------------

def test_the_first_run_says_there_is_no_previous_run(model: ReportModel) -> None:
    assert model.previous_run_id is None
    assert ("Er is geen eerdere toetsing van dezelfde onderwerpen aan dit toetsingskader; een "
            "vergelijking met een vorige toetsing is nog niet mogelijk.") in model.summary
    assert model.judgements == ()
    # no judgement yet, but scores an assessor gave are named as such (issue 12)
    assert model.judgements_note == (
        "Er zijn (nog) geen berekende oordelen door een beoordelaar bevestigd, gekwalificeerd of "
        "overschreven. 3 bevindingen berusten op een score die een beoordelaar gaf (bijvoorbeeld "
        "uit interviews); staat er een toelichting bij de score, dan staat die bij de bevinding.")


def test_a_later_run_of_the_same_subjects_is_compared_with_the_previous_one(
        assessed: Assessed, tmp_path: Path) -> None:
    assessed = copy_of(assessed, tmp_path)  # the shared run stays the latest
    other = run_assessment(assessed.repo, AssessmentRequest(SUBJECTS[:2], 2018, 2020, 2018),
                           "tester", framework_files=TomlFrameworkFiles(),
                           organisation_reader=read_organisation)
    again = run_assessment(assessed.repo, AssessmentRequest(tuple(reversed(SUBJECTS)), 2018,
                                                            2020, 2018),
                           "tester", framework_files=TomlFrameworkFiles(),
                           organisation_reader=read_organisation)
    later = build(Assessed(assessed.url, assessed.repo, again.run.id))
    assert other.run.id != assessed.run_id
    assert later.previous_run_id == assessed.run_id  # not the run of other subjects
    compared = len(assessed.repo.findings(assessed.run_id))  # same data: nothing changed
    assert (f"Ten opzichte van de vorige toetsing ({assessed.run_id}) is geen bevinding "
            f"veranderd ({compared} vergeleken).") in later.summary


def test_an_english_model_translates_the_new_parts(assessed: Assessed) -> None:
    english = build(assessed, "en")
    assert english.vulnerability[0].status == "not measured yet"
    assert english.costs[0].caption.startswith("Expenses of the team of ")
    assert "lang=\"en\"" in render_html(english)[:200]
    assert parse(render_html(english)).all("h2")


@pytest.mark.parametrize(("budget", "actual", "text"), [
    (985_116, 990_713, "+ € 5.597 (+0,6 %)"),
    (1_010_157, 1_008_159, "− € 1.998 (−0,2 %)"),
    (100, 100, "€ 0 (0,0 %)"),
    (None, 100, "–"),
])
def test_the_difference_between_budget_and_actual(budget: float | None, actual: float,
                                                  text: str) -> None:
    from samenwerkingsmonitor.services.report.costs import _difference

    assert _difference(budget, actual) == text
