"""Norms in words for the report: targets and signals as a council member reads them.

The texts come from the norm in the framework version the run used; for a peer-group norm the
finding adds the percentile values the run computed.
"""

from __future__ import annotations

from dataclasses import replace

from samenwerkingsmonitor.domain.assessment import Finding
from samenwerkingsmonitor.domain.framework import (
    Bound,
    Direction,
    Framework,
    Indicator,
    Norm,
    NormKind,
)
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.i18n import _, number
from samenwerkingsmonitor.services.assessment.explain import quantity, verdict_label
from samenwerkingsmonitor.services.report.labels import norm_kind_label, source_kind_label
from samenwerkingsmonitor.services.report.model import NormEntry


def _operator(direction: Direction, inclusive: bool) -> str:
    if direction is Direction.LOWER_IS_BETTER:
        return "≤" if inclusive else "<"
    return "≥" if inclusive else ">"


def _threshold(bound: Bound | None, direction: Direction, unit: str, decimals: int) -> str:
    if bound is None:
        return "–"
    return f"{_operator(direction, bound.inclusive)} {quantity(bound.value, unit, decimals)}"


def band_text(low: Bound | None, high: Bound | None, unit: str, decimals: int) -> str:
    """`7,0–12,0 %`, or one side only (`≥ 7,0 %`); a bound that does not count is marked."""
    if low is None:
        if high is None:
            return "–"
        return f"{'≤' if high.inclusive else '<'} {quantity(high.value, unit, decimals)}"
    if high is None:
        return f"{'≥' if low.inclusive else '>'} {quantity(low.value, unit, decimals)}"
    text = f"{number(low.value, decimals)}–{quantity(high.value, unit, decimals)}"
    excluded = [number(b.value, decimals) for b in (low, high) if not b.inclusive]
    if excluded:
        text += " " + _("({values} niet inbegrepen)").format(values=" en ".join(excluded))
    return text


def _percent(bound: Bound | None, direction: Direction) -> str:
    if bound is None:
        return "–"
    return f"{_operator(direction, bound.inclusive)} {number(bound.value, 1)} %"


def _percentile(bound: Bound | None, direction: Direction) -> str:
    if bound is None:
        return "–"
    return _("{operator} percentiel {value}").format(
        operator=_operator(direction, bound.inclusive), value=number(bound.value, 0))


def _scale_values(norm: Norm, verdicts: tuple[Verdict, ...]) -> str:
    values = [value for value, verdict in norm.scale if verdict in verdicts]
    return ", ".join(values) if values else "–"


def norm_bounds(norm: Norm, indicator: Indicator) -> tuple[str, str]:
    """(target, signal) of a norm as text, for the table of norms."""
    unit, decimals, direction = indicator.unit, indicator.decimals, indicator.direction
    if norm.kind is NormKind.QUALITATIVE:
        return (_scale_values(norm, (Verdict.MEETS,)),
                _scale_values(norm, (Verdict.DOES_NOT_MEET,)))
    if norm.kind is NormKind.ABSOLUTE and norm.is_band:
        signal_low = norm.signal_low or norm.band_low
        signal_high = norm.signal_high or norm.band_high
        return (band_text(norm.band_low, norm.band_high, unit, decimals),
                band_text(signal_low, signal_high, unit, decimals))
    if norm.kind is NormKind.ABSOLUTE:
        return (_threshold(norm.target, direction, unit, decimals),
                _threshold(norm.signal, direction, unit, decimals))
    if norm.kind is NormKind.BASELINE:
        change = _("verandering {bound} ten opzichte van de nulmeting")
        return (change.format(bound=_percent(norm.target, direction)),
                change.format(bound=_percent(norm.signal, direction)))
    if norm.kind is NormKind.PEER:
        return _percentile(norm.target, direction), _percentile(norm.signal, direction)
    if norm.kind is NormKind.BUDGET:
        deviation = _("realisatie {bound} afwijking van de begroting")
        return (deviation.format(bound=_percent(norm.target, direction)),
                deviation.format(bound=_percent(norm.signal, direction)))
    per_year = _("verbetering {bound} per jaar over {years} jaar")
    return (per_year.format(bound=_percent(norm.target, Direction.HIGHER_IS_BETTER),
                            years=norm.years),
            per_year.format(bound=_percent(norm.signal, Direction.HIGHER_IS_BETTER),
                            years=norm.years))


def finding_norm_text(finding: Finding, norm: Norm | None, indicator: Indicator) -> str:
    """The norm as it applied to this finding; a peer norm shows the computed values."""
    if norm is None:
        return _("geen norm")
    if norm.kind is NormKind.PEER and finding.target is not None:
        op = _operator(indicator.direction, True)
        return _("streef {op} {target}, signaal {op} {signal} (vergelijkingsgroep)").format(
            op=op, target=quantity(finding.target, finding.unit, indicator.decimals),
            signal=quantity(finding.signal, finding.unit, indicator.decimals))
    target, signal = norm_bounds(norm, indicator)
    return _("streef {target}; signaal {signal}").format(target=target, signal=signal)


def with_band_detail(finding: Finding, norm: Norm | None, indicator: Indicator) -> Finding:
    """A band norm's bounds for explain(), formatted for readers, from the norm of the framework
    version the run used (the stored finding keeps them in exact interval notation)."""
    if norm is None or not norm.is_band:
        return finding
    target, signal = norm_bounds(norm, indicator)
    # The stored interval notation ("[7.0, 12.0]") is exact; the report shows Dutch numbers.
    kept = tuple(item for item in finding.detail if item[0] not in ("band", "signaalband"))
    return replace(finding, detail=kept + (("band", target), ("signaalband", signal)))


def norm_entries(framework: Framework, used: set[str]) -> tuple[NormEntry, ...]:
    """Every norm of the framework, in framework order; `applied` marks those the run used."""
    entries = []
    for norm in framework.norms:
        indicator = framework.indicator(norm.indicator)
        if indicator is None:
            continue
        criterion = framework.criterion(indicator.criterion or "")
        target, signal = norm_bounds(norm, indicator)
        entries.append(NormEntry(
            norm_id=norm.id, indicator=indicator.name,
            criterion=criterion.name if criterion else "–",
            kind=norm_kind_label(norm.kind), target=target, signal=signal,
            source_kind=source_kind_label(norm.source.kind), source=norm.source.reference,
            owner=norm.source.owner, example=norm.source.example,
            description=norm.description or _scale_description(norm),
            applied=norm.id in used,
        ))
    return tuple(entries)


def _scale_description(norm: Norm) -> str:
    if not norm.scale:
        return ""
    return "; ".join(f"{value}: {verdict_label(verdict)}" for value, verdict in norm.scale)
