"""Where each value of a scenario set comes from, made concrete.

toetsing: the value of an indicator for the subject in the newest stored assessment run.
pc: the team's costs (lasten_eur, realisatie) from the stored measurements, times a factor;
each partner's share by the verdeelsleutel of that year. kwetsbaarheid: a measure of the
vulnerability analysis (closed form), pooled or the municipalities alone added up.
frictiekosten: the transition-cost model (analysis/transition_costs.py). oordeel, schatting:
the range in the file. A value that cannot be found is a located problem, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from samenwerkingsmonitor.analysis.transition_costs import TransitionCost, transition_cost
from samenwerkingsmonitor.analysis.vulnerability.model import POOLED
from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.domain.scenarios import Basis, Range, ScenarioSet, ValueSpec
from samenwerkingsmonitor.domain.validation import ValidationReport
from samenwerkingsmonitor.errors import NotFound
from samenwerkingsmonitor.i18n import _, number
from samenwerkingsmonitor.services.scenarios.checks import Locate
from samenwerkingsmonitor.services.storage.ports import Repository

COST_INDICATOR = "lasten_eur"


@dataclass(frozen=True, slots=True)
class ResolvedValue:
    alternative: str
    criterion: str
    basis: Basis
    range: Range
    source: str  # where it comes from, in words


@dataclass(frozen=True, slots=True)
class CostShare:
    municipality: str
    share_pct: float
    amount: float


@dataclass(frozen=True)
class Resolution:
    values: tuple[ResolvedValue, ...]
    transition_costs: dict[str, TransitionCost]  # by alternative id
    run_id: str | None  # the assessment run the toetsing values come from
    cost_year: int | None
    cost_shares: tuple[CostShare, ...]  # today's costs by the verdeelsleutel


def _spread(value: float, pct: float) -> Range:
    delta = abs(value) * pct / 100
    return Range(value - delta, value, value + delta)


def _number(value: float) -> str:
    return number(value, 0 if float(value).is_integer() or abs(value) >= 1000 else 1)


class _Context:
    """Loads each stored source once, and only when a value asks for it."""

    def __init__(self, scenarios: ScenarioSet, repo: Callable[[], Repository],
                 organisation: Callable[[], Organisation]) -> None:
        self.scenarios = scenarios
        self._repo = repo
        self._organisation = organisation
        self.run_id: str | None = None
        self._findings: dict[tuple[str, int], float] | None = None
        self._costs: tuple[int, float, str] | None = None
        self._vulnerability: dict[str, dict[str, float | None]] | None = None

    def finding(self, indicator: str) -> tuple[float, int] | None:
        if self._findings is None:
            from samenwerkingsmonitor.services.assessment.stored_run import find_run

            repo = self._repo()
            run = find_run(repo, "latest")
            self.run_id = run.id
            self._findings = {(f.indicator, f.year): f.value for f in repo.findings(run.id)
                              if f.subject == self.scenarios.subject and f.value is not None}
        years = [y for (i, y) in self._findings if i == indicator
                 and (self.scenarios.year is None or y == self.scenarios.year)]
        if not years:
            return None
        year = max(years)
        return self._findings[(indicator, year)], year

    def costs(self) -> tuple[int, float, str] | None:
        if self._costs is None:
            rows = [m.measurement for m in self._repo().current_measurements()
                    if m.measurement.subject == self.scenarios.subject
                    and m.measurement.indicator == COST_INDICATOR
                    and m.measurement.kind.value == "realisatie"
                    and m.measurement.value is not None
                    and (self.scenarios.year is None or m.measurement.year == self.scenarios.year)]
            if not rows:
                return None
            newest = max(rows, key=lambda m: m.year)
            assert newest.value is not None
            self._costs = (newest.year, newest.value, newest.source)
        return self._costs

    def vulnerability(self, measure: str) -> dict[str, float | None]:
        if self._vulnerability is None:
            from samenwerkingsmonitor.services.vulnerability.team import analyse_team

            analysis = analyse_team(self._repo(), self._organisation(), self.scenarios.subject,
                                    self.scenarios.year, runs=None)
            self._vulnerability = {
                scope.scope: {key: figure.value
                              for key, figure in scope.aggregates.figures.items()}
                for scope in analysis.scopes}
        return {scope: figures.get(measure) for scope, figures in self._vulnerability.items()}

    def shares(self, year: int, amount: float) -> tuple[CostShare, ...]:
        organisation = self._organisation()
        cooperation = organisation.cooperation_of_unit(self.scenarios.subject)
        if cooperation is None:
            return ()
        slug = self.scenarios.subject.split("/")[-1]
        keys = [k for k in cooperation.allocation_keys if k.year == year
                and k.unit_slug in (slug, None)]
        keys.sort(key=lambda k: k.unit_slug is None)  # a team's own key before the general one
        if not keys:
            return ()
        return tuple(CostShare(code, share, amount * share / 100) for code, share in keys[0].shares)


def resolve(scenarios: ScenarioSet, locate: Locate, repo: Callable[[], Repository],
            organisation: Callable[[], Organisation]) -> tuple[Resolution, ValidationReport]:
    context = _Context(scenarios, repo, organisation)
    report = ValidationReport()
    costs: dict[str, TransitionCost] = {}
    for alternative in scenarios.alternatives:
        if alternative.transition is not None and scenarios.prices is not None:
            costs[alternative.id] = transition_cost(alternative.transition, scenarios.prices)
    resolved: list[ResolvedValue] = []
    index = {a.id: i for i, a in enumerate(scenarios.alternatives)}
    for value in scenarios.values:
        path = ("alternatives", index[value.alternative], "values", value.criterion)
        found = _resolve_one(value, context, costs)
        if isinstance(found, str):
            report.add(locate(path), found, _("Laad de gegevens eerst (import, assess, "
                                              "import-vulnerability) of kies basis oordeel."))
        else:
            resolved.append(found)
    cost = context.costs() if any(v.basis is Basis.PC for v in scenarios.values) else None
    shares = context.shares(cost[0], cost[1]) if cost is not None else ()
    return (Resolution(tuple(resolved), costs, context.run_id,
                       cost[0] if cost else None, shares), report)


def _resolve_one(value: ValueSpec, context: _Context,
                 costs: dict[str, TransitionCost]) -> ResolvedValue | str:
    basis = value.basis
    subject = context.scenarios.subject
    if basis in (Basis.OORDEEL, Basis.SCHATTING):
        assert value.range is not None
        return ResolvedValue(value.alternative, value.criterion, basis, value.range,
                             value.source)
    if basis is Basis.FRICTIEKOSTEN:
        model = costs[value.alternative]
        return ResolvedValue(value.alternative, value.criterion, basis, model.total,
                             _("frictiekostenmodel; prijzen: {source}").format(
                                 source=model.source))
    if basis is Basis.TOETSING:
        assert value.indicator is not None
        try:
            found = context.finding(value.indicator)
        except NotFound:
            return _("Er is nog geen toetsing opgeslagen, dus geen waarde voor '{indicator}'."
                     ).format(indicator=value.indicator)
        if found is None:
            return _("De nieuwste toetsing heeft geen waarde van '{indicator}' voor {subject}."
                     ).format(indicator=value.indicator, subject=subject)
        number, year = found
        return ResolvedValue(value.alternative, value.criterion, basis,
                             _spread(number, value.spread_pct),
                             _("toetsing {run}, {indicator} {year}: {value}").format(
                                 run=context.run_id, indicator=value.indicator, year=year,
                                 value=_number(number)) + _source_note(value))
    if basis is Basis.PC:
        cost = context.costs()
        if cost is None:
            return _("Er zijn geen kosten (lasten_eur, realisatie) van {subject} opgeslagen."
                     ).format(subject=subject)
        year, amount, source = cost
        factor = value.factor or Range.exact(1.0)
        text = _("P&C {year}: € {amount} ({source})").format(
            year=year, amount=_number(amount), source=source)
        if factor != Range.exact(1.0):
            text += _(", maal {low}-{high} (waarschijnlijk {likely})").format(
                low=f"{factor.low:g}", high=f"{factor.high:g}", likely=f"{factor.likely:g}")
        return ResolvedValue(value.alternative, value.criterion, basis,
                             Range.exact(amount).times(factor), text + _source_note(value))
    assert value.measure is not None and value.scope is not None
    try:
        figures = context.vulnerability(value.measure)
    except NotFound:
        return _("Er is geen kwetsbaarheidsinvoer van {subject} opgeslagen.").format(
            subject=subject)
    if value.scope.value == POOLED:
        number = figures.get(POOLED)
    else:
        alone = [v for scope, v in figures.items() if scope != POOLED]
        number = None if not alone or any(v is None for v in alone) else \
            sum(v for v in alone if v is not None)
    if number is None:
        return _("De kwetsbaarheidsanalyse geeft geen '{measure}' ({scope}) voor {subject}."
                 ).format(measure=value.measure, scope=value.scope.value, subject=subject)
    return ResolvedValue(value.alternative, value.criterion, basis,
                         _spread(number, value.spread_pct),
                         _("kwetsbaarheidsanalyse, {measure} ({scope}): {value}").format(
                             measure=value.measure, scope=value.scope.value,
                             value=_number(number)) + _source_note(value))


def _source_note(value: ValueSpec) -> str:
    return f"; {value.source}" if value.source else ""
