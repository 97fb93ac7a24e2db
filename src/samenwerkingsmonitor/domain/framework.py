"""The toetsingskader: criteria, indicators, norms and roll-up rules (docs/framework-file.md).

Frameworks are data: adapters/frameworks/file.py reads them from TOML into these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from samenwerkingsmonitor.domain.organisation import Area, SubjectKind
from samenwerkingsmonitor.domain.verdicts import Verdict

UNITS: tuple[str, ...] = (
    "aantal", "fte", "eur", "pct", "fte_per_1000", "eur_per_inwoner", "score_1_5",
    "score_1_10", "ja_nee", "dagen", "uren", "index", "jaren",
)
"""The closed list of unit codes the framework schema publishes."""

SCALE_UNITS: dict[str, tuple[str, ...]] = {
    "ja_nee": ("ja", "nee"),
    "score_1_5": ("1", "2", "3", "4", "5"),
}
"""Units whose values are points on an ordinal scale rather than numbers. `score_1_10` is a
number (an average report mark such as 7.4), so it is not a scale here."""


class Direction(StrEnum):
    HIGHER_IS_BETTER = "hoger_is_beter"
    LOWER_IS_BETTER = "lager_is_beter"
    NEUTRAL = "neutraal"


class IndicatorKind(StrEnum):
    INPUT = "invoer"
    DERIVED = "afgeleid"


class SourceType(StrEnum):
    MEASURED = "gemeten"
    ASSESSED = "beoordeeld"  # judged by a person, e.g. from interviews
    COMPUTED = "berekend"  # computed by the program (e.g. from a competence matrix), not asked


class NormKind(StrEnum):
    ABSOLUTE = "absoluut"
    BASELINE = "nulmeting"
    PEER = "vergelijkingsgroep"
    TREND = "trend"
    QUALITATIVE = "kwalitatief"
    BUDGET = "begroting"  # realisatie against the begroting of the same year (ADR 0024)


class NormSourceKind(StrEnum):
    LAW = "wet"
    POLICY = "beleid"
    LITERATURE = "literatuur"
    PROFESSIONAL_JUDGEMENT = "professioneel_oordeel"


class RollupRule(StrEnum):
    WEAKEST_LINK = "zwakste_schakel"
    MAJORITY = "meerderheid"
    WEIGHTED = "gewogen"
    DECISION_TABLE = "beslistabel"


class AdoptionStatus(StrEnum):
    CONCEPT = "concept"
    ADOPTED = "vastgesteld"


@dataclass(frozen=True, slots=True)
class Bound:
    """One threshold: the value and whether reaching it exactly counts."""

    value: float
    inclusive: bool = True


@dataclass(frozen=True, slots=True)
class NormSource:
    kind: NormSourceKind
    reference: str
    owner: str
    example: bool = False  # an example value for the council to set, not authoritative


@dataclass(frozen=True, slots=True)
class Norm:
    """What counts as good for one indicator. Which fields matter depends on `kind`.

    - absoluut: `target`/`signal` thresholds in the indicator's direction, or a band
      `band_low`..`band_high` (target) inside `signal_low`..`signal_high`.
    - nulmeting: change in percent against the baseline, `target`/`signal` in percent,
      optionally in constant prices via `price_index` (a reference series id).
    - vergelijkingsgroep: `target`/`signal` are percentiles of the peer group's values
      (comparable values only); `peer_group` names the group, or `peer_rule` =
      "inwonersklasse" compares each municipality with its own CBS size class of that year
      (domain/size_classes.py); `min_peers` the minimum count.
    - trend: improvement in percent per year over `years` years (least squares),
      `target`/`signal` in percent per year.
    - kwalitatief: `scale` maps each scale value to a verdict.
    - begroting: deviation of the realisatie from the begroting of the same year in percent,
      (realisatie - begroting) / |begroting| x 100, `target`/`signal` in percent in the
      indicator's direction (lager_is_beter: at most target % over budget).
    """

    id: str
    indicator: str
    kind: NormKind
    source: NormSource
    target: Bound | None = None
    signal: Bound | None = None
    band_low: Bound | None = None
    band_high: Bound | None = None
    signal_low: Bound | None = None
    signal_high: Bound | None = None
    price_index: str | None = None
    peer_group: str | None = None
    peer_rule: str | None = None  # "inwonersklasse": the own CBS size class per year
    min_peers: int = 3
    years: int = 3
    scale: tuple[tuple[str, Verdict], ...] = ()
    measurement_kind: str = "realisatie"
    first_year: int | None = None
    description: str = ""

    @property
    def is_band(self) -> bool:
        return self.band_low is not None or self.band_high is not None


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str
    unit: str
    kind: IndicatorKind
    direction: Direction = Direction.NEUTRAL
    definition: str = ""
    criterion: str | None = None
    formula: str | None = None
    applies_to: tuple[SubjectKind, ...] = (SubjectKind.MUNICIPALITY,)
    area: tuple[Area, ...] = (Area.POLICY, Area.OPERATIONS)
    levels: tuple[int, ...] = (1, 2)
    source_type: SourceType = SourceType.MEASURED
    minimum: float | None = None
    maximum: float | None = None
    decimals: int = 1
    variant: str = ""
    # published anyway: P&C (begroting, jaarrekening, BBV), CBS, or for a cooperation the
    # public text of the regeling and council decisions (issue 14)
    pc_source: bool = False
    source_hint: str = ""
    weight: float = 1.0  # for the weighted roll-up

    @property
    def is_scale(self) -> bool:
        return self.unit in SCALE_UNITS


@dataclass(frozen=True, slots=True)
class DecisionRow:
    """First matching row wins: every named indicator's verdict must be in its set."""

    when: tuple[tuple[str, tuple[Verdict, ...]], ...]
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class Rollup:
    rule: RollupRule
    decision_rows: tuple[DecisionRow, ...] = ()
    otherwise: Verdict = Verdict.NOT_ASSESSABLE


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    name: str
    description: str = ""
    area: tuple[Area, ...] = (Area.POLICY, Area.OPERATIONS)
    levels: tuple[int, ...] = (2,)
    parent: str | None = None
    rollup: Rollup = field(default_factory=lambda: Rollup(RollupRule.WEAKEST_LINK))
    light_check: bool = False  # part of the light check for level-1 cooperation


@dataclass(frozen=True, slots=True)
class Adoption:
    status: AdoptionStatus
    decision: str = ""
    date: str = ""


@dataclass(frozen=True, slots=True)
class SignalSettings:
    """When a signal warns before a norm is crossed (docs/adr/0021-judgements-and-sign-off.md):
    worse `worse_years` years in a row while still within the norm, or a value more than
    `jump_tolerance_pct` % away from the trend of the years before it."""

    worse_years: int = 3
    jump_tolerance_pct: float = 25.0


@dataclass(frozen=True, slots=True)
class Framework:
    format_version: int
    id: str
    version: str
    title: str
    source: str
    adoption: Adoption
    first_year: int
    last_year: int
    criteria: tuple[Criterion, ...]
    indicators: tuple[Indicator, ...]
    norms: tuple[Norm, ...]
    description: str = ""
    signals: SignalSettings = field(default_factory=SignalSettings)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def norms_for(self, indicator_id: str) -> tuple[Norm, ...]:
        return tuple(n for n in self.norms if n.indicator == indicator_id)

    def indicators_of(self, criterion_id: str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.criterion == criterion_id)

    def children_of(self, criterion_id: str) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.parent == criterion_id)
