"""The costs chapter shows budget, actual and the deviation per year; where an amended budget
(begroting na wijziging) is given it is the budget shown, as the budget norm judges it."""

from __future__ import annotations

from samenwerkingsmonitor.services.report.costs import cost_rows


def test_the_amended_budget_is_shown_where_given_and_the_primitive_one_elsewhere() -> None:
    amounts = {(2019, "begroting"): 1_000_000.0, (2019, "begroting_na_wijziging"): 1_050_000.0,
               (2019, "realisatie"): 1_030_000.0,
               (2020, "begroting"): 1_000_000.0, (2020, "realisatie"): 1_030_000.0}
    rows = cost_rows(amounts, range(2019, 2021), 2019, None)
    assert [(r.year, r.budget_value, r.actual_value) for r in rows] == [
        (2019, 1_050_000.0, 1_030_000.0), (2020, 1_000_000.0, 1_030_000.0)]
    assert [(r.budget, r.actual, r.difference) for r in rows] == [
        ("€ 1.050.000", "€ 1.030.000", "− € 20.000 (−1,9 %)"),
        ("€ 1.000.000", "€ 1.030.000", "+ € 30.000 (+3,0 %)")]
