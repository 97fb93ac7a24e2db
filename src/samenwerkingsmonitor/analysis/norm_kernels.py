"""Vectorised norm kernels: absolute, nulmeting, trend and kwalitatief (peer: norm_peer.py).

Every kernel takes numpy arrays of any shape (all subjects × years at once) and returns a
`Judged` of that shape. NaN is a missing number. The scalar wrappers in norms.py run these same
kernels on length-1 arrays. Semantics and formulas: docs/adr/0005-norm-semantics.md.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from samenwerkingsmonitor.analysis.norm_codes import (
    DOES_NOT_MEET,
    MEETS,
    NOT_ASSESSABLE,
    PARTLY_MEETS,
    BoolArray,
    CodeArray,
    FloatArray,
    Judged,
    assign_gaps,
    is_higher_better,
    judged,
    require_kind,
)
from samenwerkingsmonitor.domain.assessment import Gap
from samenwerkingsmonitor.domain.framework import Bound, Direction, Norm, NormKind
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.errors import NormError
from samenwerkingsmonitor.i18n import _

Threshold = float | FloatArray


def as_floats(values: ArrayLike) -> FloatArray:
    """Numbers as a float array; None becomes NaN (numpy does so for a float dtype)."""
    return np.asarray(values, dtype=np.float64)


# --- grading: compare numbers with thresholds --------------------------------------------------


def reaches(values: FloatArray, bound: Threshold, inclusive: bool, higher: bool) -> BoolArray:
    """Whether each value reaches a threshold in the given direction; NaN never does."""
    if higher:
        return np.asarray(values >= bound if inclusive else values > bound, dtype=np.bool_)
    return np.asarray(values <= bound if inclusive else values < bound, dtype=np.bool_)


def grade_thresholds(
    compared: FloatArray,
    target: Threshold,
    target_inclusive: bool,
    signal: Threshold | None,
    signal_inclusive: bool,
    higher: bool,
) -> CodeArray:
    """voldoet where the target is reached, else voldoet deels where the signal is reached,
    else voldoet niet; NaN in the value or a threshold is not assessable."""
    codes = np.full(compared.shape, DOES_NOT_MEET, dtype=np.int8)
    missing = np.isnan(compared) | np.isnan(target)
    if signal is not None:
        codes[reaches(compared, signal, signal_inclusive, higher)] = PARTLY_MEETS
        missing = missing | np.isnan(signal)
    codes[reaches(compared, target, target_inclusive, higher)] = MEETS
    codes[missing] = NOT_ASSESSABLE
    return codes


def inside(values: FloatArray, low: Bound | None, high: Bound | None) -> BoolArray:
    """Whether each value lies between the bounds (a missing bound is open)."""
    result = np.ones(values.shape, dtype=np.bool_)
    if low is not None:
        result &= reaches(values, low.value, low.inclusive, higher=True)
    if high is not None:
        result &= reaches(values, high.value, high.inclusive, higher=False)
    return result


def grade_band(compared: FloatArray, norm: Norm) -> CodeArray:
    """voldoet inside band_low..band_high, voldoet deels inside signal_low..signal_high,
    else voldoet niet. A missing signal bound falls back to the band bound on that side."""
    signal_low = norm.signal_low or norm.band_low
    signal_high = norm.signal_high or norm.band_high
    codes = np.full(compared.shape, DOES_NOT_MEET, dtype=np.int8)
    codes[inside(compared, signal_low, signal_high)] = PARTLY_MEETS
    codes[inside(compared, norm.band_low, norm.band_high)] = MEETS
    codes[np.isnan(compared)] = NOT_ASSESSABLE
    return codes


def grade(compared: FloatArray, norm: Norm, direction: Direction) -> CodeArray:
    """Hold numbers against a norm's own band or target/signal."""
    if norm.is_band:
        return grade_band(compared, norm)
    target = _required_target(norm)
    higher = is_higher_better(direction, norm)
    signal = norm.signal.value if norm.signal else None
    signal_inclusive = norm.signal.inclusive if norm.signal else True
    return grade_thresholds(
        compared, target.value, target.inclusive, signal, signal_inclusive, higher
    )


def norm_thresholds(norm: Norm, shape: tuple[int, ...]) -> tuple[FloatArray, FloatArray]:
    """Target and signal as arrays to report; NaN for a band or an absent signal."""
    if norm.is_band:
        return np.full(shape, np.nan), np.full(shape, np.nan)
    target = float(_required_target(norm).value)
    signal = float(norm.signal.value) if norm.signal else np.nan
    return np.full(shape, target, dtype=np.float64), np.full(shape, signal, dtype=np.float64)


def _required_target(norm: Norm) -> Bound:
    if norm.target is None:
        raise NormError(
            _("Norm '{norm}' heeft geen streefwaarde en geen band.").format(norm=norm.id)
        )
    return norm.target


# --- absoluut ----------------------------------------------------------------------------------


def judge_absolute_values(values: ArrayLike, norm: Norm, direction: Direction) -> Judged:
    """Absolute threshold or band on the raw (never rounded) values."""
    require_kind(norm, NormKind.ABSOLUTE)
    compared = as_floats(values)
    gaps = assign_gaps([(np.isnan(compared), Gap.NO_VALUE)], compared.shape)
    target, signal = norm_thresholds(norm, compared.shape)
    reference = np.full(compared.shape, np.nan)
    return judged(grade(compared, norm, direction), gaps, compared, target, signal, reference)


# --- nulmeting ---------------------------------------------------------------------------------


def baseline_change_pct(
    values: FloatArray, baselines: FloatArray, deflator: FloatArray
) -> FloatArray:
    """(value × deflator − baseline) / |baseline| × 100; for a positive baseline this is
    (value × deflator / baseline − 1) × 100. NaN where the baseline is 0."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        change = (values * deflator - baselines) / np.abs(baselines) * 100.0
    return np.where(baselines == 0, np.nan, change)


def judge_baseline_values(
    values: ArrayLike,
    baselines: ArrayLike,
    norm: Norm,
    direction: Direction,
    years: ArrayLike,
    baseline_year: ArrayLike,
    index_year: ArrayLike | None = None,
    index_baseline: ArrayLike | None = None,
) -> Judged:
    """Change in percent against the nulmeting, in constant prices when the norm names a price
    index: deflator = index[baseline_year] / index[year]. Years up to and including the
    baseline year are not judged by this norm."""
    require_kind(norm, NormKind.BASELINE)
    raw = [as_floats(values), as_floats(baselines), as_floats(years), as_floats(baseline_year)]
    uses_index = norm.price_index is not None
    index_now = as_floats(np.nan if index_year is None else index_year)
    index_then = as_floats(np.nan if index_baseline is None else index_baseline)
    value, baseline, year, start, index_now, index_then = np.broadcast_arrays(
        *raw, index_now, index_then
    )
    no_index = np.isnan(index_now) | np.isnan(index_then)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        deflator = index_then / index_now if uses_index else np.ones(value.shape)
    gaps = assign_gaps(
        [
            (~(year > start), Gap.BEFORE_NORM_START),
            (np.isnan(value), Gap.NO_VALUE),
            (np.isnan(baseline), Gap.NO_BASELINE),
            (baseline == 0, Gap.DIVISION_BY_ZERO),
            (no_index & uses_index, Gap.NO_PRICE_INDEX),
            (uses_index & (index_now == 0), Gap.DIVISION_BY_ZERO),
        ],
        value.shape,
    )
    change = baseline_change_pct(value, baseline, deflator)
    target, signal = norm_thresholds(norm, value.shape)
    codes = grade(change, norm, direction)
    return judged(codes, gaps, change, target, signal, np.array(baseline, dtype=np.float64))


# --- begroting ---------------------------------------------------------------------------------


def judge_budget_values(values: ArrayLike, budgets: ArrayLike, norm: Norm,
                        direction: Direction) -> Judged:
    """Deviation of the realisatie from the begroting of the same year, in percent of the
    budget: (realisatie - begroting) / |begroting| x 100, graded in the indicator's direction
    (lager_is_beter: an overrun above target % is not met). The budget is the reference."""
    require_kind(norm, NormKind.BUDGET)
    value, budget = np.broadcast_arrays(as_floats(values), as_floats(budgets))
    gaps = assign_gaps([(np.isnan(value), Gap.NO_VALUE), (np.isnan(budget), Gap.NO_BUDGET),
                        (budget == 0, Gap.DIVISION_BY_ZERO)], value.shape)
    deviation = baseline_change_pct(value, budget, np.ones(value.shape))
    target, signal = norm_thresholds(norm, value.shape)
    return judged(grade(deviation, norm, direction), gaps, deviation, target, signal,
                  np.array(budget, dtype=np.float64))


# --- trend -------------------------------------------------------------------------------------


def trend_improvement_pct(windows: FloatArray, higher: bool) -> FloatArray:
    """Least-squares slope per row over equally spaced years, divided by |mean of the row|,
    × 100; sign flipped when lower is better, so that positive always means improving."""
    points = windows.shape[-1]
    x = np.arange(points, dtype=np.float64) - (points - 1) / 2.0
    mean = windows.mean(axis=-1)
    slope = (windows * x).sum(axis=-1) / float((x * x).sum())
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        pct = slope / np.abs(mean) * 100.0
    pct = np.where(mean == 0, np.nan, pct)
    return np.asarray(pct if higher else -pct, dtype=np.float64)


def judge_trend_windows(windows: ArrayLike, norm: Norm, direction: Direction) -> Judged:
    """Rows are series of one subject, columns are consecutive years ending in the judged year.
    The last norm.years + 1 columns are used; fewer columns, or any missing point, cannot be
    judged (a missing judged year is NO_VALUE, a missing earlier year TOO_FEW_YEARS)."""
    require_kind(norm, NormKind.TREND)
    higher = is_higher_better(direction, norm)
    if norm.years < 1:
        raise NormError(
            _("Norm '{norm}' heeft 'years' = {years}; een trend vraagt minstens 1 jaar.").format(
                norm=norm.id, years=norm.years
            )
        )
    series = np.atleast_2d(as_floats(windows))
    rows = series.shape[:-1]
    window = series[..., -(norm.years + 1):]
    complete = series.shape[-1] >= norm.years + 1
    last_missing = np.ones(rows, dtype=np.bool_)
    if series.shape[-1]:
        last_missing = np.asarray(np.isnan(series[..., -1]), dtype=np.bool_)
    if complete:
        any_missing = np.asarray(np.isnan(window).any(axis=-1), dtype=np.bool_)
        improvement = trend_improvement_pct(window, higher)
        reference = window[..., 0]
    else:
        any_missing = np.ones(rows, dtype=np.bool_)
        improvement = np.full(rows, np.nan)
        reference = np.full(rows, np.nan)
    gaps = assign_gaps(
        [
            (last_missing, Gap.NO_VALUE),
            (any_missing, Gap.TOO_FEW_YEARS),
            (np.isnan(improvement), Gap.DIVISION_BY_ZERO),
        ],
        rows,
    )
    target, signal = norm_thresholds(norm, rows)
    # The improvement is already signed so that positive means better: compare upwards.
    codes = grade(improvement, norm, Direction.HIGHER_IS_BETTER)
    return judged(codes, gaps, improvement, target, signal, np.array(reference))


def judge_trend_matrix(values: ArrayLike, norm: Norm, direction: Direction) -> Judged:
    """Rows = subjects, columns = consecutive years. Judges every column with the window that
    ends there; columns without norm.years earlier columns get TOO_FEW_YEARS."""
    matrix = np.atleast_2d(as_floats(values))
    points = norm.years + 1
    subjects, years = matrix.shape
    padded = np.concatenate([np.full((subjects, max(points - 1, 0)), np.nan), matrix], axis=1)
    windows = np.lib.stride_tricks.sliding_window_view(padded, max(points, 1), axis=1)
    return judge_trend_windows(windows, norm, direction)


# --- kwalitatief -------------------------------------------------------------------------------

_SCALE_CODES = {
    Verdict.MEETS: MEETS,
    Verdict.PARTLY_MEETS: PARTLY_MEETS,
    Verdict.DOES_NOT_MEET: DOES_NOT_MEET,
    Verdict.NOT_ASSESSABLE: NOT_ASSESSABLE,
}
_UNKNOWN = -2


def scale_key(value: object) -> str | None:
    """The text of a scale value for lookup: stripped and case-folded; a whole number given as
    a float (3.0 from a spreadsheet) becomes "3". None, NaN and empty text are missing."""
    if value is None:
        return None
    if isinstance(value, float | np.floating):
        if np.isnan(value):
            return None
        if float(value).is_integer():
            return str(int(value))
    key = str(value).strip().casefold()
    return key or None


def judge_qualitative_values(scale_values: ArrayLike, norm: Norm) -> Judged:
    """Each scale value maps to the verdict norm.scale gives it."""
    require_kind(norm, NormKind.QUALITATIVE)
    if not norm.scale:
        raise NormError(_("Norm '{norm}' heeft geen schaal.").format(norm=norm.id))
    lookup = {scale_key(point): _SCALE_CODES[verdict] for point, verdict in norm.scale}
    items = np.asarray(scale_values, dtype=object)
    keys = [scale_key(v) for v in items.ravel()]
    found = np.array([lookup.get(k, _UNKNOWN) if k else _UNKNOWN for k in keys], dtype=np.int8)
    missing = np.array([k is None for k in keys], dtype=np.bool_).reshape(items.shape)
    found = found.reshape(items.shape)
    gaps = assign_gaps(
        [(missing, Gap.NO_VALUE), (np.asarray(found == _UNKNOWN), Gap.UNKNOWN_SCALE_VALUE)],
        items.shape,
    )
    nan = np.full(items.shape, np.nan)
    return judged(found, gaps, nan, nan, nan, nan)
