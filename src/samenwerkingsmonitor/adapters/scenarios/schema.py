"""The scenario set file as pydantic models, and the JSON Schema generated from them.

docs/scenarios.md, docs/adr/0022-scenarios-smaa.md. The models describe the TOML file exactly
(strict types, no unknown keys); relations between parts (every alternative has a value for
every criterion, weights name the criteria) are checked in services/scenarios/checks.py.

Regenerate the published schema after changing a model:

    .venv/bin/python -m samenwerkingsmonitor.adapters.scenarios.schema
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from samenwerkingsmonitor.adapters.intake.toml_schema import PublishedSchema
from samenwerkingsmonitor.domain.scenarios import Basis, Direction, Form, VulnerabilityScope

FORMAT_VERSION = 1
SCHEMA_FILE = "scenarios.schema.json"
ID_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
SUBJECT_PATTERN = r"^(?:GM[0-9]{4}|[a-z0-9]+(?:-[a-z0-9]+)*)(?:/[a-z0-9]+(?:-[a-z0-9]+)*)?$"
CODE_PATTERN = r"^GM[0-9]{4}$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
Number = Annotated[float, Field(allow_inf_nan=False)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]

FormValue = Literal[tuple(f.value for f in Form)]  # type: ignore[valid-type]
BasisValue = Literal[tuple(b.value for b in Basis)]  # type: ignore[valid-type]
DirectionValue = Literal[tuple(d.value for d in Direction)]  # type: ignore[valid-type]
ScopeValue = Literal[tuple(s.value for s in VulnerabilityScope)]  # type: ignore[valid-type]


class FileModel(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class RangeEntry(FileModel):
    """A range: low ≤ likely ≤ high."""

    low: Number
    likely: Number
    high: Number


RangeOrNumber = Number | RangeEntry


class CriterionEntry(FileModel):
    id: Id
    name: Text
    unit: Text = Field(description="Eenheid, zoals eur, aantal, score_1_5.")
    direction: DirectionValue = Field(description="hoger_is_beter of lager_is_beter.")
    description: str = ""


class ValueEntry(FileModel):
    """Where one value comes from; `basis` says which other keys apply."""

    basis: BasisValue = Field(description="toetsing, pc, kwetsbaarheid, frictiekosten, oordeel "
                                          "of schatting.")
    source: Text | None = Field(None, description="Document of persoon waar de waarde vandaan "
                                                  "komt; verplicht bij oordeel en schatting.")
    value: Number | None = Field(None, description="Een vaste waarde (oordeel, schatting).")
    low: Number | None = None
    likely: Number | None = None
    high: Number | None = None
    indicator: Id | None = Field(None, description="toetsing: indicator uit de laatste toetsing.")
    spread_pct: Annotated[float, Field(ge=0, le=100)] | None = Field(
        None, description="toetsing, kwetsbaarheid: bandbreedte in procenten rond de waarde.")
    factor: RangeOrNumber | None = Field(None, description="pc: maal de kosten van nu.")
    measure: Id | None = Field(None, description="kwetsbaarheid: maat uit de analyse, zoals "
                                                 "eenmanstaken_kritiek_aantal.")
    scope: ScopeValue | None = Field(None, description="kwetsbaarheid: gezamenlijk of apart.")


class TransitionEntry(FileModel):
    """The inputs of the frictiekosten model for moving to this alternative."""

    staff_moved_fte: RangeOrNumber = 0.0
    systems_split: RangeOrNumber = 0.0
    contracts: RangeOrNumber = 0.0
    other_eur: RangeOrNumber = 0.0
    note: str = ""


class AlternativeEntry(FileModel):
    id: Id
    name: Text
    form: FormValue
    current: bool = False
    description: str = ""
    transition: TransitionEntry | None = None
    values: dict[Id, ValueEntry] = Field(description="Per criterium-id: waar de waarde vandaan "
                                                     "komt.")


class PricesEntry(FileModel):
    per_fte_moved: RangeOrNumber = Field(description="Euro per fte dat overgaat.")
    per_system_split: RangeOrNumber = Field(description="Euro per systeem dat wordt gesplitst.")
    per_contract: RangeOrNumber = Field(description="Euro per contract dat opnieuw moet.")
    source: Text


class WeightsEntry(FileModel):
    exact: dict[Id, Share] | None = Field(None, description="Vaste gewichten die optellen tot 1.")
    lower: dict[Id, Share] | None = Field(None, description="Ondergrens per criterium.")
    upper: dict[Id, Share] | None = Field(None, description="Bovengrens per criterium.")
    rank: dict[Id, Annotated[int, Field(ge=1)]] | None = Field(
        None, description="Rangorde: 1 is het belangrijkst; gelijke nummers laten de volgorde "
                          "open.")


class CouncilEntry(FileModel):
    municipality: Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
    name: Text
    source: Text = Field(description="Besluit, motie of sessie waarin de raad dit zei.")
    weights: WeightsEntry = Field(default_factory=WeightsEntry)


class ScenarioFile(FileModel):
    format_version: Literal[1] = Field(description="Versie van dit bestandsformaat.")
    id: Id
    version: Text
    title: Text
    subject: Annotated[str, StringConstraints(pattern=SUBJECT_PATTERN)] = Field(
        description="Het team of samenwerkingsverband, zoals heemstede-bloemendaal/communicatie.")
    source: Text
    fictitious: bool = False
    description: str = ""
    year: Annotated[int, Field(ge=1900, le=2200)] | None = None
    samples: Annotated[int, Field(ge=1_000, le=10_000_000)] = 100_000
    seed: Annotated[int, Field(ge=0)] | None = None
    criteria: list[CriterionEntry] = Field(min_length=1)
    alternatives: list[AlternativeEntry] = Field(min_length=2)
    councils: list[CouncilEntry] = Field(min_length=1)
    transition_prices: PricesEntry | None = None


SCHEMA = PublishedSchema(SCHEMA_FILE, ScenarioFile, extra={
    "title": "samenwerkingsmonitor scenario set",
    "description": "Vormen van samenwerking vergeleken op criteria, met de weging per raad "
                   "(docs/scenarios.md)."})


def schema_text() -> str:
    return SCHEMA.text()


def published_schema_text() -> str:
    return SCHEMA.published_text()


def all_field_names() -> set[str]:
    names: set[str] = set()
    for model in (RangeEntry, CriterionEntry, ValueEntry, TransitionEntry, AlternativeEntry,
                  PricesEntry, WeightsEntry, CouncilEntry, ScenarioFile):
        names.update(model.model_fields)
    return names


if __name__ == "__main__":  # pragma: no cover - regenerates the published schema
    folder = Path(__file__).resolve().parents[2] / "schemas"
    print(SCHEMA.write(folder), file=sys.stderr)
