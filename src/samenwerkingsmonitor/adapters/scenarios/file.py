"""Reading a scenario set file: TOML syntax, the schema, conversion to domain values.

`read_scenario_set` is the reader services/scenarios/ports.py expects. Problems come back as a
ScenarioInvalid whose report locates each one by line and key path, such as
`alternatives[zelfstandig].values.kosten.factor`: an element of a list of tables is named by
its id (or the council's municipality code) where it has one, otherwise by its position
counted from 1.
"""

from __future__ import annotations

import tomllib
from typing import Any

from pydantic import ValidationError

from samenwerkingsmonitor.adapters.intake.toml_locations import KeyPath, TomlLineIndex
from samenwerkingsmonitor.adapters.organisation.messages import (
    TOML_SYNTAX_HINT,
    toml_error_parts,
    toml_syntax_message,
)
from samenwerkingsmonitor.adapters.scenarios.messages import schema_problems
from samenwerkingsmonitor.adapters.scenarios.schema import (
    AlternativeEntry,
    CouncilEntry,
    RangeEntry,
    ScenarioFile,
    TransitionEntry,
    ValueEntry,
)
from samenwerkingsmonitor.domain import scenarios as sc
from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.scenarios.checks import refused
from samenwerkingsmonitor.services.scenarios.ports import ParsedScenarioSet

_ID_KEYS = {"criteria": "id", "alternatives": "id", "councils": "municipality"}


class KeyPathLocator:
    """Turns a key path into a Location with the line and a readable key path."""

    def __init__(self, file_name: str, text: str, data: dict[str, Any]) -> None:
        self.file_name = file_name
        self.data = data
        self.index = TomlLineIndex(text)

    def __call__(self, path: KeyPath) -> Location:
        return Location(self.file_name, line=self.index.line_of(path),
                        key_path=self.display(path) or None)

    def display(self, path: KeyPath) -> str:
        text = ""
        node: Any = self.data
        parent = ""
        for step in path:
            if isinstance(step, int):
                element = node[step] if isinstance(node, list) and step < len(node) else None
                name = element.get(_ID_KEYS.get(parent, "")) if isinstance(element, dict) else None
                text += f"[{name if isinstance(name, str) and name else step + 1}]"
                node = element
            else:
                text += f".{step}" if text else step
                node = node.get(step) if isinstance(node, dict) else None
                parent = step
        return text


def parse_toml(text: str, file_name: str) -> dict[str, Any]:
    text = text.removeprefix("\ufeff")
    try:
        return tomllib.loads(text)
    except RecursionError:
        report = ValidationReport()
        report.add(Location(file_name), _("Het bestand is te diep genest om te lezen."),
                   _("Controleer de haken [ ] en { } in het bestand."))
        raise refused(file_name, report) from None
    except tomllib.TOMLDecodeError as error:
        line, column, detail = toml_error_parts(str(error), text)
        report = ValidationReport()
        report.add(Location(file_name, line=line), toml_syntax_message(column, detail),
                   _(TOML_SYNTAX_HINT))
        raise refused(file_name, report) from None


def read_scenario_set(text: str, file_name: str) -> ParsedScenarioSet:
    """Syntax and schema of one scenario set file; the checks between parts come after."""
    data = parse_toml(text, file_name)
    locate = KeyPathLocator(file_name, text, data)
    try:
        model = ScenarioFile.model_validate(data)
    except ValidationError as error:
        report = ValidationReport()
        for path, message, hint in schema_problems(error.errors(include_url=False)):
            report.add(locate(path), message, hint)
        raise refused(file_name, report) from None
    return ParsedScenarioSet(to_domain(model), locate, text)


def _range(value: float | RangeEntry | None) -> sc.Range | None:
    if value is None:
        return None
    if isinstance(value, RangeEntry):
        return sc.Range(value.low, value.likely, value.high)
    return sc.Range.exact(float(value))


def _value_range(entry: ValueEntry) -> sc.Range | None:
    if entry.value is not None:
        return sc.Range.exact(entry.value)
    if entry.low is None and entry.likely is None and entry.high is None:
        return None
    likely = entry.likely if entry.likely is not None else (
        (entry.low + entry.high) / 2 if entry.low is not None and entry.high is not None
        else None)
    if entry.low is None or entry.high is None or likely is None:
        return sc.Range(float("nan"), float("nan"), float("nan"))  # the checks name it
    return sc.Range(entry.low, likely, entry.high)


def _value(alternative: str, criterion: str, entry: ValueEntry) -> sc.ValueSpec:
    return sc.ValueSpec(
        alternative=alternative, criterion=criterion, basis=sc.Basis(entry.basis),
        source=entry.source or "", range=_value_range(entry), indicator=entry.indicator,
        spread_pct=entry.spread_pct or 0.0, factor=_range(entry.factor),
        measure=entry.measure,
        scope=sc.VulnerabilityScope(entry.scope) if entry.scope else None)


def _transition(entry: TransitionEntry | None) -> sc.TransitionInputs | None:
    if entry is None:
        return None
    zero = sc.Range.exact(0.0)
    return sc.TransitionInputs(_range(entry.staff_moved_fte) or zero,
                               _range(entry.systems_split) or zero,
                               _range(entry.contracts) or zero,
                               _range(entry.other_eur) or zero, entry.note)


def _alternative(entry: AlternativeEntry) -> sc.Alternative:
    return sc.Alternative(entry.id, entry.name, sc.Form(entry.form), entry.current,
                          entry.description, _transition(entry.transition))


def _council(entry: CouncilEntry) -> sc.CouncilWeights:
    weights = entry.weights
    return sc.CouncilWeights(entry.municipality, entry.name, entry.source,
                             exact=weights.exact, lower=weights.lower, upper=weights.upper,
                             rank=weights.rank)


def to_domain(model: ScenarioFile) -> sc.ScenarioSet:
    prices = model.transition_prices
    zero = sc.Range.exact(0.0)
    return sc.ScenarioSet(
        id=model.id, version=model.version, title=model.title, subject=model.subject,
        source=model.source, fictitious=model.fictitious, description=model.description,
        year=model.year, samples=model.samples, seed=model.seed,
        criteria=tuple(sc.ScenarioCriterion(c.id, c.name, c.unit, sc.Direction(c.direction),
                                            c.description) for c in model.criteria),
        alternatives=tuple(_alternative(a) for a in model.alternatives),
        values=tuple(_value(a.id, criterion, entry) for a in model.alternatives
                     for criterion, entry in a.values.items()),
        councils=tuple(_council(c) for c in model.councils),
        prices=None if prices is None else sc.TransitionPrices(
            _range(prices.per_fte_moved) or zero, _range(prices.per_system_split) or zero,
            _range(prices.per_contract) or zero, prices.source),
    )
