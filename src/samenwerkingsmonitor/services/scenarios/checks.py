"""Checks between the parts of a scenario set, each problem located, all at once.

The schema (adapters/scenarios/schema.py) checked the types; here: one alternative is today's
form, every alternative has a value for every criterion and no value for an unknown criterion,
each basis has the keys it needs, ranges run low ≤ likely ≤ high, and each council's weights
name the criteria and leave at least one weighting feasible.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from samenwerkingsmonitor.domain.scenarios import (
    Basis,
    CouncilWeights,
    Range,
    ScenarioSet,
    ValueSpec,
)
from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.errors import ScenarioInvalid, refusal
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.scenarios.ports import KeyPath

Locate = Callable[[KeyPath], Location]


def refused(file_name: str, report: ValidationReport) -> ScenarioInvalid:
    return refusal(ScenarioInvalid, report,
                   _("De scenarioset {file} is afgekeurd: 1 probleem."),
                   _("De scenarioset {file} is afgekeurd: {count} problemen."), file=file_name)


def check_scenario_set(scenarios: ScenarioSet, locate: Locate) -> ValidationReport:
    report = ValidationReport()
    _check_ids(scenarios, locate, report)
    _check_alternatives(scenarios, locate, report)
    for index, council in enumerate(scenarios.councils):
        _check_council(scenarios, council, ("councils", index, "weights"), locate, report)
    return report


def _check_ids(scenarios: ScenarioSet, locate: Locate, report: ValidationReport) -> None:
    for key, ids in (("criteria", [c.id for c in scenarios.criteria]),
                     ("alternatives", [a.id for a in scenarios.alternatives]),
                     ("councils", [c.municipality for c in scenarios.councils])):
        for index, item in enumerate(ids):
            if item in ids[:index]:
                report.add(locate((key, index)),
                           _("'{id}' staat twee keer in de lijst.").format(id=item),
                           _("Geef elk onderdeel een eigen id."))


def _check_alternatives(scenarios: ScenarioSet, locate: Locate,
                        report: ValidationReport) -> None:
    current = [a for a in scenarios.alternatives if a.current]
    if len(current) != 1:
        report.add(locate(("alternatives", 0)),
                   _("Precies één alternatief moet de huidige vorm zijn (current = true); "
                     "nu zijn het er {count}.").format(count=len(current)),
                   _("Zet current = true bij het alternatief dat de samenwerking van nu "
                     "beschrijft."))
    criteria = {c.id for c in scenarios.criteria}
    for index, alternative in enumerate(scenarios.alternatives):
        values = {v.criterion: v for v in scenarios.values if v.alternative == alternative.id}
        for criterion in scenarios.criteria:
            if criterion.id not in values:
                report.add(locate(("alternatives", index, "values")),
                           _("Een waarde voor criterium '{criterion}' ontbreekt.").format(
                               criterion=criterion.id),
                           _("Voeg [alternatives.values.{criterion}] toe met basis en bron."
                             ).format(criterion=criterion.id))
        for criterion_id, value in values.items():
            path = ("alternatives", index, "values", criterion_id)
            if criterion_id not in criteria:
                report.add(locate(path),
                           _("Onbekend criterium '{criterion}'.").format(criterion=criterion_id),
                           _("Kies uit: {choices}.").format(choices=", ".join(sorted(criteria))))
                continue
            _check_value(scenarios, alternative.current, value, path, locate, report)
            if value.basis is Basis.FRICTIEKOSTEN and alternative.transition is None:
                report.add(locate(("alternatives", index)),
                           _("De basis frictiekosten vraagt een tabel [alternatives.transition] "
                             "bij dit alternatief."),
                           _("Noem staff_moved_fte, systems_split, contracts en other_eur "
                             "(0 als er niets is)."))
            if value.basis is Basis.FRICTIEKOSTEN and scenarios.prices is None:
                report.add(locate(path),
                           _("De basis frictiekosten vraagt een tabel [transition_prices]."),
                           _("Noem per_fte_moved, per_system_split, per_contract en source."))
        if alternative.transition is not None:
            for key, value_range in (("staff_moved_fte", alternative.transition.staff_moved_fte),
                                     ("systems_split", alternative.transition.systems_split),
                                     ("contracts", alternative.transition.contracts),
                                     ("other_eur", alternative.transition.other_eur)):
                _check_range(value_range, ("alternatives", index, "transition", key), locate,
                             report, non_negative=True)


def _needs(value: ValueSpec, key: str, path: KeyPath, locate: Locate, report: ValidationReport,
           ) -> None:
    report.add(locate(path), _("De basis {basis} vraagt de sleutel '{key}'.").format(
        basis=value.basis.value, key=key), _("Zie docs/scenarios.md, 'Waar een waarde vandaan "
                                             "komt'."))


def _check_value(scenarios: ScenarioSet, current: bool, value: ValueSpec, path: KeyPath,
                 locate: Locate, report: ValidationReport) -> None:
    basis = value.basis
    if basis in (Basis.OORDEEL, Basis.SCHATTING):
        if value.range is None:
            report.add(locate(path),
                       _("De basis {basis} vraagt een waarde: value, of low, likely en high."
                         ).format(basis=basis.value),
                       _("Een oordeel zonder bandbreedte schrijft u als value = 3; met "
                         "bandbreedte als low, likely, high."))
        else:
            _check_range(value.range, path, locate, report)
        if not value.source:
            _needs(value, "source", path, locate, report)
    if basis is Basis.TOETSING:
        if not current:
            report.add(locate((*path, "basis")),
                       _("De basis toetsing kan alleen bij de huidige vorm: van een vorm die er "
                         "nog niet is, bestaat geen toetsing."),
                       _("Gebruik oordeel of schatting met een bandbreedte."))
        if value.indicator is None:
            _needs(value, "indicator", path, locate, report)
    if basis is Basis.PC and value.factor is not None:
        _check_range(value.factor, (*path, "factor"), locate, report, non_negative=True)
    if basis is Basis.KWETSBAARHEID:
        if value.measure is None:
            _needs(value, "measure", path, locate, report)
        if value.scope is None:
            _needs(value, "scope", path, locate, report)


def _check_range(value: Range, path: KeyPath, locate: Locate, report: ValidationReport,
                 non_negative: bool = False) -> None:
    if any(math.isnan(x) for x in (value.low, value.likely, value.high)):
        report.add(locate(path), _("Een bandbreedte heeft low en high nodig (likely mag weg: "
                                   "dan het midden)."),
                   _("Schrijf low = ..., likely = ..., high = ..., of één value = ..."))
        return
    if not value.low <= value.likely <= value.high:
        report.add(locate(path),
                   _("De bandbreedte loopt niet op: low {low}, likely {likely}, high {high}."
                     ).format(low=_number(value.low), likely=_number(value.likely),
                              high=_number(value.high)),
                   _("Zorg dat low ≤ likely ≤ high."))
    if non_negative and value.low < 0:
        report.add(locate(path), _("Deze waarde kan niet negatief zijn."), "")


def _number(value: float) -> str:
    return f"{value:g}"


def _check_council(scenarios: ScenarioSet, council: CouncilWeights, path: KeyPath,
                   locate: Locate, report: ValidationReport) -> None:
    criteria = [c.id for c in scenarios.criteria]
    for key, weights in (("exact", council.exact), ("lower", council.lower),
                         ("upper", council.upper), ("rank", council.rank)):
        if weights is None:
            continue
        for name in weights:
            if name not in criteria:
                report.add(locate((*path, key, name)),
                           _("Onbekend criterium '{criterion}'.").format(criterion=name),
                           _("Kies uit: {choices}.").format(choices=", ".join(criteria)))
    if council.exact is not None:
        if council.lower or council.upper or council.rank:
            report.add(locate((*path, "exact")),
                       _("Vaste gewichten gaan niet samen met grenzen of een rangorde."),
                       _("Kies vaste gewichten, of grenzen en/of een rangorde."))
        missing = [c for c in criteria if c not in council.exact]
        if missing:
            report.add(locate((*path, "exact")),
                       _("Vaste gewichten ontbreken voor: {names}.").format(
                           names=", ".join(missing)), _("Geef elk criterium een gewicht."))
        total = sum(council.exact.values())
        if not math.isclose(total, 1.0, abs_tol=1e-6):
            report.add(locate((*path, "exact")),
                       _("De vaste gewichten tellen op tot {total} in plaats van 1.").format(
                           total=f"{total:g}"),
                       _("Pas de gewichten aan zodat ze samen precies 1 zijn."))
        return
    if council.rank is not None:
        missing = [c for c in criteria if c not in council.rank]
        if missing:
            report.add(locate((*path, "rank")),
                       _("De rangorde noemt niet: {names}.").format(names=", ".join(missing)),
                       _("Geef elk criterium een rangnummer; gelijke nummers laten de "
                         "volgorde open."))
    lower = sum((council.lower or {}).get(c, 0.0) for c in criteria)
    upper = sum((council.upper or {}).get(c, 1.0) for c in criteria)
    if lower > 1 + 1e-9 or upper < 1 - 1e-9:
        report.add(locate(path),
                   _("Geen enkele weging past: de ondergrenzen tellen op tot {lower}, de "
                     "bovengrenzen tot {upper}.").format(lower=f"{lower:g}", upper=f"{upper:g}"),
                   _("De ondergrenzen moeten samen hooguit 1 zijn, de bovengrenzen samen "
                     "minstens 1."))
    for name in criteria:
        low = (council.lower or {}).get(name, 0.0)
        high = (council.upper or {}).get(name, 1.0)
        if low > high:
            report.add(locate((*path, "lower", name)),
                       _("Ondergrens {low} ligt boven bovengrens {high}.").format(
                           low=f"{low:g}", high=f"{high:g}"), "")
