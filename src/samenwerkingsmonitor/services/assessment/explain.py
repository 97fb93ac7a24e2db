"""Plain-language explanations of findings, made from their structured facts at the edge.

Every explanation names the value, the baseline, the norm (kind, target, signal) and its source,
and the rule applied; a finding that cannot be judged names its gap.
"""

from __future__ import annotations

from samenwerkingsmonitor.domain.assessment import DetailKey, Finding, Gap
from samenwerkingsmonitor.domain.framework import Direction, Indicator
from samenwerkingsmonitor.domain.measurements import BaselineStatus
from samenwerkingsmonitor.i18n import _, number
from samenwerkingsmonitor.services.assessment.code_words import (  # noqa: F401  (verdict_label re-exported)
    baseline_status_label,
    norm_kind_label,
    quality_label,
    verdict_label,
)


def unit_label(unit: str) -> str:
    labels = {
        "eur": "€", "pct": "%", "fte": "fte", "fte_per_1000": _("fte per 1.000 inwoners"),
        "eur_per_inwoner": _("€ per inwoner"), "aantal": "", "dagen": _("dagen"),
        "uren": _("uren"), "score_1_5": _("(schaal 1-5)"), "score_1_10": _("(schaal 1-10)"),
        "index": "", "jaren": _("jaar"), "ja_nee": "",
    }
    return labels.get(unit, unit)


def quantity(value: float | None, unit: str, decimals: int = 1) -> str:
    if value is None:
        return "–"
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
        Gap.NO_BUDGET: _("er is geen begroting voor dit jaar aangeleverd"),
    }
    return texts.get(Gap(gap), gap)


def _comparison(direction: Direction, inclusive: bool) -> str:
    if direction is Direction.LOWER_IS_BETTER:
        return "≤" if inclusive else "<"
    return "≥" if inclusive else ">"


def explain(finding: Finding, indicator: Indicator) -> str:
    """Sentences a council member can follow: value, norm, baseline, data quality, verdict,
    the rule applied and the source of the norm."""
    value = (
        finding.scale_value if finding.scale_value is not None
        else quantity(finding.value, finding.unit, indicator.decimals)
    )
    head = _("{indicator} in {year}: {value}.").format(
        indicator=indicator.name, year=finding.year, value=value
    )
    facts = dict(finding.detail)
    if finding.gap:
        body = _("Niet te beoordelen: {gap}").format(gap=gap_text(finding.gap))
        missing = facts.get(DetailKey.MISSING_INPUTS)
        if missing:
            body += f" ({missing})"
        return " ".join(part for part in (f"{head} {body}.", _quality_sentence(finding)) if part)
    source = finding.norm_source
    if facts.get(DetailKey.EXAMPLE_NORM):
        source = _("{source}; voorbeeldnorm, de raad stelt de waarde vast").format(source=source)
    verdict = _("Oordeel: {verdict} (regel: {rule}; bron van de norm: {source}).").format(
        verdict=verdict_label(finding.verdict), rule=rule_words(finding.rule), source=source)
    parts = (head, _norm_sentence(finding, indicator), _peer_sentence(facts),
             _baseline_sentence(finding, indicator), _quality_sentence(finding), verdict)
    return " ".join(part for part in parts if part)


def rule_words(rule: str) -> str:
    """`absoluut/lager_is_beter` as words: the kind of norm and the direction."""
    kind, _sep, direction = rule.partition("/")
    directions = {
        Direction.HIGHER_IS_BETTER.value: _("hoger is beter"),
        Direction.LOWER_IS_BETTER.value: _("lager is beter"),
        Direction.NEUTRAL.value: _("binnen een band"),
    }
    try:
        words = norm_kind_label(kind)
    except ValueError:
        return rule
    return f"{words}, {directions[direction]}" if direction in directions else words


def _baseline_sentence(finding: Finding, indicator: Indicator) -> str:
    """The baseline for every norm kind (the nulmeting norm states it in its own sentence)."""
    if finding.baseline_year is None or finding.norm_kind == "nulmeting":
        return ""
    if finding.year == finding.baseline_year:
        return _("Dit is het jaar van de nulmeting ({status}).").format(
            status=baseline_status_label(finding.baseline_status))
    if finding.baseline_value is None:
        if finding.baseline_status is not BaselineStatus.MISSING:  # a scale answer: no number
            return _("Nulmeting {year}: {status}.").format(
                year=finding.baseline_year,
                status=baseline_status_label(finding.baseline_status))
        return _("Nulmeting {year}: ontbreekt.").format(year=finding.baseline_year)
    return _("Nulmeting {year}: {value} ({status}).").format(
        year=finding.baseline_year,
        value=quantity(finding.baseline_value, finding.unit, indicator.decimals),
        status=baseline_status_label(finding.baseline_status))


def _peer_sentence(facts: dict[str, str]) -> str:
    group, size_class = facts.get(DetailKey.PEER_GROUP), facts.get(DetailKey.SIZE_CLASS)
    if size_class:
        text = _("Vergeleken met {count} gemeenten in dezelfde inwonersklasse van het CBS "
                 "({size_class}).").format(count=facts.get(DetailKey.PEER_COUNT, "?"),
                                          size_class=size_class)
    elif group:
        text = _("Vergeleken met {count} gemeenten uit groep '{group}'.").format(
            count=facts.get(DetailKey.PEER_COUNT, "?"), group=group)
    else:
        return ""
    left_out = facts.get(DetailKey.LEFT_OUT_NOT_COMPARABLE)
    if left_out:
        text += " " + _("Niet meegeteld omdat hun waarde niet vergelijkbaar is: {codes}.").format(
            codes=left_out)
    return text


def _quality_sentence(finding: Finding) -> str:
    if not finding.labels:
        return ""
    return _("Datakwaliteit: {labels}.").format(
        labels=", ".join(quality_label(label) for label in finding.labels))


def _budget_sentence(finding: Finding, indicator: Indicator, target_op: str,
                     signal_op: str) -> str:
    """Realisatie against begroting: the budget, the deviation in % and in the unit (euros)."""
    facts = dict(finding.detail)
    budget = finding.reference
    change = None if finding.value is None or budget is None else finding.value - budget
    sign = "+" if change is not None and change > 0 else "−" if change else ""
    template = (_("Begroting na wijziging {budget}; afwijking {sign}{amount} ({sign}{percent} "
                  "%).") if facts.get(DetailKey.AMENDED_BUDGET) else
                _("Begroting {budget}; afwijking {sign}{amount} ({sign}{percent} %)."))
    text = template.format(
        budget=quantity(budget, finding.unit, indicator.decimals), sign=sign,
        amount=quantity(abs(change) if change is not None else None, finding.unit,
                        indicator.decimals),
        percent=number(abs(finding.compared) if finding.compared is not None else None, 1))
    primitive = facts.get(DetailKey.PRIMITIVE_BUDGET)
    if primitive and finding.value is not None and float(primitive):
        first = float(primitive)
        change = finding.value - first
        sign = "+" if change > 0 else "−" if change else ""
        text += " " + _("Primitieve begroting {budget}; afwijking {sign}{amount} ({sign}"
                        "{percent} %).").format(
            budget=quantity(first, finding.unit, indicator.decimals), sign=sign,
            amount=quantity(abs(change), finding.unit, indicator.decimals),
            percent=number(abs(change) / abs(first) * 100, 1))
    return text + " " + _("Streef {target_op} {target} %, signaal {signal_op} {signal} % "
                          "afwijking.").format(target_op=target_op,
                                              target=number(finding.target, 1),
                                              signal_op=signal_op,
                                              signal=number(finding.signal, 1))


def _norm_sentence(finding: Finding, indicator: Indicator) -> str:
    kind = finding.norm_kind
    direction = indicator.direction
    target_op = _comparison(direction, finding.target_inclusive)
    signal_op = _comparison(direction, finding.signal_inclusive)
    decimals = indicator.decimals
    if kind == "kwalitatief":
        return _("Volgens de schaal van de norm geeft het antwoord '{answer}' het oordeel "
                 "'{verdict}'.").format(answer=finding.scale_value or number(finding.value, 0),
                                        verdict=verdict_label(finding.verdict))
    if kind == "nulmeting":
        return _(
            "Nulmeting {baseline_year}: {baseline}; verandering {change} %{prices}. "
            "Streef {target_op} {target} %, signaal {signal_op} {signal} %."
        ).format(
            baseline_year=finding.baseline_year,
            baseline=quantity(finding.baseline_value, finding.unit, decimals),
            change=number(finding.compared, 1),
            prices=(_(" in constante prijzen")
                    if dict(finding.detail).get(DetailKey.PRICE_INDEX) else ""),
            target_op=target_op, target=number(finding.target, 1),
            signal_op=signal_op, signal=number(finding.signal, 1),
        )
    if kind == "begroting":
        return _budget_sentence(finding, indicator, target_op, signal_op)
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
            change=number(finding.compared, 1),
            target_op="≥" if finding.target_inclusive else ">", target=number(finding.target, 1),
            signal_op="≥" if finding.signal_inclusive else ">", signal=number(finding.signal, 1),
        )
    band = dict(finding.detail).get(DetailKey.BAND)
    if band:
        return _("Streefband {band}, signaalband {signal_band}.").format(
            band=band, signal_band=dict(finding.detail).get(DetailKey.SIGNAL_BAND, "")
        )
    return _("Streefwaarde {target_op} {target}, signaalwaarde {signal_op} {signal}.").format(
        target_op=target_op, target=number(finding.target, decimals),
        signal_op=signal_op, signal=number(finding.signal, decimals),
    )
