"""The scenario chapter of the Technische bijlage and its decision point in the kernboodschap
(issue 13), from the stored scenario runs (services/scenarios) of the run's subjects.

The chart shows, per alternative, one bar per council side by side; each bar is split into the
shares of rank 1, 2, ... from left to right, so the order carries the rank as well as the
colour, every bar ends in a label with the council and its share of rank 1, and the data table
next to it holds every number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from samenwerkingsmonitor.i18n import _, current_language, number
from samenwerkingsmonitor.services.report.chart_specs import (
    AXIS,
    BACKGROUND,
    FONT,
    TEXT,
    VEGA_LITE_SCHEMA,
)
from samenwerkingsmonitor.services.report.cover import long_date
from samenwerkingsmonitor.services.report.model import ChartFigure, DataTable, ScenarioChapter
from samenwerkingsmonitor.services.scenarios.use_cases import ScenarioOutcome

FONT_SIZE = 12
# Sequential blues, darkest for rank 1; each reaches 3:1 against white except the lightest
# ranks, whose place in the bar (left to right) and the data table carry the rank as well.
RANK_COLOURS = ("#08306b", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7fbff")


def _percent(share: float | None) -> str:
    return "–" if share is None or share != share else f"{round(share * 100):d} %"


def _range_text(low: float, likely: float, high: float) -> str:
    decimals = 0 if max(abs(low), abs(high)) >= 100 else 2
    if low == high:
        return number(likely, decimals)
    return _("{low} tot {high} (waarschijnlijk {likely})").format(
        low=number(low, decimals), high=number(high, decimals),
        likely=number(likely, decimals))


def _weights_table(outcome: ScenarioOutcome) -> DataTable:
    rows = tuple((o.council.name, text, o.council.source)
                 for o, text in zip(outcome.councils, outcome.weights_text, strict=True))
    return DataTable(_("Weging per raad"), (_("Raad"), _("Weging"), _("Bron")), rows)


BASIS_WORDS = {"toetsing": "toetsing", "pc": "P&C-cijfers",
               "kwetsbaarheid": "kwetsbaarheidsanalyse", "frictiekosten": "frictiekostenmodel",
               "oordeel": "oordeel", "schatting": "schatting"}


def _named(text: str, names: Mapping[str, str]) -> str:
    """Indicator and measure ids in a source text replaced by their names."""
    return re.sub(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b",
                  lambda m: names.get(m.group(0), m.group(0)), text)


def _values_table(outcome: ScenarioOutcome, ids: Mapping[str, str]) -> DataTable:
    scenarios = outcome.scenario_set
    names = {a.id: a.name for a in scenarios.alternatives}
    criteria = {c.id: c for c in scenarios.criteria}
    order = {(a.id, c.id): (i, j) for i, a in enumerate(scenarios.alternatives)
             for j, c in enumerate(scenarios.criteria)}
    rows = []
    for value in sorted(outcome.resolution.values,
                        key=lambda v: order[(v.alternative, v.criterion)]):
        criterion = criteria[value.criterion]
        rows.append((names[value.alternative], f"{criterion.name} ({criterion.unit})",
                     _range_text(value.range.low, value.range.likely, value.range.high),
                     f"{_(BASIS_WORDS[value.basis.value])}: {_named(value.source, ids)}"))
    return DataTable(_("Waarden per alternatief en criterium, met hun herkomst"),
                     (_("Alternatief"), _("Criterium"), _("Waarde"), _("Herkomst")),
                     tuple(rows))


def _acceptability_tables(outcome: ScenarioOutcome) -> tuple[DataTable, ...]:
    names = [a.name for a in outcome.scenario_set.alternatives]
    ranks = tuple(_("{rank}e plaats").format(rank=r + 1) for r in range(len(names)))
    tables = []
    for council in outcome.councils:
        result = council.result
        rows = tuple((name, *(_percent(float(s)) for s in result.rank_acceptability[i]),
                      _percent(float(result.confidence[i])))
                     for i, name in enumerate(names))
        tables.append(DataTable(
            _("Rangkansen met de weging van {council}").format(council=council.council.name),
            (_("Alternatief"), *ranks, _("Zekerheid bij centrale weging")), rows))
    return tuple(tables)


def _transition_table(outcome: ScenarioOutcome) -> DataTable:
    rows = []
    for alternative in outcome.scenario_set.alternatives:
        cost = outcome.transition(alternative.id)
        if cost is None:
            continue
        parts = []
        for term in cost.terms:
            if term.cost.high == 0:
                continue
            if term.price is None:
                parts.append(_("overig € {amount}").format(amount=number(term.cost.likely, 0)))
            else:
                parts.append(_("{name}: {quantity} × € {price}").format(
                    name=_TERM_NAMES.get(term.name, term.name),
                    quantity=number(term.quantity.likely, 1 if term.name == "personeel" else 0),
                    price=number(term.price.likely, 0)))
        rows.append((alternative.name, "; ".join(parts) or _("geen overstap"),
                     _("€ {low} tot € {high} (waarschijnlijk € {likely})").format(
                         low=number(cost.total.low, 0), high=number(cost.total.high, 0),
                         likely=number(cost.total.likely, 0))))
    return DataTable(_("Frictiekosten per alternatief (waarschijnlijke invoer; de totalen met "
                       "bandbreedte)"), (_("Alternatief"), _("Invoer"), _("Totaal eenmalig")),
                     tuple(rows))


_TERM_NAMES = {"personeel": "fte over", "systemen": "systemen gesplitst",
               "contracten": "contracten"}


def _chart_rows(outcome: ScenarioOutcome) -> Iterable[dict[str, Any]]:
    names = [a.name for a in outcome.scenario_set.alternatives]
    for council in outcome.councils:
        shares = council.result.rank_acceptability
        for i, name in enumerate(names):
            for rank in range(len(names)):
                yield {"alternatief": name, "raad": council.council.name,
                       "rang": _("{rank}e plaats").format(rank=rank + 1), "volgorde": rank,
                       "aandeel": round(float(shares[i, rank]) * 100, 1)}
            yield {"alternatief": name, "raad": council.council.name, "rang": "label",
                   "volgorde": -1, "aandeel": 100.0,
                   "label": _("{council}: {share} beste keuze").format(
                       council=council.council.name, share=_percent(float(shares[i, 0])))}


def _chart_spec(outcome: ScenarioOutcome, title: str, description: str) -> dict[str, Any]:
    names = [a.name for a in outcome.scenario_set.alternatives]
    councils = [c.council.name for c in outcome.councils]
    ranks = [_("{rank}e plaats").format(rank=r + 1) for r in range(len(names))]
    colours = [RANK_COLOURS[min(r, len(RANK_COLOURS) - 1)] for r in range(len(names))]
    y = {"field": "alternatief", "type": "nominal", "title": None, "sort": names,
         "axis": {"labelLimit": 220}}
    offset = {"field": "raad", "type": "nominal", "sort": councils}
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": description,
        "width": 300, "height": {"step": 22}, "background": BACKGROUND,
        "padding": {"left": 8, "right": 8, "top": 8, "bottom": 8},
        "data": {"values": list(_chart_rows(outcome))},
        "encoding": {"y": y, "yOffset": offset},
        "layer": [
            {"transform": [{"filter": "datum.rang !== 'label'"}],
             "mark": {"type": "bar", "stroke": BACKGROUND, "strokeWidth": 0.5},
             "encoding": {
                 "x": {"field": "aandeel", "type": "quantitative", "stack": "zero",
                       "title": _("Aandeel van de trekkingen (%)"),
                       "scale": {"domain": [0, 100]}, "axis": {"values": [0, 25, 50, 75, 100]}},
                 "order": {"field": "volgorde", "type": "quantitative"},
                 "color": {"field": "rang", "type": "ordinal", "title": None,
                           "scale": {"domain": ranks, "range": colours},
                           "legend": {"orient": "bottom", "direction": "horizontal"}}}},
            {"transform": [{"filter": "datum.rang === 'label'"}],
             "mark": {"type": "text", "align": "left", "dx": 6, "fontSize": FONT_SIZE - 1,
                      "color": TEXT},
             "encoding": {"x": {"field": "aandeel", "type": "quantitative"},
                          "text": {"field": "label"}}},
        ],
        "config": {
            "font": FONT, "aria": False, "view": {"stroke": None},
            "axis": {"labelColor": TEXT, "titleColor": TEXT, "domainColor": AXIS,
                     "tickColor": AXIS, "labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE,
                     "titleFontWeight": "normal"},
            "legend": {"labelColor": TEXT, "labelFontSize": FONT_SIZE},
            "text": {"color": TEXT},
        },
        "usermeta": {"format_locale": "nl-NL" if current_language() == "nl" else "en-GB",
                     "title": title},
    }


def _chart(outcome: ScenarioOutcome, anchor: str) -> ChartFigure:
    title = _("Rangkansen per raad: {title}").format(title=outcome.scenario_set.title)
    summary = " ".join(outcome.headline)
    table = DataTable(
        _("Gegevens bij de grafiek: aandeel eerste plaats per raad"),
        (_("Alternatief"), *(c.council.name for c in outcome.councils)),
        tuple((a.name, *(_percent(float(c.result.rank_acceptability[i, 0]))
                         for c in outcome.councils))
              for i, a in enumerate(outcome.scenario_set.alternatives)))
    return ChartFigure(f"{anchor}-grafiek", "scenario", title, summary, table,
                       (_("De volgorde in elke balk is de plaats: links de eerste plaats."),),
                       _chart_spec(outcome, title, summary))


def _record(outcome: ScenarioOutcome) -> str:
    run = outcome.run
    text = _("Berekening {id} van {date} door {user}; bestand {file} (SHA-256 {sha}); seed "
             "{seed}, {samples} trekkingen per raad.").format(
        id=run.id, date=long_date(run.created) if run.created else "–", user=run.user,
        file=run.file_name, sha=run.sha256[:12], seed=outcome.seed,
        samples=number(outcome.samples, 0))
    if outcome.resolution.run_id:
        text += " " + _("Waarden van de huidige vorm uit toetsing {run}.").format(
            run=outcome.resolution.run_id)
    return text


def decision_text(outcome: ScenarioOutcome) -> str:
    """The question of the scenario set, the answer per council, and what the council does."""
    title = outcome.scenario_set.title
    if outcome.scenario_set.fictitious:
        title += _(" (fictief voorbeeld)")
    return " ".join((title, *outcome.headline, _(
        "De raad kiest. De doorrekening staat in de Technische bijlage, hoofdstuk Scenario's.")))


def scenario_chapters(outcomes: Iterable[ScenarioOutcome], subjects: Iterable[str],
                      names: Mapping[str, str] | None = None) -> tuple[ScenarioChapter, ...]:
    """A chapter per stored scenario run whose subject the assessment run covers; `names`
    gives the readable name of an indicator or measure id."""
    wanted = set(subjects)
    chapters = []
    for outcome in outcomes:
        scenarios = outcome.scenario_set
        if scenarios.subject not in wanted:
            continue
        anchor = "scenario-" + scenarios.id
        summary = [*outcome.headline, *outcome.confidence]
        if outcome.costs:
            summary.append(outcome.costs)
        separation = outcome.separation_cost()
        if separation is not None:
            summary.append(_("Ontvlechten kost eenmalig € {low} tot € {high}, waarschijnlijk "
                             "€ {likely} (frictiekostenmodel; dit is ook de kostenraming bij "
                             "ontvlechtbaarheid).").format(
                low=number(separation.total.low, 0), high=number(separation.total.high, 0),
                likely=number(separation.total.likely, 0)))
        summary.append(outcome.method)
        chapters.append(ScenarioChapter(
            anchor=anchor, title=scenarios.title, subject_id=scenarios.subject,
            fictitious=scenarios.fictitious, summary=tuple(summary),
            weights=_weights_table(outcome), values=_values_table(outcome, names or {}),
            chart=_chart(outcome, anchor), acceptability=_acceptability_tables(outcome),
            transition=_transition_table(outcome), record=_record(outcome),
            decision=decision_text(outcome)))
    return tuple(chapters)
