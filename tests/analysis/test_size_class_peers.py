"""Worked case: a peer norm that names the rule "inwonersklasse" compares a municipality, per
year, with the municipalities of its own CBS size class in that year (ADR 0024). Heemstede
(GM0397) has 19,500 inhabitants in 2019 (class 10.000-20.000) and 20,500 in 2020 (class
20.000-50.000), so its peers change between the years; a value marked not comparable stays out
and is named."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.analysis.engine import EngineInput, assess
from samenwerkingsmonitor.domain.framework import NormKind
from samenwerkingsmonitor.domain.measurements import Measurement, MeasurementKind
from samenwerkingsmonitor.domain.size_classes import size_class, size_class_label
from samenwerkingsmonitor.services.assessment.assess import resolve_subjects
from samenwerkingsmonitor.services.assessment.explain import explain
from samenwerkingsmonitor.services.assessment.findings_frame import findings_from_frame
from samenwerkingsmonitor.services.frameworks.load import load_framework
from samenwerkingsmonitor.services.measurements.frame import measurement_frame
from samenwerkingsmonitor.services.organisation.register import (
    check_organisation_file,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "src/samenwerkingsmonitor/example/organisatie.toml"
FRAMEWORK = load_framework("standaardkader", TomlFrameworkFiles())
ORGANISATION = check_organisation_file(EXAMPLE, reader=read_organisation)
NORM = "apparaatskosten_vergelijking"


def m(subject: str, indicator: str, year: int, value: float, *,
      comparable: bool = True) -> Measurement:
    return Measurement(subject, indicator, year, MeasurementKind.ACTUAL, "eenheid", "test",
                       value=value, comparable=comparable,
                       note="" if comparable else "personeel in een gedeelde organisatie")


# code: (inhabitants, apparaatskosten in euro) in both years; per inhabitant in the comment
PEERS = {
    "GM9001": (12_000, 3_600_000),  # 300, class 3
    "GM9002": (15_000, 5_250_000),  # 350, class 3
    "GM9003": (18_000, 7_200_000),  # 400, class 3
    "GM9004": (16_000, 8_000_000),  # 500, class 3, not comparable
    "GM9005": (25_000, 6_250_000),  # 250, class 4
    "GM9006": (30_000, 8_400_000),  # 280, class 4
    "GM9007": (40_000, 12_400_000),  # 310, class 4
}
HEEMSTEDE = {2019: (19_500, 6_630_000), 2020: (20_500, 6_970_000)}  # 340 per inhabitant


def measurements() -> list:  # type: ignore[type-arg]
    rows = []
    for year in (2019, 2020):
        for code, (people, costs) in {**PEERS, "GM0397": HEEMSTEDE[year]}.items():
            rows.append(m(code, "inwoners", year, people))
            rows.append(m(code, "apparaatskosten_eur", year, costs,
                          comparable=code != "GM9004"))
    return rows


@pytest.mark.parametrize(("inhabitants", "number"), [
    (4_999, 1), (5_000, 2), (19_999, 3), (20_000, 4), (249_999, 7), (250_000, 8)])
def test_cbs_size_classes(inhabitants: int, number: int) -> None:
    assert size_class(inhabitants) == number


def test_each_year_against_its_own_size_class() -> None:
    norms = tuple(replace(n, peer_group=None, peer_rule="inwonersklasse") if n.id == NORM else n
                  for n in FRAMEWORK.norms)
    framework = replace(FRAMEWORK, norms=norms)
    assert next(n for n in norms if n.id == NORM).kind is NormKind.PEER
    data = EngineInput(framework, resolve_subjects(ORGANISATION, ("GM0397",)), 2019, 2020,
                       2019, measurement_frame(measurements()), ORGANISATION.peer_groups)
    found = {f.year: f for f in findings_from_frame(assess(data).findings) if f.norm == NORM}
    # 2019, class 3: peers 300, 350, 400 (500 not comparable): P50 350, P75 375; 340 voldoet
    # 2020, class 4: peers 250, 280, 310: P50 280, P75 295; 340 voldoet niet
    assert {y: (f.verdict.value, f.target, f.signal) for y, f in found.items()} == {
        2019: ("voldoet", 350.0, 375.0), 2020: ("voldoet_niet", 280.0, 295.0)}
    assert dict(found[2019].detail)["inwonersklasse"] == size_class_label(3) == \
        "10.000 tot 20.000 inwoners"
    assert dict(found[2019].detail)["weggelaten_niet_vergelijkbaar"] == "GM9004"
    assert dict(found[2020].detail)["inwonersklasse"] == "20.000 tot 50.000 inwoners"
    assert "weggelaten_niet_vergelijkbaar" not in dict(found[2020].detail)
    indicator = framework.indicator("apparaatskosten_per_inwoner")
    assert indicator is not None
    text = explain(found[2019], indicator)
    assert ("Vergeleken met 3 gemeenten in dezelfde inwonersklasse van het CBS (10.000 tot "
            "20.000 inwoners). Niet meegeteld omdat hun waarde niet vergelijkbaar is: "
            "GM9004.") in text
