"""Array codes for verdicts and gaps, and the result every norm kernel returns.

Kernels work on numpy arrays of all subjects × years at once; they cannot hold enum members,
so a verdict is an int8 code (its roll-up score, -1 for niet te beoordelen) and a gap is an int8
index into `GAP_CODES` (0 = no gap). See docs/adr/0005-norm-semantics.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from samenwerkingsmonitor.domain.assessment import Gap, NormOutcome
from samenwerkingsmonitor.domain.framework import Bound, Direction, Norm
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.errors import NormError
from samenwerkingsmonitor.i18n import _

FloatArray = NDArray[np.float64]
CodeArray = NDArray[np.int8]
BoolArray = NDArray[np.bool_]

MEETS: Final = 2
PARTLY_MEETS: Final = 1
DOES_NOT_MEET: Final = 0
NOT_ASSESSABLE: Final = -1
"""Verdict codes in arrays: the roll-up score, and -1 for not assessable."""

_VERDICT_BY_CODE: Final[dict[int, Verdict]] = {
    MEETS: Verdict.MEETS,
    PARTLY_MEETS: Verdict.PARTLY_MEETS,
    DOES_NOT_MEET: Verdict.DOES_NOT_MEET,
    NOT_ASSESSABLE: Verdict.NOT_ASSESSABLE,
}
_CODE_BY_VERDICT: Final[dict[Verdict, int]] = {v: c for c, v in _VERDICT_BY_CODE.items()}

NO_GAP: Final = 0
GAP_CODES: Final[tuple[Gap, ...]] = tuple(Gap)
"""Gap code k (k >= 1) is GAP_CODES[k - 1]; code 0 means no gap."""


def verdict_from_code(code: int) -> Verdict:
    """The verdict of an array code (2, 1, 0 or -1)."""
    return _VERDICT_BY_CODE[int(code)]


def code_from_verdict(verdict: Verdict) -> int:
    return _CODE_BY_VERDICT[verdict]


def verdicts_from_codes(codes: CodeArray) -> list[Verdict]:
    return [_VERDICT_BY_CODE[int(c)] for c in codes.ravel()]


def gap_code(gap: Gap) -> int:
    return GAP_CODES.index(gap) + 1


def gap_from_code(code: int) -> Gap | None:
    return None if int(code) == NO_GAP else GAP_CODES[int(code) - 1]


@dataclass(frozen=True, slots=True)
class Judged:
    """What a kernel returns: arrays of one shape, one element per judged case.

    `compared` is the number held against the thresholds (the value, the change in percent,
    the improvement per year); NaN where the case was not judged. `target` and `signal` are the
    thresholds applied (NaN for a band, or where a peer threshold could not be computed).
    `reference` is the baseline value, the peer median or the first point of a trend.
    """

    codes: CodeArray
    gaps: CodeArray
    compared: FloatArray
    target: FloatArray
    signal: FloatArray
    reference: FloatArray

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self.codes.shape)


def assign_gaps(checks: list[tuple[BoolArray, Gap]], shape: tuple[int, ...]) -> CodeArray:
    """Gap codes; where several checks hold, the first one in the list wins."""
    gaps = np.zeros(shape, dtype=np.int8)
    for mask, gap in reversed(checks):
        gaps[mask] = gap_code(gap)
    return gaps


def judged(
    codes: CodeArray,
    gaps: CodeArray,
    compared: FloatArray,
    target: FloatArray,
    signal: FloatArray,
    reference: FloatArray,
) -> Judged:
    """Build a result in which every case with a gap is not assessable and compares nothing."""
    has_gap = gaps != NO_GAP
    codes = np.where(has_gap, np.int8(NOT_ASSESSABLE), codes).astype(np.int8)
    compared = np.where(has_gap, np.nan, compared)
    return Judged(codes, gaps, compared, target, signal, reference)


def outcome_at(
    result: Judged,
    index: int | tuple[int, ...],
    norm: Norm,
    detail: tuple[tuple[str, str], ...] = (),
) -> NormOutcome:
    """The NormOutcome of one element of a kernel result (used by the scalar wrappers)."""
    return NormOutcome(
        verdict=verdict_from_code(int(result.codes[index])),
        compared=_optional(result.compared[index]),
        target=_optional(result.target[index]),
        signal=_optional(result.signal[index]),
        target_inclusive=norm.target.inclusive if norm.target else True,
        signal_inclusive=norm.signal.inclusive if norm.signal else True,
        reference=_optional(result.reference[index]),
        gap=gap_from_code(int(result.gaps[index])),
        detail=band_detail(norm) + detail,
    )


def band_detail(norm: Norm) -> tuple[tuple[str, str], ...]:
    """A band has four bounds that do not fit target/signal; they go in the detail as intervals,
    e.g. ("band", "[5.0, 7.5)") with [ ] for an inclusive and ( ) for an exclusive bound."""
    if not norm.is_band:
        return ()
    band = interval(norm.band_low, norm.band_high)
    signal_low = norm.signal_low or norm.band_low
    signal_high = norm.signal_high or norm.band_high
    return (("band", band), ("signaalband", interval(signal_low, signal_high)))


def interval(low: Bound | None, high: Bound | None) -> str:
    left = "(-inf" if low is None else ("[" if low.inclusive else "(") + repr(float(low.value))
    right = "inf)" if high is None else repr(float(high.value)) + ("]" if high.inclusive else ")")
    return f"{left}, {right}"


def is_higher_better(direction: Direction, norm: Norm) -> bool:
    """A threshold needs a direction; a neutral indicator can only carry a band."""
    if direction is Direction.NEUTRAL:
        raise NormError(
            _(
                "Norm '{norm}' heeft een streef- of signaalwaarde, maar de indicator heeft "
                "richting 'neutraal'. Geef de indicator een richting of gebruik een band."
            ).format(norm=norm.id)
        )
    return direction is Direction.HIGHER_IS_BETTER


def require_kind(norm: Norm, *kinds: str) -> None:
    if norm.kind not in kinds:
        raise NormError(
            _("Norm '{norm}' is van soort '{kind}'; deze berekening is voor '{expected}'.").format(
                norm=norm.id, kind=norm.kind.value, expected="', '".join(kinds)
            )
        )


def _optional(value: np.floating | float) -> float | None:
    number = float(value)
    return None if np.isnan(number) else number
