"""The framework file (docs/framework-file.md) as pydantic models, their conversion to and from the
domain values, and the JSON Schema generated from them (docs/framework-file.md).

The models describe the TOML file exactly: strict types (TOML already has types, so "2019" is
no year and 1 is not true) and no unknown keys. Relations between parts (references, formulas,
norm kinds against units) are checked by services/frameworks/load.py on the domain values.

Regenerate the published schema after changing a model:

    .venv/bin/python -m samenwerkingsmonitor.adapters.frameworks.file --write-schema
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic.json_schema import WithJsonSchema

from samenwerkingsmonitor.domain.framework import (
    UNITS,
    Adoption,
    AdoptionStatus,
    Bound,
    Criterion,
    DecisionRow,
    Direction,
    Framework,
    Indicator,
    IndicatorKind,
    Norm,
    NormKind,
    NormSource,
    NormSourceKind,
    Rollup,
    RollupRule,
    SignalSettings,
    SourceType,
)
from samenwerkingsmonitor.domain.measurements import MeasurementKind
from samenwerkingsmonitor.domain.organisation import Area, SubjectKind
from samenwerkingsmonitor.domain.verdicts import Verdict

FORMAT_VERSION = 1
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
FRAMEWORK_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
FrameworkId = Annotated[str, StringConstraints(pattern=FRAMEWORK_ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
Year = Annotated[int, Field(ge=1900, le=2200)]
Unit = Annotated[str, WithJsonSchema({"type": "string", "enum": list(UNITS)})]

AreaValue = Literal[tuple(a.value for a in Area)]  # type: ignore[valid-type]
LevelValue = Literal[1, 2]
VerdictValue = Literal[tuple(v.value for v in Verdict)]  # type: ignore[valid-type]
RuleValue = Literal[tuple(r.value for r in RollupRule)]  # type: ignore[valid-type]
StateValue = Literal[tuple(s.value for s in AdoptionStatus)]  # type: ignore[valid-type]
DirectionValue = Literal[tuple(d.value for d in Direction)]  # type: ignore[valid-type]
KindValue = Literal[tuple(k.value for k in IndicatorKind)]  # type: ignore[valid-type]
SubjectValue = Literal[tuple(s.value for s in SubjectKind)]  # type: ignore[valid-type]
SourceTypeValue = Literal[tuple(s.value for s in SourceType)]  # type: ignore[valid-type]
NormKindValue = Literal[tuple(k.value for k in NormKind)]  # type: ignore[valid-type]
NormSourceValue = Literal[tuple(k.value for k in NormSourceKind)]  # type: ignore[valid-type]
MeasurementValue = Literal[tuple(k.value for k in MeasurementKind)]  # type: ignore[valid-type]

BOTH_AREAS = [a.value for a in Area]


class FileModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class StatusEntry(FileModel):
    state: StateValue = Field(description="concept of vastgesteld")
    decision: str = Field("", description="Het raadsbesluit dat het kader vaststelt.")
    date: str = Field("", description="Datum van het besluit, JJJJ-MM-DD.")


class PeriodEntry(FileModel):
    first: Year = Field(description="Eerste jaar waarvoor het kader geldt.")
    last: Year = Field(description="Laatste jaar waarvoor het kader geldt, inclusief.")


class DecisionRowEntry(FileModel):
    when: dict[Id, list[VerdictValue]] = Field(
        description="Per indicator (of subcriterium) de oordelen waarbij deze rij geldt.")
    verdict: VerdictValue


class RollupEntry(FileModel):
    rule: RuleValue
    otherwise: VerdictValue = Verdict.NOT_ASSESSABLE.value
    rows: list[DecisionRowEntry] = Field(
        default_factory=list, description="Beslistabel: de eerste passende rij geldt.")


class CriterionEntry(FileModel):
    id: Id
    name: Text
    description: str = ""
    area: list[AreaValue] = Field(default_factory=lambda: list(BOTH_AREAS))
    levels: list[LevelValue] = Field(default_factory=lambda: [2])
    parent: Id | None = Field(None, description="Bovenliggend criterium (subcriterium).")
    light_check: bool = Field(False, description="Onderdeel van de lichte toets (niveau 1).")
    rollup: RollupEntry = Field(
        default_factory=lambda: RollupEntry(rule=RollupRule.WEAKEST_LINK.value))


class IndicatorEntry(FileModel):
    id: Id
    name: Text
    unit: Unit
    kind: KindValue
    direction: DirectionValue = Direction.NEUTRAL.value
    definition: str = ""
    criterion: Id | None = None
    formula: str | None = Field(None, description="Alleen bij kind = afgeleid.")
    applies_to: list[SubjectValue]
    area: list[AreaValue] = Field(default_factory=lambda: list(BOTH_AREAS))
    levels: list[LevelValue] = Field(default_factory=lambda: [1, 2])
    source_type: SourceTypeValue = SourceType.MEASURED.value
    min: float | None = None
    max: float | None = None
    decimals: int = Field(1, ge=0, le=6)
    variant: str = ""
    pc_source: bool = Field(False, description=(
        "Wordt toch al gepubliceerd: begroting, jaarrekening (BBV), CBS, of voor een "
        "samenwerking de tekst van de regeling en raadsbesluiten."))
    source_hint: str = ""
    weight: float = Field(1.0, description="Gewicht bij de gewogen samenvatting; > 0.")


class BoundEntry(FileModel):
    value: float
    inclusive: bool = True


def _number_as_bound(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"value": value}
    return value


BOUND_JSON_SCHEMA = {
    "anyOf": [
        {"type": "number"},
        {
            "type": "object",
            "properties": {"value": {"type": "number"}, "inclusive": {"type": "boolean"}},
            "required": ["value"],
            "additionalProperties": False,
        },
    ],
    "description": "Een getal (grens telt mee) of { value = ..., inclusive = false }.",
}
BoundValue = Annotated[
    BoundEntry, BeforeValidator(_number_as_bound), WithJsonSchema(BOUND_JSON_SCHEMA)
]


class NormSourceEntry(FileModel):
    kind: NormSourceValue
    reference: Text
    owner: Text
    example: bool = Field(False, description="Voorbeeldnorm: de raad stelt de waarde vast.")


class NormEntry(FileModel):
    id: Id
    indicator: Id
    kind: NormKindValue
    source: NormSourceEntry
    target: BoundValue | None = None
    signal: BoundValue | None = None
    band_low: BoundValue | None = None
    band_high: BoundValue | None = None
    signal_low: BoundValue | None = None
    signal_high: BoundValue | None = None
    price_index: str | None = None
    peer_group: str | None = None
    peer_rule: Literal["inwonersklasse"] | None = Field(None, description=(
        "In plaats van een vaste groep: elke gemeente tegenover de gemeenten in haar eigen "
        "CBS-inwonersklasse van dat jaar, volgens de opgeslagen inwoners."))
    min_peers: int = Field(3, ge=1)
    years: int = Field(3, ge=2)
    scale: dict[str, VerdictValue] = Field(default_factory=dict)
    measurement_kind: MeasurementValue = MeasurementKind.ACTUAL.value
    first_year: Year | None = None
    description: str = ""


class SignalsEntry(FileModel):
    worse_years: int = Field(3, ge=2, le=20, description=(
        "Signaal als een waarde zoveel jaren op rij slechter wordt, ook binnen de norm."))
    jump_tolerance_pct: float = Field(25.0, gt=0, le=1000, description=(
        "Signaal als een waarde meer dan dit percentage van de trend van de jaren ervoor "
        "afwijkt."))


class FrameworkFile(FileModel):
    format_version: Literal[1]
    id: FrameworkId
    version: Text
    title: Text
    source: Text
    description: str = ""
    status: StatusEntry
    period: PeriodEntry
    criteria: list[CriterionEntry]
    indicators: list[IndicatorEntry]
    norms: list[NormEntry] = Field(default_factory=list)
    signals: SignalsEntry = Field(default_factory=SignalsEntry)


SECTION_MODELS: dict[str, type[FileModel]] = {
    "criteria": CriterionEntry, "indicators": IndicatorEntry, "norms": NormEntry,
}


def all_field_names() -> frozenset[str]:
    """Every key the file may hold, for 'did you mean' hints."""
    models: list[type[FileModel]] = [
        FrameworkFile, StatusEntry, PeriodEntry, DecisionRowEntry, RollupEntry, CriterionEntry,
        IndicatorEntry, BoundEntry, NormSourceEntry, NormEntry, SignalsEntry,
    ]
    return frozenset(name for model in models for name in model.model_fields)


# --- file model -> domain ------------------------------------------------------------------

def _bound(entry: BoundEntry | None) -> Bound | None:
    return None if entry is None else Bound(entry.value, entry.inclusive)


def criterion_to_domain(entry: CriterionEntry) -> Criterion:
    rows = tuple(
        DecisionRow(
            when=tuple((key, tuple(Verdict(v) for v in values))
                       for key, values in row.when.items()),
            verdict=Verdict(row.verdict),
        )
        for row in entry.rollup.rows
    )
    return Criterion(
        id=entry.id, name=entry.name, description=entry.description,
        area=tuple(Area(a) for a in entry.area), levels=tuple(entry.levels),
        parent=entry.parent, light_check=entry.light_check,
        rollup=Rollup(RollupRule(entry.rollup.rule), rows, Verdict(entry.rollup.otherwise)),
    )


def indicator_to_domain(entry: IndicatorEntry) -> Indicator:
    return Indicator(
        id=entry.id, name=entry.name, unit=entry.unit, kind=IndicatorKind(entry.kind),
        direction=Direction(entry.direction), definition=entry.definition,
        criterion=entry.criterion, formula=entry.formula,
        applies_to=tuple(SubjectKind(s) for s in entry.applies_to),
        area=tuple(Area(a) for a in entry.area), levels=tuple(entry.levels),
        source_type=SourceType(entry.source_type), minimum=entry.min, maximum=entry.max,
        decimals=entry.decimals, variant=entry.variant, pc_source=entry.pc_source,
        source_hint=entry.source_hint, weight=entry.weight,
    )


def norm_to_domain(entry: NormEntry) -> Norm:
    source = NormSource(NormSourceKind(entry.source.kind), entry.source.reference,
                        entry.source.owner, entry.source.example)
    return Norm(
        id=entry.id, indicator=entry.indicator, kind=NormKind(entry.kind), source=source,
        target=_bound(entry.target), signal=_bound(entry.signal),
        band_low=_bound(entry.band_low), band_high=_bound(entry.band_high),
        signal_low=_bound(entry.signal_low), signal_high=_bound(entry.signal_high),
        price_index=entry.price_index, peer_group=entry.peer_group, peer_rule=entry.peer_rule,
        min_peers=entry.min_peers, years=entry.years,
        scale=tuple((key, Verdict(v)) for key, v in entry.scale.items()),
        measurement_kind=entry.measurement_kind, first_year=entry.first_year,
        description=entry.description,
    )


def framework_to_domain(entry: FrameworkFile) -> Framework:
    return Framework(
        format_version=entry.format_version, id=entry.id, version=entry.version,
        title=entry.title, source=entry.source,
        adoption=Adoption(AdoptionStatus(entry.status.state), entry.status.decision,
                          entry.status.date),
        first_year=entry.period.first, last_year=entry.period.last,
        criteria=tuple(criterion_to_domain(c) for c in entry.criteria),
        indicators=tuple(indicator_to_domain(i) for i in entry.indicators),
        norms=tuple(norm_to_domain(n) for n in entry.norms),
        description=entry.description,
        signals=SignalSettings(entry.signals.worse_years, entry.signals.jump_tolerance_pct),
    )


# --- domain -> TOML-ready dict -------------------------------------------------------------

def _bound_value(bound: Bound | None) -> Any:
    if bound is None:
        return None
    return bound.value if bound.inclusive else {"value": bound.value, "inclusive": False}


def _compact(data: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """Leave out what TOML cannot hold (None) and what equals the default."""
    return {k: v for k, v in data.items()
            if v is not None and not (k in defaults and defaults[k] == v)}


def _criterion_dict(c: Criterion) -> dict[str, Any]:
    rollup = _compact({
        "rule": c.rollup.rule.value, "otherwise": c.rollup.otherwise.value,
        "rows": [{"when": {k: [v.value for v in vs] for k, vs in row.when},
                  "verdict": row.verdict.value} for row in c.rollup.decision_rows],
    }, {"otherwise": Verdict.NOT_ASSESSABLE.value, "rows": []})
    return _compact({
        "id": c.id, "name": c.name, "description": c.description,
        "area": [a.value for a in c.area], "levels": list(c.levels), "parent": c.parent,
        "light_check": c.light_check, "rollup": rollup,
    }, {"description": "", "area": BOTH_AREAS, "levels": [2], "light_check": False})


def _indicator_dict(i: Indicator) -> dict[str, Any]:
    return _compact({
        "id": i.id, "name": i.name, "unit": i.unit, "kind": i.kind.value,
        "direction": i.direction.value, "definition": i.definition, "criterion": i.criterion,
        "formula": i.formula, "applies_to": [s.value for s in i.applies_to],
        "area": [a.value for a in i.area], "levels": list(i.levels),
        "source_type": i.source_type.value, "min": i.minimum, "max": i.maximum,
        "decimals": i.decimals, "variant": i.variant, "pc_source": i.pc_source,
        "source_hint": i.source_hint, "weight": i.weight,
    }, {"direction": Direction.NEUTRAL.value, "definition": "", "area": BOTH_AREAS,
        "levels": [1, 2], "source_type": SourceType.MEASURED.value, "decimals": 1,
        "variant": "", "pc_source": False, "source_hint": "", "weight": 1.0})


def _norm_dict(n: Norm) -> dict[str, Any]:
    source = _compact({"kind": n.source.kind.value, "reference": n.source.reference,
                       "owner": n.source.owner, "example": n.source.example},
                      {"example": False})
    return _compact({
        "id": n.id, "indicator": n.indicator, "kind": n.kind.value,
        "description": n.description, "target": _bound_value(n.target),
        "signal": _bound_value(n.signal), "band_low": _bound_value(n.band_low),
        "band_high": _bound_value(n.band_high), "signal_low": _bound_value(n.signal_low),
        "signal_high": _bound_value(n.signal_high), "price_index": n.price_index,
        "peer_group": n.peer_group, "peer_rule": n.peer_rule, "min_peers": n.min_peers,
        "years": n.years,
        "scale": {k: v.value for k, v in n.scale}, "measurement_kind": n.measurement_kind,
        "first_year": n.first_year, "source": source,
    }, {"description": "", "min_peers": 3, "years": 3, "scale": {},
        "measurement_kind": MeasurementKind.ACTUAL.value})


def framework_to_dict(framework: Framework) -> dict[str, Any]:
    """The framework as the plain data of its TOML file."""
    status = _compact({"state": framework.adoption.status.value,
                       "decision": framework.adoption.decision,
                       "date": framework.adoption.date}, {"decision": "", "date": ""})
    return _compact({
        "format_version": framework.format_version, "id": framework.id,
        "version": framework.version, "title": framework.title, "source": framework.source,
        "description": framework.description, "status": status,
        "period": {"first": framework.first_year, "last": framework.last_year},
        "criteria": [_criterion_dict(c) for c in framework.criteria],
        "indicators": [_indicator_dict(i) for i in framework.indicators],
        "norms": [_norm_dict(n) for n in framework.norms],
        "signals": _compact({"worse_years": framework.signals.worse_years,
                             "jump_tolerance_pct": framework.signals.jump_tolerance_pct},
                            {"worse_years": 3, "jump_tolerance_pct": 25.0}) or None,
    }, {"description": ""})
