"""Roll-up of findings to a criterion verdict (docs/framework-file.md,
docs/adr/0005-norm-semantics.md).

`rollup` is the reference: exact arithmetic (fractions), one criterion at a time.
`rollup_groups` does the same for many criteria × subjects × years at once on array codes,
grouped by an integer group index (np.bincount), for the assessment engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samenwerkingsmonitor.analysis.norm_codes import (
    DOES_NOT_MEET,
    MEETS,
    NOT_ASSESSABLE,
    PARTLY_MEETS,
    CodeArray,
    FloatArray,
    code_from_verdict,
)
from samenwerkingsmonitor.domain.framework import DecisionRow, Rollup, RollupRule
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.errors import RollupError
from samenwerkingsmonitor.i18n import _

WEIGHTED_VOLDOET: Final = Fraction(3, 2)
WEIGHTED_DEELS: Final = Fraction(1, 2)
"""Weighted mean score ≥ 1.5 is voldoet, ≥ 0.5 voldoet deels, below that voldoet niet."""

FLOAT_TOLERANCE: Final = 1e-9
"""rollup_groups sums floats; a boundary is taken as reached within this relative margin, so
that weights like 0.1 + 0.2 agree with the exact reference."""

Finding = tuple[str, Verdict, float]
_ORDER: Final = (
    Verdict.MEETS, Verdict.PARTLY_MEETS, Verdict.DOES_NOT_MEET, Verdict.NOT_ASSESSABLE
)


@dataclass(frozen=True, slots=True)
class RollupOutcome:
    """A criterion verdict with the facts behind it.

    counts: (verdict value, number of findings) for all four verdicts in a fixed order;
    missing: sorted ids of indicators with a niet-te-beoordelen finding;
    score: the weighted mean score (gewogen rule only, None otherwise or when not assessable).
    """

    verdict: Verdict
    counts: tuple[tuple[str, int], ...]
    missing: tuple[str, ...]
    score: float | None = None


def rollup(rule: Rollup, findings: Sequence[Finding]) -> RollupOutcome:
    """Combine (indicator id, verdict, weight) findings by the criterion's declared rule."""
    _check_weights([weight for _id, _verdict, weight in findings])
    counts = tuple((v.value, sum(1 for f in findings if f[1] is v)) for v in _ORDER)
    missing = tuple(sorted({i for i, v, _w in findings if not v.assessable}))
    verdicts = [v for _i, v, _w in findings]
    score: Fraction | None = None
    if rule.rule is RollupRule.WEAKEST_LINK:
        verdict = weakest_link(verdicts)
    elif rule.rule is RollupRule.MAJORITY:
        verdict = majority(verdicts)
    elif rule.rule is RollupRule.WEIGHTED:
        verdict, score = weighted(findings)
    else:
        verdict = decision_table(rule.decision_rows, rule.otherwise, findings)
    return RollupOutcome(verdict, counts, missing, None if score is None else float(score))


def mostly_missing(verdicts: Sequence[Verdict]) -> bool:
    """More than half of the findings (by count) is niet te beoordelen."""
    return 2 * sum(1 for v in verdicts if not v.assessable) > len(verdicts)


def weakest_link(verdicts: Sequence[Verdict]) -> Verdict:
    """voldoet niet as soon as one finding is; else NTB when most are missing; else the
    lowest assessable verdict."""
    if Verdict.DOES_NOT_MEET in verdicts:
        return Verdict.DOES_NOT_MEET
    scores = [v.score for v in verdicts if v.score is not None]
    if not scores or mostly_missing(verdicts):
        return Verdict.NOT_ASSESSABLE
    return Verdict.from_score(min(scores))


def majority(verdicts: Sequence[Verdict]) -> Verdict:
    """The most frequent assessable verdict; a tie goes to the lower (stricter) verdict."""
    scores = [v.score for v in verdicts if v.score is not None]
    if not scores or mostly_missing(verdicts):
        return Verdict.NOT_ASSESSABLE
    return Verdict.from_score(max(set(scores), key=lambda s: (scores.count(s), -s)))


def weighted(findings: Sequence[Finding]) -> tuple[Verdict, Fraction | None]:
    """Weighted mean score of the assessable findings (exact), mapped by the thresholds."""
    total = sum((Fraction(w) for _i, _v, w in findings), Fraction(0))
    assessed = [(Fraction(w), v.score) for _i, v, w in findings if v.score is not None]
    weight = sum((w for w, _s in assessed), Fraction(0))
    if weight == 0 or 2 * (total - weight) > total:
        return Verdict.NOT_ASSESSABLE, None
    score = sum((w * s for w, s in assessed), Fraction(0)) / weight
    return _verdict_of_score(score), score


def _verdict_of_score(score: Fraction) -> Verdict:
    if score >= WEIGHTED_VOLDOET:
        return Verdict.MEETS
    return Verdict.PARTLY_MEETS if score >= WEIGHTED_DEELS else Verdict.DOES_NOT_MEET


def decision_table(
    rows: Sequence[DecisionRow], otherwise: Verdict, findings: Sequence[Finding]
) -> Verdict:
    """The first row whose every condition holds wins, else `otherwise`. A condition on an
    indicator holds when all its findings have an allowed verdict; an indicator without
    findings counts as niet te beoordelen."""
    by_indicator: dict[str, set[Verdict]] = {}
    for indicator, verdict, _w in findings:
        by_indicator.setdefault(indicator, set()).add(verdict)
    for row in rows:
        if all(
            by_indicator.get(indicator, {Verdict.NOT_ASSESSABLE}) <= set(allowed)
            for indicator, allowed in row.when
        ):
            return row.verdict
    return otherwise


def _check_weights(weights: Sequence[float]) -> None:
    bad = [w for w in weights if not np.isfinite(w) or w < 0]
    if bad:
        raise RollupError(
            _("Een gewicht moet een getal van 0 of meer zijn, niet {weight}.").format(
                weight=bad[0]
            )
        )


# --- vectorised ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GroupedRollup:
    """Per group: the verdict code, the weighted mean score (NaN unless gewogen and assessable)
    and the count of findings per verdict code, columns (2, 1, 0, -1)."""

    codes: CodeArray
    scores: FloatArray
    counts: NDArray[np.int64]


def rollup_groups(
    rule: Rollup,
    codes: ArrayLike,
    groups: ArrayLike,
    n_groups: int,
    weights: ArrayLike | None = None,
    indicators: Sequence[str] | None = None,
) -> GroupedRollup:
    """Roll up flat arrays of finding codes by group index (0 .. n_groups-1).

    weights default to 1; indicators (one id per finding) are needed for the beslistabel rule.
    Gives the same verdicts as `rollup` (weighted: within FLOAT_TOLERANCE of a boundary).
    """
    code = np.asarray(codes, dtype=np.int8).ravel()
    group = np.asarray(groups, dtype=np.intp).ravel()
    weight = np.ones(code.shape) if weights is None else np.asarray(weights, np.float64).ravel()
    _check_weights(weight.tolist())
    counts = np.stack(
        [np.bincount(group, weights=code == k, minlength=n_groups) for k in _CODE_COLUMNS], axis=1
    ).astype(np.int64)
    scores = np.full(n_groups, np.nan)
    if rule.rule is RollupRule.WEAKEST_LINK:
        result = _weakest_link_groups(counts)
    elif rule.rule is RollupRule.MAJORITY:
        result = _majority_groups(counts)
    elif rule.rule is RollupRule.WEIGHTED:
        result, scores = _weighted_groups(code, group, weight, n_groups)
    else:
        if indicators is None:
            raise RollupError(_("De beslistabel heeft de ids van de indicatoren nodig."))
        result = _decision_table_groups(rule, code, group, n_groups, list(indicators))
    return GroupedRollup(result.astype(np.int8), scores, counts)


_CODE_COLUMNS: Final = (MEETS, PARTLY_MEETS, DOES_NOT_MEET, NOT_ASSESSABLE)


def _mostly_missing_groups(counts: NDArray[np.int64]) -> NDArray[np.bool_]:
    return np.asarray(2 * counts[:, 3] > counts.sum(axis=1), dtype=np.bool_)


def _weakest_link_groups(counts: NDArray[np.int64]) -> CodeArray:
    lowest = np.where(counts[:, 1] > 0, PARTLY_MEETS, MEETS)
    lowest = np.where(counts[:, :3].sum(axis=1) == 0, NOT_ASSESSABLE, lowest)
    lowest = np.where(_mostly_missing_groups(counts), NOT_ASSESSABLE, lowest)
    return np.where(counts[:, 2] > 0, DOES_NOT_MEET, lowest).astype(np.int8)


def _majority_groups(counts: NDArray[np.int64]) -> CodeArray:
    good, partly, bad = counts[:, 0], counts[:, 1], counts[:, 2]
    mode = np.where(
        (bad >= partly) & (bad >= good), DOES_NOT_MEET,
        np.where(partly >= good, PARTLY_MEETS, MEETS),
    )
    none = (counts[:, :3].sum(axis=1) == 0) | _mostly_missing_groups(counts)
    return np.where(none, NOT_ASSESSABLE, mode).astype(np.int8)


def _weighted_groups(
    code: CodeArray, group: NDArray[np.intp], weight: FloatArray, n_groups: int
) -> tuple[CodeArray, FloatArray]:
    assessed = code >= 0
    total = np.bincount(group, weights=weight, minlength=n_groups)
    assessed_weight = np.bincount(group, weights=weight * assessed, minlength=n_groups)
    points = np.bincount(group, weights=weight * np.maximum(code, 0), minlength=n_groups)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        score = points / assessed_weight
    margin = FLOAT_TOLERANCE * np.maximum(total, 1.0)
    mostly_missing = 2 * (total - assessed_weight) > total + margin
    none = (assessed_weight <= 0) | mostly_missing
    tolerant = score + FLOAT_TOLERANCE
    verdict = np.where(
        tolerant >= float(WEIGHTED_VOLDOET), MEETS,
        np.where(tolerant >= float(WEIGHTED_DEELS), PARTLY_MEETS, DOES_NOT_MEET),
    )
    return (
        np.where(none, NOT_ASSESSABLE, verdict).astype(np.int8),
        np.where(none, np.nan, score),
    )


def _decision_table_groups(
    rule: Rollup, code: CodeArray, group: NDArray[np.intp], n_groups: int, indicators: list[str]
) -> CodeArray:
    ids = np.asarray(indicators, dtype=object)
    result = np.full(n_groups, code_from_verdict(rule.otherwise), dtype=np.int8)
    decided = np.zeros(n_groups, dtype=np.bool_)
    for row in rule.decision_rows:
        holds = np.ones(n_groups, dtype=np.bool_)
        for indicator, allowed in row.when:
            allowed_codes = [code_from_verdict(v) for v in allowed]
            mine = ids == indicator
            present = np.bincount(group, weights=mine, minlength=n_groups) > 0
            violating = mine & ~np.isin(code, allowed_codes)
            holds &= np.bincount(group, weights=violating, minlength=n_groups) == 0
            if Verdict.NOT_ASSESSABLE not in allowed:
                holds &= present
        result[holds & ~decided] = code_from_verdict(row.verdict)
        decided |= holds
    return result
