"""Judge one value against one norm: scalar wrappers around the vectorised kernels.

Each wrapper runs the same kernel the assessment engine runs on all subjects × years, on a
length-1 array, and returns a NormOutcome. Semantics: docs/adr/0005-norm-semantics.md.

Public API of the norm layer (import from here):
- scalar: judge_absolute, judge_baseline, judge_peer, judge_trend, judge_qualitative
- kernels: judge_absolute_values, judge_baseline_values, peer_matrix, peer_thresholds(_for),
  judge_peer_values, judge_trend_windows, judge_trend_matrix, judge_qualitative_values
- codes: MEETS, PARTLY_MEETS, DOES_NOT_MEET, NOT_ASSESSABLE, verdict_from_code,
  code_from_verdict, gap_from_code, gap_code, outcome_at, Judged
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from samenwerkingsmonitor.analysis.norm_codes import (
    DOES_NOT_MEET,
    GAP_CODES,
    MEETS,
    NO_GAP,
    NOT_ASSESSABLE,
    PARTLY_MEETS,
    FloatArray,
    Judged,
    code_from_verdict,
    gap_code,
    gap_from_code,
    outcome_at,
    verdict_from_code,
    verdicts_from_codes,
)
from samenwerkingsmonitor.analysis.norm_kernels import (
    baseline_change_pct,
    grade,
    judge_absolute_values,
    judge_baseline_values,
    judge_budget_values,
    judge_qualitative_values,
    judge_trend_matrix,
    judge_trend_windows,
    trend_improvement_pct,
)
from samenwerkingsmonitor.analysis.norm_peer import (
    PERCENTILE_METHOD,
    PeerThresholds,
    judge_peer_values,
    peer_matrix,
    peer_thresholds,
    peer_thresholds_for,
)
from samenwerkingsmonitor.domain.assessment import DetailKey, NormOutcome
from samenwerkingsmonitor.domain.framework import Direction, Norm
from samenwerkingsmonitor.errors import NormError
from samenwerkingsmonitor.i18n import _

__all__ = [
    "GAP_CODES", "NOT_ASSESSABLE", "NO_GAP", "PERCENTILE_METHOD", "MEETS",
    "PARTLY_MEETS", "DOES_NOT_MEET", "Judged", "PeerThresholds", "baseline_change_pct",
    "code_from_verdict", "gap_code", "gap_from_code", "grade", "judge_absolute",
    "judge_absolute_values", "judge_baseline", "judge_baseline_values", "judge_budget_values",
    "judge_peer",
    "judge_peer_values", "judge_qualitative", "judge_qualitative_values", "judge_trend",
    "judge_trend_matrix", "judge_trend_windows", "outcome_at", "peer_matrix", "peer_thresholds",
    "peer_thresholds_for", "trend_improvement_pct", "verdict_from_code", "verdicts_from_codes",
]


def judge_absolute(value: float | None, norm: Norm, direction: Direction) -> NormOutcome:
    """Absolute threshold (target/signal in the indicator's direction) or band."""
    return outcome_at(judge_absolute_values(_floats([value]), norm, direction), 0, norm)


def judge_baseline(
    value: float | None,
    baseline: float | None,
    norm: Norm,
    direction: Direction,
    year: int,
    baseline_year: int,
    index_year: float | None = None,
    index_baseline: float | None = None,
) -> NormOutcome:
    """Change in percent against the nulmeting (constant prices when norm.price_index is set:
    index_year and index_baseline are the index values of `year` and `baseline_year`)."""
    result = judge_baseline_values(
        _floats([value]), _floats([baseline]), norm, direction, [year], [baseline_year],
        _floats([index_year]), _floats([index_baseline]),
    )
    detail: tuple[tuple[str, str], ...] = ()
    if norm.price_index is not None:
        detail = (
            ("prijsindex", norm.price_index),
            ("index_jaar", _number(index_year)),
            ("index_nulmeting", _number(index_baseline)),
        )
    return outcome_at(result, 0, norm, detail)


def judge_peer(
    value: float | None,
    peer_values: Sequence[float | None],
    peer_comparable: Sequence[bool],
    norm: Norm,
    direction: Direction,
    comparable: bool = True,
    peer_ids: Sequence[str] | None = None,
) -> NormOutcome:
    """Percentile norm among peers. `peer_values` are the other members of the peer group
    (not the subject itself); non-comparable and missing ones are left out and named in the
    detail (by `peer_ids`, or by position #1, #2, ... when no ids are given)."""
    if len(peer_values) != len(peer_comparable):
        raise NormError(_("De waarden en de vergelijkbaarheid van de vergelijkingsgroep zijn "
                        "niet even lang."))
    ids = [f"#{i + 1}" for i in range(len(peer_values))] if peer_ids is None else list(peer_ids)
    rows = peer_matrix(_floats(peer_values), list(peer_comparable), [-1])
    thresholds = peer_thresholds_for(norm, rows)
    result = judge_peer_values(_floats([value]), [comparable], thresholds, norm, direction)
    return outcome_at(result, 0, norm, _peer_detail(norm, peer_values, peer_comparable, ids))


def _peer_detail(
    norm: Norm,
    peer_values: Sequence[float | None],
    peer_comparable: Sequence[bool],
    ids: list[str],
) -> tuple[tuple[str, str], ...]:
    not_comparable = [i for i, ok in zip(ids, peer_comparable, strict=True) if not ok]
    no_value = [
        i for i, v, ok in zip(ids, peer_values, peer_comparable, strict=True)
        if ok and (v is None or np.isnan(v))
    ]
    used = len(ids) - len(not_comparable) - len(no_value)
    detail = [("streefpercentiel", _number(norm.target.value if norm.target else None))]
    if norm.signal is not None:
        detail.append(("signaalpercentiel", _number(norm.signal.value)))
    detail.append(("aantal_vergelijkbaar", str(used)))
    if not_comparable:
        detail.append((DetailKey.LEFT_OUT_NOT_COMPARABLE.value, ", ".join(not_comparable)))
    if no_value:
        detail.append((DetailKey.LEFT_OUT_NO_VALUE.value, ", ".join(no_value)))
    return tuple(detail)


def judge_trend(
    series: Sequence[float | None], norm: Norm, direction: Direction
) -> NormOutcome:
    """Improvement in percent per year over the last norm.years + 1 values of `series`
    (consecutive years, the judged year last)."""
    row = _floats(series).reshape(1, len(series))
    return outcome_at(judge_trend_windows(row, norm, direction), 0, norm)


def judge_qualitative(scale_value: str | None, norm: Norm) -> NormOutcome:
    """A point on the norm's scale mapped to its verdict."""
    values = np.empty(1, dtype=object)
    values[0] = scale_value
    return outcome_at(judge_qualitative_values(values, norm), 0, norm)


def _floats(values: Sequence[float | None]) -> FloatArray:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def _number(value: float | None) -> str:
    return "" if value is None else repr(float(value))
