"""Plain-language sentences (B1) for the Raadsrapportage, each made from facts by one function.

Every function returns whole, short sentences: a subject, a verb, one fact. The callers never
paste words together; they pick a function and pass the facts. Percent and percentage points
are kept apart here: a change of a percentage is in procentpunten, a relative change in
procent. tests/report/test_sentences.py checks each function in Dutch and English.
"""

from __future__ import annotations

from collections.abc import Sequence

from samenwerkingsmonitor.i18n import _, number
from samenwerkingsmonitor.services.assessment.explain import quantity


def listing(items: Sequence[str]) -> str:
    """'a', 'a en b', 'a, b en c' (English: 'a, b and c')."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return _("{first} en {last}").format(first=", ".join(items[:-1]), last=items[-1])


def euro(amount: float | None) -> str:
    return quantity(amount, "eur", 0)


def percent(value: float | None, decimals: int = 1) -> str:
    return quantity(value, "pct", decimals)


def points(value: float, decimals: int = 1) -> str:
    """A difference between two percentages: '2,6 procentpunt'."""
    return _("{number} procentpunt").format(number=number(abs(value), decimals))


def lowercase_first(text: str) -> str:
    """'Ziekteverzuim' → 'ziekteverzuim' inside a sentence; an acronym (BBV) stays."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def capital_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the cause of a verdict -----------------------------------------------------------------

def cause_at_most(indicator: str, value: str, limit: str) -> str:
    """'Ziekteverzuim is 7,6 %. De norm is hoogstens 5,0 %.'"""
    return _("{indicator} is {value}. De norm is hoogstens {limit}.").format(
        indicator=capital_first(indicator), value=value, limit=limit)


def cause_at_least(indicator: str, value: str, limit: str) -> str:
    return _("{indicator} is {value}. De norm is minstens {limit}.").format(
        indicator=capital_first(indicator), value=value, limit=limit)


def cause_between(indicator: str, value: str, low: str, high: str) -> str:
    return _("{indicator} is {value}. De norm is tussen {low} en {high}.").format(
        indicator=capital_first(indicator), value=value, low=low, high=high)


def cause_growth(indicator: str, change_pct: float, baseline_year: int, limit_pct: float,
                 constant_prices: bool) -> str:
    """A change against the nulmeting, in percent of the baseline value (a relative change),
    then the norm; in constant prices the first sentence says so."""
    higher = change_pct >= 0
    if constant_prices:
        fact = (_("{indicator} is {change} hoger dan in {year}, gerekend in prijzen van "
                  "{year}.") if higher else
                _("{indicator} is {change} lager dan in {year}, gerekend in prijzen van "
                  "{year}."))
    else:
        fact = (_("{indicator} is {change} hoger dan in {year}.") if higher else
                _("{indicator} is {change} lager dan in {year}."))
    norm = (_("De norm is: niet hoger dan in {year}.") if abs(limit_pct) < 0.05 else
            _("De norm is hoogstens {limit} hoger."))
    return " ".join((
        fact.format(indicator=capital_first(indicator), change=percent(abs(change_pct)),
                    year=baseline_year),
        norm.format(year=baseline_year, limit=percent(limit_pct))))


def cause_budget(indicator: str, deviation_pct: float, amount: str, limit_pct: float) -> str:
    """Realisatie against begroting: how far over or under, in euros and percent; the norm."""
    fact = (_("{indicator} is {amount} ({change}) hoger dan begroot.") if deviation_pct >= 0
            else _("{indicator} is {amount} ({change}) lager dan begroot."))
    return " ".join((
        fact.format(indicator=capital_first(indicator), amount=amount,
                    change=percent(abs(deviation_pct))),
        _("De norm is hoogstens {limit} boven de begroting.").format(limit=percent(limit_pct))))


def cause_trend(indicator: str, change_pct: float, limit_pct: float) -> str:
    """A trend: the average change per year in percent of the average value."""
    if change_pct < 0:
        return _("{indicator} wordt elk jaar {change} slechter. De norm is minstens {limit} "
                 "beter per jaar.").format(indicator=capital_first(indicator),
                                           change=percent(-change_pct), limit=percent(limit_pct))
    return _("{indicator} wordt elk jaar {change} beter. De norm is minstens {limit} beter per "
             "jaar.").format(indicator=capital_first(indicator), change=percent(change_pct),
                             limit=percent(limit_pct))


def cause_answer(indicator: str, answer: str, wanted: str) -> str:
    """A question answered on a scale: 'Ontvlechtingsplan aanwezig: nee. De norm is: ja.'"""
    return _("{indicator}: het antwoord is {answer}. De norm is {wanted}.").format(
        indicator=capital_first(indicator), answer=answer, wanted=wanted)


def cause_peer(indicator: str, value: str, limit: str) -> str:
    return _("{indicator} is {value}. Vergelijkbare gemeenten halen {limit}.").format(
        indicator=capital_first(indicator), value=value, limit=limit)


def cause_of_criterion(criterion: str, cause: str) -> str:
    """'Kosten: Lasten van het team is 11,3 % hoger dan in 2018. ...' on a team page."""
    return _("{criterion}: {cause}").format(criterion=criterion, cause=cause)


def cause_from_part(part: str) -> str:
    """A criterion judged through one of its parts: 'Dat komt door kwetsbaarheid.'"""
    return _("Dat komt door het oordeel over {part}.").format(part=lowercase_first(part))


def cause_missing(indicator: str, reason: str) -> str:
    """'Lasten van het team: geen oordeel, want er is geen waarde aangeleverd.'"""
    return _("{indicator}: geen oordeel, want {reason}.").format(
        indicator=capital_first(indicator), reason=reason)


# --- costs ----------------------------------------------------------------------------------

def cost_sentence(team: str, year: int, amount: float) -> str:
    return _("{team} kostte in {year} {amount}.").format(team=team, year=year,
                                                         amount=euro(amount))


def share_sentence(partner: str, amount: float, share_pct: float) -> str:
    return _("{partner} betaalt daarvan {amount} ({share}).").format(
        partner=partner, amount=euro(amount), share=percent(share_pct))


def no_cost_sentence(team: str, year: int) -> str:
    return _("Voor {team} zijn de kosten van {year} niet bekend.").format(team=team, year=year)


# --- change ---------------------------------------------------------------------------------

def change_since_baseline(year: int, better: int, worse: int) -> str:
    if not better and not worse:
        return _("Sinds {year} is geen oordeel veranderd.").format(year=year)
    if better and worse:
        return _("Sinds {year} zijn {better} oordelen beter en {worse} slechter.").format(
            year=year, better=better, worse=worse)
    if better:
        return (_("Sinds {year} is 1 oordeel beter.") if better == 1 else
                _("Sinds {year} zijn {better} oordelen beter.")).format(year=year, better=better)
    return (_("Sinds {year} is 1 oordeel slechter.") if worse == 1 else
            _("Sinds {year} zijn {worse} oordelen slechter.")).format(year=year, worse=worse)


def change_since_previous(previous_run: str | None, better: int, worse: int) -> str:
    if previous_run is None:
        return _("Dit is de eerste toetsing. Een vergelijking met een vorige is er nog niet.")
    if not better and not worse:
        return _("Sinds de vorige toetsing is geen oordeel veranderd.")
    return _("Sinds de vorige toetsing zijn {better} oordelen beter en {worse} slechter.").format(
        better=better, worse=worse)


def change_of_value(indicator: str, unit: str, before: float, after: float, year_before: int,
                    year_after: int, decimals: int = 1) -> str:
    """'Ziekteverzuim ging van 4,4 % in 2018 naar 4,7 % in 2022: 0,3 procentpunt hoger.'

    The difference of a percentage is in procentpunten; of any other unit, in that unit."""
    difference = after - before
    if unit == "pct":
        amount = points(difference, decimals)
    else:
        amount = quantity(abs(difference), unit, decimals)
    if abs(difference) < 10 ** -decimals / 2:
        return _("{indicator} bleef {value} van {year_before} tot {year_after}.").format(
            indicator=capital_first(indicator), value=quantity(after, unit, decimals),
            year_before=year_before, year_after=year_after)
    text = (_("{indicator} ging van {before} in {year_before} naar {after} in {year_after}: "
              "{amount} hoger.") if difference > 0 else
            _("{indicator} ging van {before} in {year_before} naar {after} in {year_after}: "
              "{amount} lager."))
    return text.format(indicator=capital_first(indicator),
                       before=quantity(before, unit, decimals), year_before=year_before,
                       after=quantity(after, unit, decimals), year_after=year_after,
                       amount=amount)


# --- what the council is asked ----------------------------------------------------------------

def decide_norms(examples: int, total: int) -> str:
    return _("{examples} van de {total} normen zijn nog voorbeelden. De raad stelt ze nog niet "
             "vast. Stel de normen vast, of pas ze aan.").format(examples=examples, total=total)


def decide_overdue_evaluation(title: str, planned: str) -> str:
    return _("De evaluatie '{title}' was gepland op {planned}. Die is nog niet gehouden. "
             "Vraag het college wanneer die komt.").format(title=title, planned=planned)


def decide_due_evaluation(title: str, planned: str) -> str:
    return _("De evaluatie '{title}' staat gepland op {planned}. Bepaal wat de raad daarin "
             "wil weten.").format(title=title, planned=planned)


def decide_missing_data(team: str, criterion: str, year: int) -> str:
    return _("Voor {criterion} bij {team} ontbreken gegevens over {year}. Daardoor is er geen "
             "oordeel. Vraag het college om die gegevens.").format(
                 criterion=lowercase_first(criterion), team=team, year=year)


def decide_failing_twice(team: str, criteria: Sequence[str], years: Sequence[int]) -> str:
    return _("{team} voldoet in {years} niet aan {criteria}. Vraag het college om een plan "
             "om dat te verbeteren.").format(
                 team=team, years=listing([str(y) for y in years]),
                 criteria=listing([lowercase_first(c) for c in criteria]))


def see_page(title: str) -> str:
    return _("Zie ‘{title}’.").format(title=title)


# --- fixed texts of the Raadsrapportage ---------------------------------------------------

def intro_sentences(teams: int, year: int, baseline: int) -> tuple[str, ...]:
    return (
        _("Dit rapport laat zien hoe de gedeelde teams in {year} werkten.").format(year=year),
        _("Het gaat om {teams} teams. Elk team is getoetst aan de criteria van de raad.").format(
            teams=teams),
        _("We vergelijken met {baseline}, het jaar van de nulmeting.").format(baseline=baseline),
    )


def how_to_read(baseline: int) -> tuple[str, ...]:
    return (
        _("Elk team is getoetst aan vijf criteria van de raad. Per criterium zijn er een of meer "
          "normen."),
        _("Een criterium krijgt één van vier oordelen. Het teken naast het oordeel helpt bij "
          "lezen zonder kleur."),
        _("Het zwakste oordeel van de normen bepaalt meestal het oordeel van het criterium."),
        _("De nulmeting is de stand in {baseline}. Daarmee vergelijken we elk jaar.").format(
            baseline=baseline),
        _("Een procentpunt is het verschil tussen twee percentages. Van 4 % naar 5 % is 1 "
          "procentpunt meer."),
        _("Alle bevindingen, normen, regels en bronnen staan in de Technische bijlage."),
        _("De Technische bijlage noemt ook het bestand met de herkomst van elk getal."),
    )
