"""Worked cases for every norm kind (docs/adr/0005-norm-semantics.md)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from samenwerkingsmonitor.analysis.norms import (
    DOES_NOT_MEET,
    GAP_CODES,
    MEETS,
    NOT_ASSESSABLE,
    PARTLY_MEETS,
    code_from_verdict,
    gap_code,
    gap_from_code,
    judge_absolute,
    judge_baseline,
    judge_peer,
    judge_peer_values,
    judge_qualitative,
    judge_qualitative_values,
    judge_trend,
    judge_trend_matrix,
    peer_matrix,
    peer_thresholds_for,
    verdict_from_code,
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
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.errors import NormError

V, D, N, X = (
    Verdict.MEETS, Verdict.PARTLY_MEETS, Verdict.DOES_NOT_MEET, Verdict.NOT_ASSESSABLE
)
UP, DOWN, NEUTRAL = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER, Direction.NEUTRAL
SOURCE = NormSource(NormSourceKind.POLICY, "Kadernota samenwerking (voorbeeld)", "raad", True)

# CBS consumer price index, annual averages, 2015 = 100 (StatLine 83131NED), rounded to two
# decimals; used as a realistic example series for constant prices.
CPI = {2018: 103.42, 2019: 106.15, 2020: 107.51}


def make_norm(kind: NormKind, **fields: Any) -> Norm:
    return Norm(id=f"{kind.value}-norm", indicator="x", kind=kind, source=SOURCE, **fields)


def bound(value: float, inclusive: bool = True) -> Bound:
    return Bound(value, inclusive)


# --- codes -------------------------------------------------------------------------------------


def test_verdict_codes_are_the_roll_up_scores_and_minus_one() -> None:
    assert [verdict_from_code(c) for c in (MEETS, PARTLY_MEETS, DOES_NOT_MEET)] == [V, D, N]
    assert verdict_from_code(NOT_ASSESSABLE) is X
    assert all(code_from_verdict(v) == (v.score if v.score is not None else -1) for v in Verdict)
    assert [gap_from_code(gap_code(g)) for g in GAP_CODES] == list(GAP_CODES)
    assert gap_from_code(0) is None


# --- absoluut ----------------------------------------------------------------------------------

AT_LEAST_10 = make_norm(NormKind.ABSOLUTE, target=bound(10), signal=bound(8))
ABOVE_10 = make_norm(NormKind.ABSOLUTE, target=bound(10, False), signal=bound(8, False))
OVERHEAD_MAX = make_norm(NormKind.ABSOLUTE, target=bound(10), signal=bound(12))
OVERHEAD_BELOW = make_norm(NormKind.ABSOLUTE, target=bound(10, False), signal=bound(12, False))
NO_SIGNAL = make_norm(NormKind.ABSOLUTE, target=bound(10))
FORMATIE_BAND = make_norm(
    NormKind.ABSOLUTE,
    band_low=bound(5), band_high=bound(7.5, False),
    signal_low=bound(4.5), signal_high=bound(8),
)
UPPER_SIGNAL_ONLY = make_norm(
    NormKind.ABSOLUTE, band_low=bound(5), band_high=bound(7.5), signal_high=bound(8)
)


@pytest.mark.parametrize(
    ("value", "norm", "direction", "verdict", "gap"),
    [
        (11.0, AT_LEAST_10, UP, V, None),
        (10.0, AT_LEAST_10, UP, V, None),  # on an inclusive target
        (10.0, ABOVE_10, UP, D, None),  # on an exclusive target
        (9.9999, AT_LEAST_10, UP, D, None),  # raw value, not rounded to 10.0
        (8.0, AT_LEAST_10, UP, D, None),  # on an inclusive signal
        (8.0, ABOVE_10, UP, N, None),  # on an exclusive signal
        (7.99, AT_LEAST_10, UP, N, None),
        (9.0, OVERHEAD_MAX, DOWN, V, None),
        (10.0, OVERHEAD_BELOW, DOWN, D, None),
        (12.0, OVERHEAD_MAX, DOWN, D, None),
        (12.0, OVERHEAD_BELOW, DOWN, N, None),
        (14.5, OVERHEAD_MAX, DOWN, N, None),
        (9.99, NO_SIGNAL, UP, N, None),  # without a signal there is no voldoet deels
        (None, AT_LEAST_10, UP, X, Gap.NO_VALUE),
        (math.nan, OVERHEAD_MAX, DOWN, X, Gap.NO_VALUE),
        (6.0, FORMATIE_BAND, NEUTRAL, V, None),
        (5.0, FORMATIE_BAND, NEUTRAL, V, None),  # inclusive low band bound
        (7.5, FORMATIE_BAND, NEUTRAL, D, None),  # exclusive high band bound
        (4.5, FORMATIE_BAND, NEUTRAL, D, None),  # inclusive low signal bound
        (4.49, FORMATIE_BAND, NEUTRAL, N, None),
        (8.01, FORMATIE_BAND, UP, N, None),  # a band ignores the direction
        (7.9, UPPER_SIGNAL_ONLY, NEUTRAL, D, None),
        (4.9, UPPER_SIGNAL_ONLY, NEUTRAL, N, None),  # no signal bound below: no deels zone
        (None, FORMATIE_BAND, NEUTRAL, X, Gap.NO_VALUE),
    ],
)
def test_absolute(
    value: float | None, norm: Norm, direction: Direction, verdict: Verdict, gap: Gap | None
) -> None:
    outcome = judge_absolute(value, norm, direction)
    assert (outcome.verdict, outcome.gap) == (verdict, gap)


def test_absolute_outcome_carries_the_compared_numbers_and_bounds() -> None:
    outcome = judge_absolute(9.0, ABOVE_10, UP)
    assert (outcome.compared, outcome.target, outcome.signal) == (9.0, 10.0, 8.0)
    assert (outcome.target_inclusive, outcome.signal_inclusive) == (False, False)
    assert outcome.reference is None


def test_band_outcome_names_the_band_as_intervals() -> None:
    outcome = judge_absolute(7.5, FORMATIE_BAND, NEUTRAL)
    assert (outcome.target, outcome.signal, outcome.compared) == (None, None, 7.5)
    assert outcome.detail == (("band", "[5.0, 7.5)"), ("signaalband", "[4.5, 8.0]"))


def test_a_threshold_on_a_neutral_indicator_is_a_configuration_error() -> None:
    with pytest.raises(NormError, match="richting 'neutraal'"):
        judge_absolute(5.0, AT_LEAST_10, NEUTRAL)


def test_a_norm_of_another_kind_is_refused() -> None:
    with pytest.raises(NormError, match="van soort 'trend'"):
        judge_absolute(5.0, make_norm(NormKind.TREND, target=bound(0)), UP)


# --- nulmeting ---------------------------------------------------------------------------------

COSTS_CONSTANT = make_norm(
    NormKind.BASELINE, target=bound(0), signal=bound(2.5), price_index="cpi_cbs"
)
COSTS_NOMINAL = make_norm(NormKind.BASELINE, target=bound(0), signal=bound(2.5))
COSTS_NOMINAL_STRICT = make_norm(
    NormKind.BASELINE, target=bound(0, False), signal=bound(2.5, False)
)
SATISFACTION_UP = make_norm(NormKind.BASELINE, target=bound(5), signal=bound(0))
WITHIN_5_PCT = make_norm(NormKind.BASELINE, band_low=bound(-5), band_high=bound(5))


@pytest.mark.parametrize(
    ("value", "baseline", "year", "index", "norm", "direction", "verdict", "change", "gap"),
    [
        # apparaatskosten per inwoner, nulmeting 2018 = € 400, lower is better
        (420.0, 400.0, 2020, True, COSTS_CONSTANT, DOWN, D, 1.0054879, None),
        (420.0, 400.0, 2020, False, COSTS_NOMINAL, DOWN, N, 5.0, None),
        (410.0, 400.0, 2019, True, COSTS_CONSTANT, DOWN, V, -0.1361281, None),
        (410.0, 400.0, 2019, False, COSTS_NOMINAL, DOWN, D, 2.5, None),  # inclusive signal
        (410.0, 400.0, 2019, False, COSTS_NOMINAL_STRICT, DOWN, N, 2.5, None),
        (400.0, 400.0, 2019, False, COSTS_NOMINAL, DOWN, V, 0.0, None),  # inclusive target
        (400.0, 400.0, 2019, False, COSTS_NOMINAL_STRICT, DOWN, D, 0.0, None),
        (7.7, 7.0, 2020, False, SATISFACTION_UP, UP, V, 10.0, None),
        (7.14, 7.0, 2020, False, SATISFACTION_UP, UP, D, 2.0, None),
        (6.86, 7.0, 2020, False, SATISFACTION_UP, UP, N, -2.0, None),
        (430.0, 400.0, 2020, False, WITHIN_5_PCT, NEUTRAL, N, 7.5, None),
        (390.0, 400.0, 2020, False, WITHIN_5_PCT, NEUTRAL, V, -2.5, None),
        (400.0, 400.0, 2018, False, COSTS_NOMINAL, DOWN, X, None, Gap.BEFORE_NORM_START),
        (400.0, 400.0, 2017, False, COSTS_NOMINAL, DOWN, X, None, Gap.BEFORE_NORM_START),
        (None, 400.0, 2020, False, COSTS_NOMINAL, DOWN, X, None, Gap.NO_VALUE),
        (420.0, None, 2020, False, COSTS_NOMINAL, DOWN, X, None, Gap.NO_BASELINE),
        (420.0, 0.0, 2020, False, COSTS_NOMINAL, DOWN, X, None, Gap.DIVISION_BY_ZERO),
        (420.0, 400.0, 2020, False, COSTS_CONSTANT, DOWN, X, None, Gap.NO_PRICE_INDEX),
    ],
)
def test_baseline(
    value: float | None,
    baseline: float | None,
    year: int,
    index: bool,
    norm: Norm,
    direction: Direction,
    verdict: Verdict,
    change: float | None,
    gap: Gap | None,
) -> None:
    index_year, index_baseline = (CPI.get(year), CPI[2018]) if index else (None, None)
    outcome = judge_baseline(
        value, baseline, norm, direction, year, 2018, index_year, index_baseline
    )
    assert (outcome.verdict, outcome.gap) == (verdict, gap)
    assert outcome.compared == (None if change is None else pytest.approx(change, abs=1e-6))
    assert outcome.reference == baseline


def test_baseline_in_constant_prices_names_the_index() -> None:
    outcome = judge_baseline(420.0, 400.0, COSTS_CONSTANT, DOWN, 2020, 2018, 107.51, 103.42)
    assert outcome.detail == (
        ("prijsindex", "cpi_cbs"), ("index_jaar", "107.51"), ("index_nulmeting", "103.42")
    )
    assert (outcome.target, outcome.signal) == (0.0, 2.5)


def test_a_negative_baseline_keeps_the_sign_of_the_change() -> None:
    # a deficit of 100 that shrinks to 50 went up by 50 % of its size
    assert judge_baseline(-50.0, -100.0, SATISFACTION_UP, UP, 2020, 2018).compared == 50.0


# --- vergelijkingsgroep ------------------------------------------------------------------------

OVERHEAD_PEERS = make_norm(NormKind.PEER, target=bound(50), signal=bound(75), peer_group="g")
OVERHEAD_PEERS_STRICT = make_norm(
    NormKind.PEER, target=bound(50, False), signal=bound(75), peer_group="g"
)
FORMATIE_PEERS = make_norm(NormKind.PEER, target=bound(50), signal=bound(25), peer_group="g")
# overhead % of seven comparable municipalities, and one whose staff sit in a shared
# organisation (0.18) and that is marked not comparable: P25 9.5, P50 11, P75 12.5
PEERS = [8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 0.18]
COMPARABLE = [True] * 7 + [False]


@pytest.mark.parametrize(
    ("value", "peers", "comparable", "norm", "direction", "own_ok", "verdict", "gap"),
    [
        (10.5, PEERS, COMPARABLE, OVERHEAD_PEERS, DOWN, True, V, None),
        (11.0, PEERS, COMPARABLE, OVERHEAD_PEERS, DOWN, True, V, None),  # on P50, inclusive
        (11.0, PEERS, COMPARABLE, OVERHEAD_PEERS_STRICT, DOWN, True, D, None),
        (12.5, PEERS, COMPARABLE, OVERHEAD_PEERS, DOWN, True, D, None),  # on P75
        (12.6, PEERS, COMPARABLE, OVERHEAD_PEERS, DOWN, True, N, None),
        (10.0, PEERS, COMPARABLE, FORMATIE_PEERS, UP, True, D, None),  # between P25 and P50
        (9.4, PEERS, COMPARABLE, FORMATIE_PEERS, UP, True, N, None),
        (0.18, PEERS, COMPARABLE, OVERHEAD_PEERS, DOWN, False, X, Gap.NOT_COMPARABLE),
        (None, PEERS, COMPARABLE, OVERHEAD_PEERS, DOWN, True, X, Gap.NO_VALUE),
        (10.0, [8.0, 9.0, 0.18], [True, True, False], OVERHEAD_PEERS, DOWN, True, X,
         Gap.TOO_FEW_PEERS),
        (9.0, [8.0, None, 9.0, 12.0], [True] * 4, OVERHEAD_PEERS, DOWN, True, V, None),
    ],
)
def test_peer(
    value: float | None,
    peers: list[float | None],
    comparable: list[bool],
    norm: Norm,
    direction: Direction,
    own_ok: bool,
    verdict: Verdict,
    gap: Gap | None,
) -> None:
    outcome = judge_peer(value, peers, comparable, norm, direction, comparable=own_ok)
    assert (outcome.verdict, outcome.gap) == (verdict, gap)


def test_peer_outcome_carries_thresholds_median_and_left_out_members() -> None:
    ids = ["GM0001", "GM0002", "GM0003", "GM0004", "GM0005", "GM0006", "GM0007", "GM0377"]
    outcome = judge_peer(10.5, PEERS, COMPARABLE, OVERHEAD_PEERS, DOWN, peer_ids=ids)
    assert (outcome.compared, outcome.target, outcome.signal, outcome.reference) == (
        10.5, 11.0, 12.5, 11.0
    )
    assert outcome.detail == (
        ("streefpercentiel", "50.0"), ("signaalpercentiel", "75.0"),
        ("aantal_vergelijkbaar", "7"), ("weggelaten_niet_vergelijkbaar", "GM0377"),
    )


def test_peer_percentiles_interpolate_linearly() -> None:
    outcome = judge_peer(3.0, [1.0, 2.0, 3.0, 4.0], [True] * 4, OVERHEAD_PEERS, DOWN)
    assert (outcome.target, outcome.signal, outcome.verdict) == (2.5, 3.25, D)


def test_peer_matrix_leaves_each_subject_out_of_its_own_distribution() -> None:
    members = [5.0, 6.0, 7.0, 8.0, 100.0]
    rows = peer_matrix(members, [True] * 5, [0, 1, 2, 3, 4])
    thresholds = peer_thresholds_for(OVERHEAD_PEERS, rows)
    assert thresholds.median.tolist() == [7.5, 7.5, 7.0, 6.5, 6.5]
    result = judge_peer_values(members, [True] * 5, thresholds, OVERHEAD_PEERS, DOWN)
    assert result.codes.dtype == np.int8
    # 8.0 against P75 of (5, 6, 7, 100) = 30.25; 100 against P75 of (5, 6, 7, 8) = 7.25
    assert result.codes.tolist() == [MEETS, MEETS, MEETS, PARTLY_MEETS, DOES_NOT_MEET]


# --- trend -------------------------------------------------------------------------------------

IMPROVING = make_norm(NormKind.TREND, target=bound(0), signal=bound(-2), years=3)
IMPROVING_STRICT = make_norm(
    NormKind.TREND, target=bound(0, False), signal=bound(-2, False), years=3
)
ONE_YEAR = make_norm(NormKind.TREND, target=bound(5), signal=bound(0), years=1)


@pytest.mark.parametrize(
    ("series", "norm", "direction", "verdict", "improvement", "gap"),
    [
        ([100, 98, 97, 95], IMPROVING, DOWN, V, 1.6410256, None),  # falling costs improve
        ([100, 98, 97, 95], IMPROVING, UP, D, -1.6410256, None),
        ([100, 97, 94, 91], IMPROVING, UP, N, -3.1413613, None),
        ([100, 100, 100, 100], IMPROVING, UP, V, 0.0, None),  # on an inclusive target
        ([100, 100, 100, 100], IMPROVING_STRICT, UP, D, 0.0, None),
        ([103, 101, 99, 97], IMPROVING, UP, D, -2.0, None),  # on an inclusive signal
        ([103, 101, 99, 97], IMPROVING_STRICT, UP, N, -2.0, None),
        ([50, 100, 98, 97, 95], IMPROVING, DOWN, V, 1.6410256, None),  # last 4 points used
        ([100, 110], ONE_YEAR, UP, V, 9.5238095, None),
        ([100, None, 97, 95], IMPROVING, DOWN, X, None, Gap.TOO_FEW_YEARS),
        ([98, 97, 95], IMPROVING, DOWN, X, None, Gap.TOO_FEW_YEARS),
        ([100, 98, 97, None], IMPROVING, DOWN, X, None, Gap.NO_VALUE),
        ([1, -1, 1, -1], IMPROVING, UP, X, None, Gap.DIVISION_BY_ZERO),
    ],
)
def test_trend(
    series: list[float | None],
    norm: Norm,
    direction: Direction,
    verdict: Verdict,
    improvement: float | None,
    gap: Gap | None,
) -> None:
    outcome = judge_trend(series, norm, direction)
    assert (outcome.verdict, outcome.gap) == (verdict, gap)
    expected = None if improvement is None else pytest.approx(improvement, abs=1e-6)
    assert outcome.compared == expected


def test_trend_reference_is_the_first_point_of_the_window() -> None:
    assert judge_trend([50, 100, 98, 97, 95], IMPROVING, DOWN).reference == 100.0


def test_trend_matrix_judges_every_year_with_the_window_ending_there() -> None:
    result = judge_trend_matrix([[100, 98, 97, 95, 94, None]], IMPROVING, DOWN)
    assert result.codes.tolist() == [[-1, -1, -1, MEETS, MEETS, -1]]
    assert [gap_from_code(g) for g in result.gaps[0]] == [Gap.TOO_FEW_YEARS] * 3 + [
        None, None, Gap.NO_VALUE
    ]


# --- kwalitatief -------------------------------------------------------------------------------

EVALUATION_HELD = make_norm(
    NormKind.QUALITATIVE,
    scale=(("ja", V), ("gedeeltelijk", D), ("nee", N), ("weet niet", X)),
)
SCORE_1_5 = make_norm(
    NormKind.QUALITATIVE, scale=(("1", N), ("2", N), ("3", D), ("4", V), ("5", V))
)


@pytest.mark.parametrize(
    ("scale_value", "norm", "verdict", "gap"),
    [
        ("ja", EVALUATION_HELD, V, None),
        (" Ja ", EVALUATION_HELD, V, None),  # spaces and capitals do not matter
        ("gedeeltelijk", EVALUATION_HELD, D, None),
        ("nee", EVALUATION_HELD, N, None),
        ("weet niet", EVALUATION_HELD, X, None),  # the scale itself says not assessable
        ("misschien", EVALUATION_HELD, X, Gap.UNKNOWN_SCALE_VALUE),
        (None, EVALUATION_HELD, X, Gap.NO_VALUE),
        ("", EVALUATION_HELD, X, Gap.NO_VALUE),
        ("3", SCORE_1_5, D, None),
        ("4", SCORE_1_5, V, None),
        ("6", SCORE_1_5, X, Gap.UNKNOWN_SCALE_VALUE),
    ],
)
def test_qualitative(
    scale_value: str | None, norm: Norm, verdict: Verdict, gap: Gap | None
) -> None:
    outcome = judge_qualitative(scale_value, norm)
    assert (outcome.verdict, outcome.gap, outcome.compared) == (verdict, gap, None)


def test_qualitative_kernel_reads_whole_numbers_from_a_spreadsheet() -> None:
    values = np.array([4.0, 2, "3", math.nan, None], dtype=object)
    result = judge_qualitative_values(values, SCORE_1_5)
    assert result.codes.tolist() == [MEETS, DOES_NOT_MEET, PARTLY_MEETS, -1, -1]
    assert [gap_from_code(g) for g in result.gaps] == [None] * 3 + [Gap.NO_VALUE] * 2
