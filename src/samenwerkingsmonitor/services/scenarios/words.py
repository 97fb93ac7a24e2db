"""The outcome in words a council reads (B1): per council the form that is most often the best
choice and in what share of the plausible weightings, where the councils differ and why, how
firm the answer is under the uncertain figures, and how precise the computation is."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from samenwerkingsmonitor.domain.scenarios import CouncilWeights, ScenarioSet
from samenwerkingsmonitor.i18n import _, number
from samenwerkingsmonitor.services.scenarios.compare import CouncilOutcome
from samenwerkingsmonitor.services.scenarios.resolve import Resolution

NOTABLE_GAP = 0.05  # a difference in share smaller than this is not explained


def percent(share: float) -> str:
    return f"{round(share * 100):d} %"


def points(share: float) -> str:
    return number(share * 100, 1)


def weights_in_words(scenarios: ScenarioSet, council: CouncilWeights) -> str:
    names = {c.id: c.name.lower() for c in scenarios.criteria}
    order = [c.id for c in scenarios.criteria]
    if council.exact is not None:
        parts = ", ".join(f"{names[c]} {percent(council.exact[c])}" for c in order)
        return _("vaste gewichten: {parts}").format(parts=parts)
    texts = []
    if council.rank is not None:
        groups: dict[int, list[str]] = {}
        for c in order:
            groups.setdefault(council.rank[c], []).append(names[c])
        ranked = " > ".join(" = ".join(groups[r]) for r in sorted(groups))
        texts.append(_("een rangorde: {ranked}").format(ranked=ranked))
    if council.lower or council.upper:
        bounds = []
        for c in order:
            low = (council.lower or {}).get(c)
            high = (council.upper or {}).get(c)
            if low is not None or high is not None:
                bounds.append(_("{name} {low} tot {high}").format(
                    name=names[c], low=percent(low or 0.0), high=percent(
                        1.0 if high is None else high)))
        texts.append(_("grenzen: {bounds}").format(bounds=", ".join(bounds)))
    if not texts:
        return _("geen voorkeur: elke weging telt even zwaar")
    return _(" en ").join(texts)


def headline(scenarios: ScenarioSet, outcomes: Sequence[CouncilOutcome]) -> list[str]:
    """The sentences of the kernboodschap: best choice per council, and why they differ."""
    names = [a.name for a in scenarios.alternatives]
    if not outcomes:
        return []
    first, *others = outcomes
    best = first.best()
    template = (_("Met de vaste weging van {council} is {alternative} in {share} van de "
                  "aannemelijke cijfers de beste keuze") if first.council.exact is not None else
                _("Met de weging van {council} is {alternative} in {share} van de aannemelijke "
                  "wegingen de beste keuze"))
    sentence = template.format(council=first.council.name, alternative=names[best],
                               share=percent(first.result.first_rank[best]))
    for outcome in others:
        own = outcome.best()
        if own == best:
            sentence += _("; met die van {council} in {share}").format(
                council=outcome.council.name, share=percent(outcome.result.first_rank[best]))
        else:
            sentence += _("; met die van {council} is dat {alternative}, in {share}").format(
                council=outcome.council.name, alternative=names[own],
                share=percent(outcome.result.first_rank[own]))
    sentences = [sentence + "."]
    reason = difference(scenarios, outcomes)
    if reason:
        sentences.append(reason)
    return sentences


def difference(scenarios: ScenarioSet, outcomes: Sequence[CouncilOutcome]) -> str:
    """Which criterion's weight differs most between the councils that differ most."""
    if len(outcomes) < 2:
        return ""
    best = outcomes[0].best()
    shares = [o.result.first_rank[best] for o in outcomes]
    high, low = outcomes[int(np.argmax(shares))], outcomes[int(np.argmin(shares))]
    bests_differ = len({o.best() for o in outcomes}) > 1
    if not bests_differ and max(shares) - min(shares) < NOTABLE_GAP:
        return _("De raden komen met hun eigen weging tot ongeveer hetzelfde beeld.")
    gap = high.result.mean_weights - low.result.mean_weights
    criterion = scenarios.criteria[int(np.argmax(np.abs(gap)))]
    return _("Het verschil komt vooral van het gewicht voor {criterion}.").format(
        criterion=criterion.name.lower())


def confidence_sentence(scenarios: ScenarioSet, outcome: CouncilOutcome) -> str:
    best = outcome.best()
    factor = outcome.result.confidence[best]
    name = scenarios.alternatives[best].name
    return _("Neemt {council} de weging die het best bij {alternative} past (de centrale "
             "weging), dan blijft {alternative} bij de onzekere cijfers in {share} van de "
             "trekkingen de beste keuze.").format(council=outcome.council.name, alternative=name,
                              share=percent(float(factor)))


def method_sentence(samples: int, seed: int, error: float) -> str:
    return _("Berekend met {samples} trekkingen per raad (seed {seed}); door het trekken kan "
             "een percentage hooguit {error} procentpunt afwijken (95 % zekerheid).").format(
        samples=number(samples, 0), seed=seed, error=points(error))


def cost_sentence(scenarios: ScenarioSet, resolution: Resolution) -> str:
    """Today's costs from the P&C data and each partner's share by the verdeelsleutel."""
    current = next((a for a in scenarios.alternatives if a.current), None)
    if current is None or resolution.cost_year is None:
        return ""
    value = next((v for v in resolution.values if v.alternative == current.id
                  and v.basis.value == "pc"), None)
    if value is None:
        return ""
    names = {c.municipality: c.name for c in scenarios.councils}
    text = _("De kosten van nu: € {amount} in {year} (P&C-cijfers).").format(
        amount=number(value.range.likely, 0), year=resolution.cost_year)
    if resolution.cost_shares:
        shares = [_("{name} {share} (€ {amount})").format(
            name=names.get(s.municipality, s.municipality), share=number(s.share_pct, 1) + " %",
            amount=number(s.amount, 0)) for s in resolution.cost_shares]
        text += " " + _("Volgens de verdeelsleutel betaalt {shares}.").format(
            shares=_(" en ").join([", ".join(shares[:-1]), shares[-1]] if len(shares) > 1
                                  else shares))
    return text
