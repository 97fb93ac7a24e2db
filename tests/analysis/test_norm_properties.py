"""Properties of the norm kernels and roll-up rules (docs/adr/0005-norm-semantics.md).

1. A value that meets a stricter norm meets a looser one (absolute, band and nulmeting).
2. A roll-up does not depend on the order of its findings (every rule).
3. The vectorised kernels give what the scalar wrappers give, element by element.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from samenwerkingsmonitor.analysis.norms import (
    code_from_verdict,
    judge_absolute,
    judge_absolute_values,
    judge_baseline,
    judge_baseline_values,
    judge_peer,
    judge_peer_values,
    judge_qualitative,
    judge_qualitative_values,
    judge_trend,
    judge_trend_matrix,
    outcome_at,
    peer_matrix,
    peer_thresholds_for,
)
from samenwerkingsmonitor.analysis.rollup import Finding, rollup, rollup_groups
from samenwerkingsmonitor.domain.assessment import NormOutcome
from samenwerkingsmonitor.domain.framework import (
    Bound,
    DecisionRow,
    Direction,
    Norm,
    NormKind,
    NormSource,
    NormSourceKind,
    Rollup,
    RollupRule,
)
from samenwerkingsmonitor.domain.verdicts import Verdict

PROPERTY = settings(derandomize=True, max_examples=150, deadline=None)
SOURCE = NormSource(NormSourceKind.LITERATURE, "test", "test")
DIRECTIONS = st.sampled_from([Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER])
numbers = st.floats(-1e4, 1e4, allow_nan=False)
gaps = st.one_of(st.just(0.0), st.floats(0, 100, allow_nan=False))


def score(outcome: NormOutcome) -> int:
    return code_from_verdict(outcome.verdict)


# --- 1. stricter versus looser ------------------------------------------------------------------


@st.composite
def threshold_pair(draw: st.DrawFn, kind: NormKind) -> tuple[Norm, Norm, Direction]:
    """A norm and a looser one: each bound moved towards 'worse' (or kept, then an exclusive
    bound may become inclusive, never the other way)."""
    direction = draw(DIRECTIONS)
    worse = -1.0 if direction is Direction.HIGHER_IS_BETTER else 1.0
    target, signal = draw(numbers), draw(numbers)
    strict: dict[str, Any] = {}
    loose: dict[str, Any] = {}
    for name, value in (("target", target), ("signal", signal)):
        inclusive, move = draw(st.booleans()), draw(gaps)
        looser_inclusive = draw(st.booleans()) if move else inclusive or draw(st.booleans())
        strict[name] = Bound(value, inclusive)
        loose[name] = Bound(value + worse * move, looser_inclusive)
    index = "cpi" if kind is NormKind.BASELINE and draw(st.booleans()) else None
    return (
        Norm("strict", "x", kind, SOURCE, price_index=index, **strict),
        Norm("loose", "x", kind, SOURCE, price_index=index, **loose),
        direction,
    )


@st.composite
def band_pair(draw: st.DrawFn) -> tuple[Norm, Norm]:
    low, width, signal_width = draw(numbers), draw(gaps), draw(gaps)
    bounds = {
        "band_low": low, "band_high": low + width,
        "signal_low": low - signal_width, "signal_high": low + width + signal_width,
    }
    outward = {"band_low": -1.0, "band_high": 1.0, "signal_low": -1.0, "signal_high": 1.0}
    strict: dict[str, Bound] = {}
    loose: dict[str, Bound] = {}
    for name, value in bounds.items():
        inclusive, move = draw(st.booleans()), draw(gaps)
        looser_inclusive = draw(st.booleans()) if move else inclusive or draw(st.booleans())
        strict[name] = Bound(value, inclusive)
        loose[name] = Bound(value + outward[name] * move, looser_inclusive)
    return (
        Norm("strict", "x", NormKind.ABSOLUTE, SOURCE, **strict),
        Norm("loose", "x", NormKind.ABSOLUTE, SOURCE, **loose),
    )


def _bound_values(*norms: Norm) -> list[float]:
    fields = ("target", "signal", "band_low", "band_high", "signal_low", "signal_high")
    return [b.value for n in norms for f in fields if (b := getattr(n, f)) is not None]


@PROPERTY
@given(st.data(), threshold_pair(NormKind.ABSOLUTE))
def test_absolute_meeting_a_stricter_norm_meets_a_looser_one(
    data: st.DataObject, pair: tuple[Norm, Norm, Direction]
) -> None:
    strict, loose, direction = pair
    value = data.draw(st.one_of(numbers, st.sampled_from(_bound_values(strict, loose))))
    assert score(judge_absolute(value, loose, direction)) >= score(
        judge_absolute(value, strict, direction)
    )


@PROPERTY
@given(st.data(), band_pair())
def test_band_meeting_a_narrower_band_meets_a_wider_one(
    data: st.DataObject, pair: tuple[Norm, Norm]
) -> None:
    strict, loose = pair
    value = data.draw(st.one_of(numbers, st.sampled_from(_bound_values(strict, loose))))
    assert score(judge_absolute(value, loose, Direction.NEUTRAL)) >= score(
        judge_absolute(value, strict, Direction.NEUTRAL)
    )


@PROPERTY
@given(
    threshold_pair(NormKind.BASELINE),
    st.floats(1, 1e4),
    st.floats(0.5, 2.0),
    st.floats(80, 130),
    st.floats(80, 130),
)
def test_baseline_meeting_a_stricter_norm_meets_a_looser_one(
    pair: tuple[Norm, Norm, Direction],
    baseline: float,
    ratio: float,
    index_year: float,
    index_baseline: float,
) -> None:
    strict, loose, direction = pair
    value = baseline * ratio
    args = (direction, 2020, 2018, index_year, index_baseline)
    assert score(judge_baseline(value, baseline, loose, *args)) >= score(
        judge_baseline(value, baseline, strict, *args)
    )


# --- 2. roll-up order ---------------------------------------------------------------------------

INDICATORS = ["a", "b", "c", "d"]
verdicts = st.sampled_from(list(Verdict))
weights = st.integers(0, 40).map(lambda n: n / 10)
finding_lists = st.lists(st.tuples(st.sampled_from(INDICATORS), verdicts, weights), max_size=9)
decision_rows = st.lists(
    st.builds(
        DecisionRow,
        st.lists(
            st.tuples(
                st.sampled_from(INDICATORS),
                st.lists(verdicts, min_size=1, max_size=3, unique=True).map(tuple),
            ),
            min_size=1, max_size=3,
        ).map(tuple),
        verdicts,
    ),
    max_size=4,
).map(tuple)
rules = st.one_of(
    st.sampled_from(
        [Rollup(RollupRule.WEAKEST_LINK), Rollup(RollupRule.MAJORITY), Rollup(RollupRule.WEIGHTED)]
    ),
    st.builds(Rollup, st.just(RollupRule.DECISION_TABLE), decision_rows, verdicts),
)


@PROPERTY
@given(rules, finding_lists, st.data())
def test_roll_up_does_not_depend_on_the_order_of_findings(
    rule: Rollup, findings: list[Finding], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(findings))
    assert rollup(rule, shuffled) == rollup(rule, findings)


# --- 3. vectorised kernel = scalar wrapper ------------------------------------------------------

maybe_numbers = st.one_of(numbers, st.just(math.nan))


def same(kernel: NormOutcome, scalar: NormOutcome) -> None:
    assert (kernel.verdict, kernel.gap) == (scalar.verdict, scalar.gap)
    assert kernel.compared == scalar.compared
    assert (kernel.target, kernel.signal, kernel.reference) == (
        scalar.target, scalar.signal, scalar.reference
    )


@PROPERTY
@given(threshold_pair(NormKind.ABSOLUTE), st.lists(maybe_numbers, max_size=12))
def test_absolute_kernel_equals_scalar(
    pair: tuple[Norm, Norm, Direction], values: list[float]
) -> None:
    norm, _loose, direction = pair
    result = judge_absolute_values(np.array(values, dtype=np.float64), norm, direction)
    for i, value in enumerate(values):
        same(outcome_at(result, i, norm), judge_absolute(value, norm, direction))


@PROPERTY
@given(
    threshold_pair(NormKind.BASELINE),
    st.lists(
        st.tuples(
            maybe_numbers,
            st.one_of(st.just(0.0), maybe_numbers),
            st.integers(2016, 2022),
            st.one_of(st.just(math.nan), st.floats(80, 130)),
        ),
        max_size=12,
    ),
)
def test_baseline_kernel_equals_scalar(
    pair: tuple[Norm, Norm, Direction], rows: list[tuple[float, float, int, float]]
) -> None:
    norm, _loose, direction = pair
    columns = [np.array(c, dtype=np.float64) for c in zip(*rows, strict=True)]
    value, baseline, year, index = columns if rows else [np.empty(0)] * 4
    result = judge_baseline_values(value, baseline, norm, direction, year, 2018, index, 103.42)
    for i, (v, b, y, ix) in enumerate(rows):
        scalar = judge_baseline(v, b, norm, direction, y, 2018, ix, 103.42)
        same(outcome_at(result, i, norm), scalar)


@PROPERTY
@given(
    st.lists(st.tuples(maybe_numbers, st.booleans()), min_size=1, max_size=10),
    st.integers(0, 100), st.integers(0, 100), st.integers(1, 4), DIRECTIONS,
)
def test_peer_kernel_equals_scalar(
    members: list[tuple[float, bool]], target: int, signal: int, min_peers: int,
    direction: Direction,
) -> None:
    norm = Norm(
        "p", "x", NormKind.PEER, SOURCE, target=Bound(target), signal=Bound(signal, False),
        min_peers=min_peers,
    )
    values = [v for v, _ok in members]
    comparable = [ok for _v, ok in members]
    thresholds = peer_thresholds_for(norm, peer_matrix(values, comparable, range(len(values))))
    result = judge_peer_values(values, comparable, thresholds, norm, direction)
    for i, (value, ok) in enumerate(members):
        others = [m for j, m in enumerate(members) if j != i]
        scalar = judge_peer(
            value, [v for v, _ok in others], [c for _v, c in others], norm, direction, ok
        )
        same(outcome_at(result, i, norm), scalar)


@PROPERTY
@given(
    st.integers(1, 4),
    st.lists(
        st.lists(st.one_of(st.floats(-100, 1000), st.just(math.nan)), min_size=6, max_size=6),
        min_size=1, max_size=5,
    ),
    DIRECTIONS,
)
def test_trend_kernel_equals_scalar(
    years: int, matrix: list[list[float]], direction: Direction
) -> None:
    norm = Norm("t", "x", NormKind.TREND, SOURCE, target=Bound(0), signal=Bound(-2), years=years)
    result = judge_trend_matrix(matrix, norm, direction)
    for s, series in enumerate(matrix):
        for y in range(len(series)):
            same(outcome_at(result, (s, y), norm), judge_trend(series[: y + 1], norm, direction))


@PROPERTY
@given(st.lists(st.one_of(st.none(), st.sampled_from(["ja", "Nee ", "deels", "?", ""]))))
def test_qualitative_kernel_equals_scalar(values: list[str | None]) -> None:
    norm = Norm(
        "q", "x", NormKind.QUALITATIVE, SOURCE,
        scale=(
            ("ja", Verdict.MEETS), ("deels", Verdict.PARTLY_MEETS),
            ("nee", Verdict.DOES_NOT_MEET),
        ),
    )
    array = np.empty(len(values), dtype=object)
    array[:] = values
    result = judge_qualitative_values(array, norm)
    for i, value in enumerate(values):
        same(outcome_at(result, i, norm), judge_qualitative(value, norm))


@PROPERTY
@given(rules, st.lists(finding_lists, min_size=1, max_size=5))
def test_grouped_roll_up_equals_scalar(rule: Rollup, groups: list[list[Finding]]) -> None:
    flat = [(g, f) for g, group in enumerate(groups) for f in group]
    result = rollup_groups(
        rule,
        [code_from_verdict(f[1]) for _g, f in flat],
        [g for g, _f in flat],
        len(groups),
        weights=[f[2] for _g, f in flat],
        indicators=[f[0] for _g, f in flat],
    )
    for g, group in enumerate(groups):
        expected = rollup(rule, group)
        assert result.codes[g] == code_from_verdict(expected.verdict)
        assert tuple(result.counts[g]) == tuple(n for _v, n in expected.counts)
        if expected.score is not None:
            assert math.isclose(float(result.scores[g]), expected.score, abs_tol=1e-9)
