"""Worked cases for the budget norm: realisatie against the begroting of the same year."""

from __future__ import annotations

import numpy as np

from samenwerkingsmonitor.analysis.norms import (
    DOES_NOT_MEET,
    MEETS,
    NOT_ASSESSABLE,
    PARTLY_MEETS,
    gap_from_code,
    judge_budget_values,
)
from samenwerkingsmonitor.domain.assessment import Gap
from samenwerkingsmonitor.domain.framework import (
    Bound,
    Direction,
    Norm,
    NormKind,
    NormSource,
    NormSourceKind,
)

SOURCE = NormSource(NormSourceKind.POLICY, "begrotingsrechtmatigheid", "gemeenteraad")
NORM = Norm("lasten_begroting", "lasten_eur", NormKind.BUDGET, SOURCE, target=Bound(0.0),
            signal=Bound(5.0))


def test_deviation_in_percent_of_the_budget_graded_lower_is_better() -> None:
    # realisatie: on budget, 3 % over, exactly 5 % over, 6 % over, 10 % under, no value,
    # no budget, a budget of zero
    actual = [1_000_000, 1_030_000, 1_050_000, 1_060_000, 900_000, np.nan, 500, 500]
    budget = [1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000, np.nan, 0]
    result = judge_budget_values(actual, budget, NORM, Direction.LOWER_IS_BETTER)
    assert result.codes.tolist() == [MEETS, PARTLY_MEETS, PARTLY_MEETS, DOES_NOT_MEET, MEETS,
                                     NOT_ASSESSABLE, NOT_ASSESSABLE, NOT_ASSESSABLE]
    np.testing.assert_allclose(result.compared[:5], [0.0, 3.0, 5.0, 6.0, -10.0])
    assert [gap_from_code(g) for g in result.gaps[5:]] == [
        Gap.NO_VALUE, Gap.NO_BUDGET, Gap.DIVISION_BY_ZERO]
    assert result.reference[:2].tolist() == [1_000_000.0, 1_000_000.0]  # the budget
    assert result.target.tolist() == [0.0] * 8


def test_higher_is_better_wants_at_least_the_budget() -> None:
    norm = Norm("baten", "baten_eur", NormKind.BUDGET, SOURCE, target=Bound(0.0),
                signal=Bound(-5.0))
    result = judge_budget_values([104, 97, 90], [100, 100, 100], norm,
                                 Direction.HIGHER_IS_BETTER)
    assert result.codes.tolist() == [MEETS, PARTLY_MEETS, DOES_NOT_MEET]
