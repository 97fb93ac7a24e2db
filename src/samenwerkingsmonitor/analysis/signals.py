"""Signals: what a reader should look at before a norm is crossed, or right after.

Four kinds, each pointing at one finding (subject, indicator, year, norm):
- `norm_overschreden`: the verdict of the same finding moved across a norm since the previous
  run (voldoet ↔ voldoet deels ↔ voldoet niet);
- `jaren_slechter`: the value got worse N years in a row (N from the framework) while the
  finding still meets its norm (voldoet or voldoet deels);
- `sprong`: the value of the run's last year lies more than the framework's tolerance away from
  the straight trend of the three years before it (a trend that predicts zero or less says
  nothing about a quantity that cannot be negative, so it gives no signal);
- `gat`: a data gap blocks the verdict of the run's last year.
Pure computation on stored findings; no I/O, no randomness.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from samenwerkingsmonitor.domain.assessment import Finding
from samenwerkingsmonitor.domain.framework import Direction, Framework
from samenwerkingsmonitor.domain.judgements import finding_key
from samenwerkingsmonitor.domain.verdicts import Verdict

JUDGED = (Verdict.MEETS, Verdict.PARTLY_MEETS, Verdict.DOES_NOT_MEET)
RANK = {Verdict.MEETS: 2, Verdict.PARTLY_MEETS: 1, Verdict.DOES_NOT_MEET: 0}
TREND_YEARS = 3  # years before a value that a trend is drawn through


class SignalKind(StrEnum):
    NORM_CROSSED = "norm_overschreden"
    WORSE_YEARS = "jaren_slechter"
    JUMP = "sprong"
    GAP = "gat"


@dataclass(frozen=True, slots=True)
class Signal:
    kind: SignalKind
    finding: str  # finding_key of the finding it points at
    subject: str
    indicator: str
    year: int
    norm: str | None
    verdict: Verdict  # the finding's verdict in this run
    before: Verdict | None = None  # NORM_CROSSED: the verdict in the previous run
    worse: bool = False  # NORM_CROSSED: towards voldoet niet
    years: tuple[int, ...] = ()  # WORSE_YEARS, JUMP: the years the signal looked at
    values: tuple[float, ...] = ()  # their values
    expected: float | None = None  # JUMP: the value the trend gave
    deviation_pct: float | None = None  # JUMP: how far off, in % of `expected`
    gap: str | None = None  # GAP: why no verdict


def _series(findings: Iterable[Finding]) -> dict[tuple[str, str, str | None], list[Finding]]:
    series: dict[tuple[str, str, str | None], list[Finding]] = defaultdict(list)
    for f in findings:
        series[f.subject, f.indicator, f.norm].append(f)
    for items in series.values():
        items.sort(key=lambda f: f.year)
    return series


def compute_signals(findings: Sequence[Finding], framework: Framework, last_year: int,
                    previous: Sequence[Finding] = ()) -> list[Signal]:
    signals = [*_crossed(findings, previous), *_gaps(findings, last_year)]
    directions = {i.id: i.direction for i in framework.indicators}
    for items in _series(findings).values():
        direction = directions.get(items[0].indicator, Direction.NEUTRAL)
        signals.extend(_worse_years(items, direction, framework.signals.worse_years))
        signals.extend(_jumps(items, framework.signals.jump_tolerance_pct, last_year))
    order = list(SignalKind)
    return sorted(signals, key=lambda s: (order.index(s.kind), s.subject, s.indicator, s.year,
                                          s.norm or ""))


def _signal(kind: SignalKind, f: Finding, **facts: object) -> Signal:
    return Signal(kind, finding_key(f.subject, f.indicator, f.year, f.norm), f.subject,
                  f.indicator, f.year, f.norm, f.verdict, **facts)  # type: ignore[arg-type]


def _crossed(findings: Sequence[Finding], previous: Sequence[Finding]) -> list[Signal]:
    before = {(f.subject, f.indicator, f.year, f.norm): f.verdict for f in previous}
    found = []
    for f in findings:
        old = before.get((f.subject, f.indicator, f.year, f.norm))
        if old in JUDGED and f.verdict in JUDGED and old != f.verdict:
            assert old is not None
            found.append(_signal(SignalKind.NORM_CROSSED, f, before=old,
                                 worse=RANK[f.verdict] < RANK[old]))
    return found


def _gaps(findings: Sequence[Finding], last_year: int) -> list[Signal]:
    return [_signal(SignalKind.GAP, f, gap=f.gap) for f in findings
            if f.year == last_year and f.verdict is Verdict.NOT_ASSESSABLE]


def _numbers(items: Sequence[Finding]) -> list[tuple[int, float]]:
    return [(f.year, f.value) for f in items if f.value is not None]


def _worse_years(items: Sequence[Finding], direction: Direction, years: int) -> list[Signal]:
    """Each step of the last `years` got worse, and the last finding still meets its norm."""
    if direction is Direction.NEUTRAL:
        return []
    last = items[-1]
    if last.verdict not in (Verdict.MEETS, Verdict.PARTLY_MEETS) or last.value is None:
        return []
    points = _numbers(items)
    tail = points[-(years + 1):]
    if len(tail) < years + 1 or tail[-1][0] != last.year:
        return []
    if any(b[0] - a[0] != 1 for a, b in zip(tail, tail[1:], strict=False)):
        return []  # a missing year breaks "in a row"
    sign = 1 if direction is Direction.HIGHER_IS_BETTER else -1
    if all(sign * (b[1] - a[1]) < 0 for a, b in zip(tail, tail[1:], strict=False)):
        return [_signal(SignalKind.WORSE_YEARS, last, years=tuple(y for y, _v in tail),
                        values=tuple(v for _y, v in tail))]
    return []


def _jumps(items: Sequence[Finding], tolerance_pct: float, last_year: int) -> list[Signal]:
    """The last year, when its value is further than the tolerance from the line through the
    TREND_YEARS values before it (least squares)."""
    points = _numbers(items)
    by_year = {f.year: f for f in items}
    found = []
    for position in range(TREND_YEARS, len(points)):
        window = points[position - TREND_YEARS:position]
        year, value = points[position]
        expected = _line_at(window, year)
        if year != last_year or expected <= 0:
            continue
        deviation = abs(value - expected) / abs(expected) * 100
        if deviation > tolerance_pct:
            found.append(_signal(SignalKind.JUMP, by_year[year],
                                 years=(*(y for y, _v in window), year),
                                 values=(*(v for _y, v in window), value),
                                 expected=expected, deviation_pct=deviation))
    return found


def _line_at(points: Sequence[tuple[int, float]], year: int) -> float:
    n = len(points)
    mean_x = sum(x for x, _y in points) / n
    mean_y = sum(y for _x, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _y in points)
    slope = 0.0 if spread == 0 else sum(
        (x - mean_x) * (y - mean_y) for x, y in points) / spread
    return mean_y + slope * (year - mean_x)
