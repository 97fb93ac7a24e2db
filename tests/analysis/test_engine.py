"""The assessment engine on the bundled standaardkader and the example organisation.

Worked cases: derived BBV values, gaps named, imported values labelled, baselines classified,
baseline-relative norms starting after the baseline year; and findings independent of row order.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.analysis.engine import EngineInput, EngineResult, assess
from samenwerkingsmonitor.domain.measurements import Measurement, MeasurementKind, MeasurementStatus
from samenwerkingsmonitor.services.assessment.assess import resolve_subjects
from samenwerkingsmonitor.services.frameworks.load import load_framework
from samenwerkingsmonitor.services.measurements.frame import measurement_frame
from samenwerkingsmonitor.services.organisation.register import check_organisation_file

EXAMPLE = Path(__file__).resolve().parents[2] / "src/samenwerkingsmonitor/example/organisatie.toml"
FRAMEWORK = load_framework("standaardkader", TomlFrameworkFiles())
ORGANISATION = check_organisation_file(EXAMPLE, reader=read_organisation)
TEAM = "heemstede-bloemendaal/communicatie"
MUNICIPAL_INPUTS = {
    "inwoners": 27_000.0, "formatie_fte": 160.0, "bezetting_fte": 150.0,
    "apparaatskosten_eur": 9_000_000.0, "loonsom_eur": 7_000_000.0, "inhuur_eur": 700_000.0,
    "lasten_totaal_eur": 90_000_000.0, "lasten_overhead_eur": 9_000_000.0,
}


def m(subject: str, indicator: str, year: int, value: float | None = None, *,
      scale: str | None = None, status: MeasurementStatus = MeasurementStatus.FINAL,
      comparable: bool = True, kind: MeasurementKind = MeasurementKind.ACTUAL) -> Measurement:
    return Measurement(subject, indicator, year, kind, "eenheid", "test", value=value,
                       scale_value=scale, status=status, comparable=comparable)


def municipal_rows(code: str, years: range, factor: float = 1.0) -> list[Measurement]:
    rows = [m(code, ind, year, value * factor * (1 + (year - 2018) * 0.01))
            for year in years for ind, value in MUNICIPAL_INPUTS.items()]
    rows += [m(code, "formatie_fte", year, MUNICIPAL_INPUTS["formatie_fte"] * factor,
               kind=MeasurementKind.BUDGET) for year in years]
    return rows


def run(measurements: list[Measurement], subjects: tuple[str, ...] = ("GM0397", TEAM),
        years: tuple[int, int] = (2018, 2022)) -> EngineResult:
    data = EngineInput(
        FRAMEWORK, resolve_subjects(ORGANISATION, subjects), years[0], years[1], 2018,
        measurement_frame(measurements), ORGANISATION.peer_groups,
        {s.id: dict(s.values) for s in ORGANISATION.reference_series},
    )
    return assess(data)


def finding(result: EngineResult, subject: str, indicator: str, year: int) -> dict:  # type: ignore[type-arg]
    rows = result.findings.filter(
        (pl.col("subject") == subject) & (pl.col("indicator") == indicator)
        & (pl.col("year") == year))
    assert rows.height >= 1, (subject, indicator, year)
    return rows.row(0, named=True)


def test_derived_bbv_values_are_computed_from_their_inputs() -> None:
    result = run(municipal_rows("GM0397", range(2018, 2023)))
    row = finding(result, "GM0397", "overhead_pct", 2018)
    assert row["value"] == pytest.approx(9_000_000 / 90_000_000 * 100)
    assert dict((i["name"], i["value"]) for i in row["inputs"]) == {
        "lasten_overhead_eur": 9_000_000.0, "lasten_totaal_eur": 90_000_000.0}
    assert row["labels"] == []


def test_a_missing_input_gives_not_assessable_with_the_input_named() -> None:
    rows = [r for r in municipal_rows("GM0397", range(2018, 2023))
            if not (r.indicator == "lasten_totaal_eur" and r.year == 2020)]
    row = finding(run(rows), "GM0397", "overhead_pct", 2020)
    assert (row["verdict"], row["gap"]) == ("niet_te_beoordelen", "invoer_ontbreekt")
    assert {"key": "ontbrekende_invoer", "value": "lasten_totaal_eur"} in row["detail"]


def test_division_by_zero_is_named() -> None:
    rows = [r for r in municipal_rows("GM0397", range(2018, 2023))
            if not (r.indicator == "lasten_totaal_eur" and r.year == 2019)]
    rows.append(m("GM0397", "lasten_totaal_eur", 2019, 0.0))
    row = finding(run(rows), "GM0397", "overhead_pct", 2019)
    assert (row["verdict"], row["gap"]) == ("niet_te_beoordelen", "deling_door_nul")


def test_a_published_value_is_taken_as_imported_and_not_recomputed() -> None:
    rows = municipal_rows("GM0397", range(2018, 2023)) + [m("GM0397", "overhead_pct", 2021, 8.8)]
    row = finding(run(rows), "GM0397", "overhead_pct", 2021)
    assert row["value"] == 8.8
    assert "overgenomen_niet_berekend" in row["labels"]


def test_subject_without_any_value_is_not_assessable_never_a_pass() -> None:
    result = run([], subjects=(TEAM,))
    assert set(result.findings["verdict"]) == {"niet_te_beoordelen"}
    assert set(result.criterion_verdicts["verdict"]) == {"niet_te_beoordelen"}


@pytest.mark.parametrize(("status", "expected"), [
    (MeasurementStatus.FINAL, "vastgelegd"),
    (MeasurementStatus.RECONSTRUCTED, "gereconstrueerd"),
    (None, "ontbreekt"),
])
def test_baseline_status(status: MeasurementStatus | None, expected: str) -> None:
    rows = [m(TEAM, "lasten_eur", year, 1_000_000.0 + year) for year in range(2019, 2023)]
    if status is not None:
        rows.append(m(TEAM, "lasten_eur", 2018, 1_000_000.0, status=status))
    result = run(rows, subjects=(TEAM,))
    baseline = result.baselines.filter(
        (pl.col("indicator") == "lasten_eur") & (pl.col("kind") == "realisatie"))
    assert baseline["baseline_status"].to_list() == [expected]


def test_baseline_norms_start_after_the_baseline_year() -> None:
    rows = [m(TEAM, "lasten_eur", year, 1_000_000.0) for year in range(2018, 2023)]
    findings = run(rows, subjects=(TEAM,)).findings.filter(
        (pl.col("indicator") == "lasten_eur") & (pl.col("norm_kind") == "nulmeting"))
    by_year = dict(zip(findings["year"], findings["gap"], strict=True))
    assert by_year[2018] == "norm_nog_niet_van_toepassing"
    assert by_year[2019] is None


def test_constant_prices_use_the_price_index() -> None:
    cpi = dict(ORGANISATION.series("cpi").values)  # type: ignore[union-attr]
    rows = [m(TEAM, "lasten_eur", 2018, 1_000_000.0),
            m(TEAM, "lasten_eur", 2020, 1_000_000.0 * cpi[2020] / cpi[2018])]
    findings = run(rows, subjects=(TEAM,)).findings.filter(
        (pl.col("indicator") == "lasten_eur") & (pl.col("norm_kind") == "nulmeting")
        & (pl.col("year") == 2020))
    assert findings["compared"].to_list() == [pytest.approx(0.0, abs=1e-9)]


def test_reconstructed_baseline_is_labelled() -> None:
    rows = [m(TEAM, "lasten_eur", 2018, 1e6, status=MeasurementStatus.RECONSTRUCTED),
            m(TEAM, "lasten_eur", 2019, 1.01e6)]
    row = run(rows, subjects=(TEAM,)).findings.filter(
        (pl.col("indicator") == "lasten_eur") & (pl.col("norm_kind") == "nulmeting")
        & (pl.col("year") == 2019)).row(0, named=True)
    assert row["labels"] == ["nulmeting_gereconstrueerd"]


def test_peer_values_marked_not_comparable_are_left_out_and_named() -> None:
    peers = [c for c in ORGANISATION.peer_group("vergelijkbare-gemeenten").members  # type: ignore[union-attr]
             if c != "GM0397"]
    rows = municipal_rows("GM0397", range(2018, 2019))
    for index, code in enumerate(peers):
        rows += municipal_rows(code, range(2018, 2019), factor=0.8 + 0.1 * index)
    left_out = peers[0]
    rows = [r for r in rows if not (r.subject == left_out and r.indicator == "apparaatskosten_eur")]
    rows.append(m(left_out, "apparaatskosten_eur", 2018, 1.0, comparable=False))
    row = finding(run(rows, subjects=("GM0397",), years=(2018, 2018)), "GM0397",
                  "apparaatskosten_per_inwoner", 2018)
    assert {"key": "weggelaten_niet_vergelijkbaar", "value": left_out} in row["detail"]
    assert row["verdict"] != "niet_te_beoordelen"


def test_sub_criterion_rolls_up_into_its_parent() -> None:
    rows = [m(TEAM, "ziekteverzuim_pct", 2019, 30.0)]
    verdicts = run(rows, subjects=(TEAM,)).criterion_verdicts.filter(pl.col("year") == 2019)
    by_criterion = dict(zip(verdicts["criterion"], verdicts["verdict"], strict=True))
    assert by_criterion["kwetsbaarheid"] == "voldoet_niet"
    assert by_criterion["flexibiliteit"] == "voldoet_niet"  # weakest link over its children


SAMPLE = (municipal_rows("GM0397", range(2018, 2023))
          + municipal_rows("GM0377", range(2018, 2023), factor=0.9)
          + [m(TEAM, "lasten_eur", y, 1e6 + 1e4 * y) for y in range(2018, 2023)]
          + [m(TEAM, "kwaliteit_oordeel", y, scale=str(1 + y % 5)) for y in range(2018, 2023)])
REFERENCE = run(SAMPLE, subjects=("GM0397", "GM0377", TEAM))


@settings(max_examples=15, deadline=None, derandomize=True)
@given(st.permutations(SAMPLE))
def test_findings_do_not_depend_on_row_order(rows: list[Measurement]) -> None:
    result = run(rows, subjects=("GM0397", "GM0377", TEAM))
    assert result.findings.equals(REFERENCE.findings)
    assert result.criterion_verdicts.equals(REFERENCE.criterion_verdicts)


def test_a_numeric_scale_point_is_judged_by_a_numeric_norm() -> None:
    rows = [m(TEAM, "klanttevredenheid_score", 2019, scale="8"),
            m(TEAM, "klanttevredenheid_score", 2020, scale="6")]
    findings = run(rows, subjects=(TEAM,)).findings.filter(
        pl.col("norm") == "klanttevredenheid_grens").sort("year")
    assert findings.filter(pl.col("year").is_in([2019, 2020]))["verdict"].to_list() == [
        "voldoet", "voldoet_niet"]


def test_band_norm_findings_carry_their_band() -> None:
    row = finding(run(municipal_rows("GM0397", range(2018, 2020)), subjects=("GM0397",)),
                  "GM0397", "overhead_pct", 2019)
    keys = [d["key"] for d in row["detail"]]
    assert "band" in keys and "signaalband" in keys
