"""Plain-language explanations of findings, made from their structured facts at the edge.

Every explanation names the value, the baseline, the norm (kind, target, signal) and its source,
and the rule applied; a finding that cannot be judged names its gap.
"""

from __future__ import annotations

from babel.numbers import format_decimal

from samenwerkingsmonitor.domain.assessment import Finding, Gap
from samenwerkingsmonitor.domain.framework import Direction, Indicator
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.i18n import _, current_language


def verdict_label(verdict: Verdict | str) -> str:
    labels = {
        Verdict.VOLDOET: _("voldoet"),
        Verdict.VOLDOET_DEELS: _("voldoet deels"),
        Verdict.VOLDOET_NIET: _("voldoet niet"),
        Verdict.NIET_TE_BEOORDELEN: _("niet te beoordelen"),
    }
    return labels[Verdict(verdict)]


def unit_label(unit: str) -> str:
    labels = {
        "eur": "€", "pct": "%", "fte": "fte", "fte_per_1000": _("fte per 1.000 inwoners"),
        "eur_per_inwoner": _("€ per inwoner"), "aantal": "", "dagen": _("dagen"),
        "uren": _("uren"), "score_1_5": _("(schaal 1-5)"), "score_1_10": _("(schaal 1-10)"),
        "index": "", "jaren": _("jaar"), "ja_nee": "",
    }
    return labels.get(unit, unit)


def number(value: float | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    locale = "nl_NL" if current_language() == "nl" else "en_GB"
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=locale)


def quantity(value: float | None, unit: str, decimals: int = 1) -> str:
    label = unit_label(unit)
    if unit == "eur" and value is not None:
        return f"€ {number(value, decimals)}"
    if unit == "eur_per_inwoner" and value is not None:
        return _("€ {amount} per inwoner").format(amount=number(value, decimals))
    return f"{number(value, decimals)} {label}".strip()


def gap_text(gap: str) -> str:
    texts = {
        Gap.NO_VALUE: _("er is geen waarde aangeleverd"),
        Gap.NO_BASELINE: _("er is geen nulmeting"),
        Gap.MISSING_INPUT: _("invoer ontbreekt"),
        Gap.DIVISION_BY_ZERO: _("de formule deelt door nul"),
        Gap.TOO_FEW_PEERS: _("te weinig vergelijkbare gemeenten met een waarde"),
        Gap.TOO_FEW_YEARS: _("te weinig jaren met een waarde voor een trend"),
        Gap.NO_PRICE_INDEX: _("de prijsindex ontbreekt voor een van de jaren"),
        Gap.NOT_COMPARABLE: _("de waarde is gemarkeerd als niet vergelijkbaar"),
        Gap.UNKNOWN_SCALE_VALUE: _("de waarde staat niet op de schaal van de norm"),
        Gap.NO_NORM: _("het kader bevat (nog) geen norm voor deze indicator"),
        Gap.BEFORE_NORM_START: _("de norm geldt pas na het jaar van de nulmeting"),
    }
    return texts.get(Gap(gap), gap)


def _comparison(direction: Direction, inclusive: bool) -> str:
    if direction is Direction.LOWER_IS_BETTER:
        return "≤" if inclusive else "<"
    return "≥" if inclusive else ">"


def explain(finding: Finding, indicator: Indicator) -> str:
    """One or two sentences that a council member can follow."""
    value = (
        finding.scale_value if finding.scale_value is not None
        else quantity(finding.value, finding.unit, indicator.decimals)
    )
    head = _("{indicator} in {year}: {value}.").format(
        indicator=indicator.name, year=finding.year, value=value
    )
    if finding.gap:
        body = _("Niet te beoordelen: {gap}").format(gap=gap_text(finding.gap))
        missing = dict(finding.detail).get("ontbrekende_invoer")
        if missing:
            body += f" ({missing})"
        return f"{head} {body}."
    return f"{head} {_norm_sentence(finding, indicator)} " + _(
        "Oordeel: {verdict} (regel: {rule}; bron van de norm: {source})."
    ).format(verdict=verdict_label(finding.verdict), rule=finding.rule, source=finding.norm_source)


def _norm_sentence(finding: Finding, indicator: Indicator) -> str:
    kind = finding.norm_kind
    direction = indicator.direction
    target_op = _comparison(direction, finding.target_inclusive)
    signal_op = _comparison(direction, finding.signal_inclusive)
    decimals = indicator.decimals
    if kind == "kwalitatief":
        return _("De norm koppelt elk antwoord op de schaal aan een oordeel.")
    if kind == "nulmeting":
        return _(
            "Nulmeting {baseline_year}: {baseline}; verandering {change} %{prices}. "
            "Streef {target_op} {target} %, signaal {signal_op} {signal} %."
        ).format(
            baseline_year=finding.baseline_year,
            baseline=quantity(finding.baseline_value, finding.unit, decimals),
            change=number(finding.compared, 1),
            prices=_(" in constante prijzen") if dict(finding.detail).get("prijsindex") else "",
            target_op=target_op, target=number(finding.target, 1),
            signal_op=signal_op, signal=number(finding.signal, 1),
        )
    if kind == "vergelijkingsgroep":
        return _(
            "Vergelijkingsgroep: streefwaarde {target_op} {target}, signaalwaarde {signal_op} "
            "{signal} (percentielen van vergelijkbare gemeenten)."
        ).format(
            target_op=target_op, target=number(finding.target, decimals),
            signal_op=signal_op, signal=number(finding.signal, decimals),
        )
    if kind == "trend":
        return _(
            "Verbetering {change} % per jaar; streef {target_op} {target} %, signaal "
            "{signal_op} {signal} % per jaar."
        ).format(
            change=number(finding.compared, 1), target_op="≥", target=number(finding.target, 1),
            signal_op="≥", signal=number(finding.signal, 1),
        )
    band = dict(finding.detail).get("band")
    if band:
        return _("Streefband {band}, signaalband {signal_band}.").format(
            band=band, signal_band=dict(finding.detail).get("signaalband", "")
        )
    return _("Streefwaarde {target_op} {target}, signaalwaarde {signal_op} {signal}.").format(
        target_op=target_op, target=number(finding.target, decimals),
        signal_op=signal_op, signal=number(finding.signal, decimals),
    )
