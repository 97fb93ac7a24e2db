"""A scenario set: forms of cooperation compared on criteria, with weights per council.

docs/scenarios.md, docs/adr/0022-scenarios-smaa.md. A set names the subject (a shared team or a
cooperation), its criteria, the alternatives (today's form, zelfstandig, centrumgemeente,
bedrijfsvoeringsorganisatie, ...), per alternative and criterion where the value comes from, and
per council what it said about the weights. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Form(StrEnum):
    """The form of cooperation an alternative stands for."""

    HUIDIG = "huidige_vorm"  # today's form, whatever it is
    ZELFSTANDIG = "zelfstandig"  # each municipality alone again (ontvlechten)
    CENTRUMGEMEENTE = "centrumgemeente"
    BEDRIJFSVOERINGSORGANISATIE = "bedrijfsvoeringsorganisatie"
    UITBREIDEN = "uitbreiden"  # the cooperation extended (more teams or partners)
    ANDERS = "anders"


class Basis(StrEnum):
    """Where a criterion value of an alternative comes from."""

    TOETSING = "toetsing"  # the latest assessment run (today's form only)
    PC = "pc"  # team costs from the P&C data (lasten_eur realisatie), times a factor
    KWETSBAARHEID = "kwetsbaarheid"  # the vulnerability analysis, pooled or alone
    FRICTIEKOSTEN = "frictiekosten"  # the transition-cost model of the alternative
    OORDEEL = "oordeel"  # a judgement with a range
    SCHATTING = "schatting"  # an estimate with a range


class Direction(StrEnum):
    HOGER = "hoger_is_beter"
    LAGER = "lager_is_beter"


class VulnerabilityScope(StrEnum):
    GEZAMENLIJK = "gezamenlijk"  # the pooled shared team
    APART = "apart"  # each municipality alone, added up


@dataclass(frozen=True, slots=True)
class Range:
    low: float
    likely: float
    high: float

    @staticmethod
    def exact(value: float) -> Range:
        return Range(value, value, value)

    @property
    def is_exact(self) -> bool:
        return self.low == self.high

    def times(self, factor: Range) -> Range:
        """Each end times the same end of a non-negative factor."""
        return Range(self.low * factor.low, self.likely * factor.likely, self.high * factor.high)


@dataclass(frozen=True, slots=True)
class ScenarioCriterion:
    id: str
    name: str
    unit: str
    direction: Direction
    description: str = ""

    @property
    def higher_is_better(self) -> bool:
        return self.direction is Direction.HOGER


@dataclass(frozen=True, slots=True)
class TransitionInputs:
    """What changing to this alternative sets in motion (the frictiekosten model)."""

    staff_moved_fte: Range
    systems_split: Range
    contracts: Range
    other_eur: Range
    note: str = ""


@dataclass(frozen=True, slots=True)
class TransitionPrices:
    """The unit prices of the frictiekosten model, with their source."""

    per_fte_moved: Range
    per_system_split: Range
    per_contract: Range
    source: str


@dataclass(frozen=True, slots=True)
class Alternative:
    id: str
    name: str
    form: Form
    current: bool = False
    description: str = ""
    transition: TransitionInputs | None = None


@dataclass(frozen=True, slots=True)
class ValueSpec:
    """Where the value of one alternative on one criterion comes from."""

    alternative: str
    criterion: str
    basis: Basis
    source: str
    range: Range | None = None  # oordeel and schatting
    indicator: str | None = None  # toetsing
    spread_pct: float = 0.0  # toetsing and kwetsbaarheid: ± this % around the value
    factor: Range | None = None  # pc: times today's costs
    measure: str | None = None  # kwetsbaarheid: an aggregate id
    scope: VulnerabilityScope | None = None  # kwetsbaarheid


@dataclass(frozen=True, slots=True)
class CouncilWeights:
    """What one council said about the weights: exact weights, intervals, a rank order
    (1 = most important, equal numbers leave their order open), or intervals and a rank
    order together. Nothing at all means: every weighting counts."""

    municipality: str
    name: str
    source: str
    exact: dict[str, float] | None = None
    lower: dict[str, float] | None = None
    upper: dict[str, float] | None = None
    rank: dict[str, int] | None = None

    @property
    def kind(self) -> str:
        if self.exact is not None:
            return "exact"
        if self.rank is not None and (self.lower or self.upper):
            return "rangorde_en_grenzen"
        if self.rank is not None:
            return "rangorde"
        if self.lower or self.upper:
            return "grenzen"
        return "vrij"


@dataclass(frozen=True)
class ScenarioSet:
    id: str
    version: str
    title: str
    subject: str
    source: str
    fictitious: bool
    criteria: tuple[ScenarioCriterion, ...]
    alternatives: tuple[Alternative, ...]
    values: tuple[ValueSpec, ...]
    councils: tuple[CouncilWeights, ...]
    prices: TransitionPrices | None = None
    samples: int = 100_000
    seed: int | None = None
    year: int | None = None  # the year whose data count (None: the newest)
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def criterion(self, criterion_id: str) -> ScenarioCriterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def alternative(self, alternative_id: str) -> Alternative:
        return next(a for a in self.alternatives if a.id == alternative_id)

    def value(self, alternative: str, criterion: str) -> ValueSpec | None:
        return next((v for v in self.values
                     if v.alternative == alternative and v.criterion == criterion), None)
