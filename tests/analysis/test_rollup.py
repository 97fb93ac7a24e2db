"""Worked cases for the roll-up rules (docs/framework-file.md, docs/adr/0005-norm-semantics.md)."""

from __future__ import annotations

import numpy as np
import pytest

from samenwerkingsmonitor.analysis.norms import code_from_verdict
from samenwerkingsmonitor.analysis.rollup import Finding, rollup, rollup_groups
from samenwerkingsmonitor.domain.framework import DecisionRow, Rollup, RollupRule
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.errors import RollupError

V, D, N, X = (
    Verdict.MEETS, Verdict.PARTLY_MEETS, Verdict.DOES_NOT_MEET, Verdict.NOT_ASSESSABLE
)
WEAKEST = Rollup(RollupRule.WEAKEST_LINK)
MAJORITY = Rollup(RollupRule.MAJORITY)
WEIGHTED = Rollup(RollupRule.WEIGHTED)


def findings(*verdicts: Verdict, weights: tuple[float, ...] = ()) -> list[Finding]:
    weights = weights or (1.0,) * len(verdicts)
    return [(f"i{n}", v, w) for n, (v, w) in enumerate(zip(verdicts, weights, strict=True))]


@pytest.mark.parametrize(
    ("verdicts", "expected"),
    [
        ((V, V), V),
        ((V, V, D), D),
        ((V, D, N), N),
        ((V, N, X, X, X), N),  # one voldoet niet decides, even when most are missing
        ((V, X, X), X),  # more than half missing
        ((V, D, X, X), D),  # exactly half missing is not more than half
        ((X,), X),
        ((), X),
    ],
)
def test_weakest_link(verdicts: tuple[Verdict, ...], expected: Verdict) -> None:
    assert rollup(WEAKEST, findings(*verdicts)).verdict is expected


@pytest.mark.parametrize(
    ("verdicts", "expected"),
    [
        ((V, V, D), V),
        ((V, D), D),  # a tie goes to the lower verdict
        ((V, V, N, N, D), N),
        ((V, D, D, N, N), N),
        ((D, D, V, X), D),
        ((V, X), V),  # half missing: the assessable one decides
        ((V, X, X), X),
        ((N, N, V, V, V), V),
        ((), X),
    ],
)
def test_majority(verdicts: tuple[Verdict, ...], expected: Verdict) -> None:
    assert rollup(MAJORITY, findings(*verdicts)).verdict is expected


@pytest.mark.parametrize(
    ("verdicts", "weights", "expected", "score"),
    [
        ((V, N), (1, 1), D, 1.0),
        ((V, N), (3, 1), V, 1.5),  # exactly 1.5
        ((D, N), (1, 1), D, 0.5),  # exactly 0.5
        ((D, N), (1, 2), N, 1 / 3),
        ((V, X), (1, 1), V, 2.0),  # half the weight missing is not more than half
        ((V, X), (1, 1.5), X, None),
        ((V, X, X), (2, 1, 1), V, 2.0),
        ((V, N, V), (0.1, 0.1, 0.2), V, 1.5),  # decimal weights, still exactly 1.5
        ((V, D, N, N), (1, 1, 1, 1), D, 0.75),
        ((V, N), (0, 0), X, None),  # no weight on anything assessable
        ((), (), X, None),
    ],
)
def test_weighted(
    verdicts: tuple[Verdict, ...],
    weights: tuple[float, ...],
    expected: Verdict,
    score: float | None,
) -> None:
    outcome = rollup(WEIGHTED, findings(*verdicts, weights=weights))
    assert outcome.verdict is expected
    assert outcome.score == (None if score is None else pytest.approx(score))


def test_a_negative_weight_is_refused() -> None:
    with pytest.raises(RollupError, match="Een gewicht moet een getal van 0 of meer zijn"):
        rollup(WEIGHTED, findings(V, N, weights=(1.0, -1.0)))


VULNERABILITY_TABLE = Rollup(
    RollupRule.DECISION_TABLE,
    decision_rows=(
        DecisionRow((("eenmansfuncties", (V,)), ("vervangbaarheid", (V, D))), V),
        DecisionRow((("eenmansfuncties", (N,)),), N),
        DecisionRow((("eenmansfuncties", (X,)), ("vervangbaarheid", (X,))), X),
    ),
    otherwise=D,
)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([("eenmansfuncties", V), ("vervangbaarheid", V)], V),
        ([("eenmansfuncties", V), ("vervangbaarheid", D)], V),
        ([("eenmansfuncties", V), ("vervangbaarheid", N)], D),  # no row holds: otherwise
        ([("eenmansfuncties", N), ("vervangbaarheid", V)], N),
        ([("eenmansfuncties", D), ("vervangbaarheid", V)], D),
        ([("vervangbaarheid", V)], D),  # a missing indicator counts as not assessable
        ([], X),  # both missing: the third row
        ([("eenmansfuncties", X), ("vervangbaarheid", X)], X),
        # two norms on one indicator: every finding must be allowed
        ([("eenmansfuncties", V), ("eenmansfuncties", D), ("vervangbaarheid", V)], D),
    ],
)
def test_decision_table(rows: list[tuple[str, Verdict]], expected: Verdict) -> None:
    outcome = rollup(VULNERABILITY_TABLE, [(i, v, 1.0) for i, v in rows])
    assert outcome.verdict is expected


def test_first_matching_row_wins() -> None:
    table = Rollup(
        RollupRule.DECISION_TABLE,
        decision_rows=(DecisionRow((("a", (V, D)),), D), DecisionRow((("a", (V,)),), V)),
    )
    assert rollup(table, [("a", V, 1.0)]).verdict is D


def test_outcome_counts_every_verdict_and_names_missing_indicators() -> None:
    outcome = rollup(WEAKEST, [("zz", X, 1.0), ("aa", V, 1.0), ("mm", X, 1.0), ("aa", X, 1.0)])
    assert outcome.counts == (
        ("voldoet", 1), ("voldoet_deels", 0), ("voldoet_niet", 0), ("niet_te_beoordelen", 3)
    )
    assert outcome.missing == ("aa", "mm", "zz")
    assert (outcome.verdict, outcome.score) == (X, None)


def test_grouped_roll_up_of_three_criteria_at_once() -> None:
    cases = [findings(V, V, D), findings(V, N, X, X, X), findings(V, X, X)]
    codes = [code_from_verdict(v) for case in cases for _i, v, _w in case]
    groups = [g for g, case in enumerate(cases) for _f in case]
    result = rollup_groups(WEAKEST, codes, groups, 3)
    assert result.codes.tolist() == [1, 0, -1]
    assert result.counts.tolist() == [[2, 1, 0, 0], [1, 0, 1, 3], [1, 0, 0, 2]]
    assert np.isnan(result.scores).all()


def test_grouped_decision_table_needs_indicator_ids() -> None:
    with pytest.raises(RollupError, match="ids van de indicatoren"):
        rollup_groups(VULNERABILITY_TABLE, [2], [0], 1)


def test_grouped_weighted_agrees_with_exact_reference_on_a_boundary() -> None:
    # exactly 0.5 in exact arithmetic; a plain float sum gives 0.49999999999999994
    case = findings(V, N, D, weights=(0.2, 0.9, 0.3))
    assert rollup(WEIGHTED, case).verdict is D
    grouped = rollup_groups(
        WEIGHTED, [code_from_verdict(v) for _i, v, _w in case], [0, 0, 0], 1,
        weights=[w for _i, _v, w in case],
    )
    assert grouped.codes.tolist() == [code_from_verdict(D)]
