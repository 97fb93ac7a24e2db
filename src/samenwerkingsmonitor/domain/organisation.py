"""Who cooperates with whom, in what form, and when (docs/organisation-file.md).

The organisation file is parsed by adapters/organisation/file.py into these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from samenwerkingsmonitor.domain.ids import unit_id
from samenwerkingsmonitor.domain.periods import Validity


class Area(StrEnum):
    POLICY = "beleid"
    OPERATIONS = "bedrijfsvoering"


class LegalForm(StrEnum):
    """Legal forms of docs/glossary.md, lightest first."""

    PRIVATE_LAW = "privaatrechtelijk"
    PLAIN_ARRANGEMENT = "regeling_zonder_meer"
    CENTRE_ARRANGEMENT = "centrumregeling"
    JOINT_BODY = "gemeenschappelijk_orgaan"
    OPERATIONS_ORGANISATION = "bedrijfsvoeringsorganisatie"
    PUBLIC_BODY = "openbaar_lichaam"
    GEEN = "geen"  # level-1 cooperation without any arrangement


class OrganisationalModel(StrEnum):
    NETWERK = "netwerk"
    CENTRUMGEMEENTE = "centrumgemeente"
    MATRIX = "matrix"
    SHARED_SERVICE_CENTRE = "shared_service_centre"
    WERKORGANISATIE = "werkorganisatie"
    VERVLOCHTEN_TEAMS = "vervlochten_teams"


class SubjectKind(StrEnum):
    MUNICIPALITY = "municipality"
    TEAM = "team"
    COOPERATION = "cooperation"


class ClauseKind(StrEnum):
    EVALUATION = "evaluatie"
    NOTICE = "opzegging"  # withdrawal / uittreding


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Unit:
    """A team of one municipality (owner = CBS code) or a shared team (owner = cooperation)."""

    owner: str
    slug: str
    name: str
    area: Area
    validity: Validity
    task_field: str | None = None
    members: tuple[str, ...] = ()  # for a shared team: the municipal teams it unites
    fictitious: bool = False

    @property
    def id(self) -> str:
        return unit_id(self.owner, self.slug)

    @property
    def is_shared(self) -> bool:
        return bool(self.members)


@dataclass(frozen=True, slots=True)
class CooperationForm:
    """Organisational model and legal form in force during `validity`."""

    validity: Validity
    organisational_model: OrganisationalModel
    legal_form: LegalForm
    centre_municipality: str | None = None
    decision: str | None = None


@dataclass(frozen=True, slots=True)
class Partner:
    code: str
    validity: Validity


@dataclass(frozen=True, slots=True)
class AllocationKey:
    """Verdeelsleutel of one year: share in percent per municipality (sums to 100)."""

    year: int
    shares: tuple[tuple[str, float], ...]
    basis: str = ""
    unit_slug: str | None = None  # None: the key holds for the whole cooperation

    def share_of(self, code: str) -> float | None:
        return dict(self.shares).get(code)


@dataclass(frozen=True, slots=True)
class Clause:
    kind: ClauseKind
    text: str
    validity: Validity
    source: str = ""


@dataclass(frozen=True, slots=True)
class Cooperation:
    slug: str
    name: str
    level: int
    partners: tuple[Partner, ...]
    forms: tuple[CooperationForm, ...]
    purpose: str = ""
    shared_units: tuple[Unit, ...] = ()
    allocation_keys: tuple[AllocationKey, ...] = ()
    clauses: tuple[Clause, ...] = ()
    validity: Validity = field(default_factory=lambda: Validity(1900))

    def form_in(self, year: int) -> CooperationForm | None:
        return next((f for f in self.forms if f.validity.covers(year)), None)

    def partners_in(self, year: int) -> tuple[str, ...]:
        return tuple(p.code for p in self.partners if p.validity.covers(year))

    def units_in(self, year: int) -> tuple[Unit, ...]:
        return tuple(u for u in self.shared_units if u.validity.covers(year))

    def clause_in(self, kind: ClauseKind, year: int) -> Clause | None:
        return next((c for c in self.clauses if c.kind == kind and c.validity.covers(year)), None)


@dataclass(frozen=True, slots=True)
class PeerGroup:
    """Comparable municipalities; `validity` lets the membership change over the years."""

    id: str
    name: str
    members: tuple[str, ...]
    validity: Validity = field(default_factory=lambda: Validity(1900))
    basis: str = ""


@dataclass(frozen=True, slots=True)
class ReferenceSeries:
    """A yearly series such as a price index, with its source."""

    id: str
    name: str
    unit: str
    source: str
    values: tuple[tuple[int, float], ...]

    def value_in(self, year: int) -> float | None:
        return dict(self.values).get(year)


@dataclass(frozen=True, slots=True)
class Evaluation:
    cooperation: str
    title: str
    planned: date
    held: date | None = None
    document: str = ""
    interim: bool = False

    @property
    def held_on_time(self) -> bool:
        return self.held is not None and self.held <= self.planned


@dataclass(frozen=True, slots=True)
class GuidanceGroup:
    """Begeleidingsgroep of council members following an assessment."""

    cooperation: str
    established: date
    members: int
    decision: str = ""
    meetings: tuple[date, ...] = ()


@dataclass(frozen=True, slots=True)
class CouncilDocument:
    """A raadsinformatiebrief (letter) or a raadsbesluit (decision)."""

    kind: str  # "brief" or "besluit"
    number: str
    date: date
    municipality: str
    subject: str
    cooperation: str | None = None
    # A besluit that adopts (vaststelt) the jaarrekening of this year: from then on the data of
    # this municipality up to this year is locked (docs/adr/0011-file-intake.md).
    closes_year: int | None = None


@dataclass(frozen=True, slots=True)
class ProcessFacts:
    evaluations: tuple[Evaluation, ...] = ()
    guidance_groups: tuple[GuidanceGroup, ...] = ()
    council_documents: tuple[CouncilDocument, ...] = ()


@dataclass(frozen=True, slots=True)
class Subject:
    """Anything that can be assessed: a municipality, a team or a cooperation."""

    id: str
    kind: SubjectKind
    name: str
    area: Area | None
    level: int | None
    validity: Validity


@dataclass(frozen=True, slots=True)
class Organisation:
    version: str
    title: str
    municipalities: tuple[Municipality, ...]
    units: tuple[Unit, ...]
    cooperations: tuple[Cooperation, ...]
    peer_groups: tuple[PeerGroup, ...] = ()
    reference_series: tuple[ReferenceSeries, ...] = ()
    process: ProcessFacts = field(default_factory=ProcessFacts)
    fictitious: bool = False

    def subjects(self) -> dict[str, Subject]:
        """Every assessable subject by id."""
        result: dict[str, Subject] = {}
        for m in self.municipalities:
            result[m.code] = Subject(m.code, SubjectKind.MUNICIPALITY, m.name, None, None,
                                     Validity(1900))
        for u in self.all_units():
            result[u.id] = Subject(u.id, SubjectKind.TEAM, u.name, u.area, None, u.validity)
        for c in self.cooperations:
            result[c.slug] = Subject(c.slug, SubjectKind.COOPERATION, c.name, None, c.level,
                                     c.validity)
        return result

    def all_units(self) -> tuple[Unit, ...]:
        return self.units + tuple(u for c in self.cooperations for u in c.shared_units)

    def cooperation_of_unit(self, unit: str) -> Cooperation | None:
        return next((c for c in self.cooperations for u in c.shared_units if u.id == unit), None)

    def peer_group(self, group_id: str) -> PeerGroup | None:
        return next((g for g in self.peer_groups if g.id == group_id), None)

    def peer_groups_of(self, code: str, year: int) -> tuple[PeerGroup, ...]:
        return tuple(g for g in self.peer_groups if code in g.members and g.validity.covers(year))

    def series(self, series_id: str) -> ReferenceSeries | None:
        return next((s for s in self.reference_series if s.id == series_id), None)
