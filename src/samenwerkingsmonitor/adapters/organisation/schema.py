"""The organisation file as pydantic models, and the JSON Schema generated from them.

docs/organisation-file.md, docs/adr/0006-organisation-file.md. The models
describe the TOML file exactly (strict types, no unknown keys); they do not check relations
between parts, which services/organisation/checks.py does on the domain values.

Regenerate the published schema after changing a model:

    .venv/bin/python -m samenwerkingsmonitor.adapters.organisation.schema
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from samenwerkingsmonitor.adapters.intake.toml_schema import PublishedSchema, TomlJsonSchema
from samenwerkingsmonitor.domain.organisation import (
    Area,
    ClauseKind,
    LegalForm,
    OrganisationalModel,
)

FORMAT_VERSION = 1
SCHEMA_FILE = "organisation.schema.json"

CODE_PATTERN = r"^GM[0-9]{4}$"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
TEAM_REF_PATTERN = r"^GM[0-9]{4}/[a-z0-9]+(?:-[a-z0-9]+)*$"
YEAR_KEY_PATTERN = r"^[0-9]{4}$"

Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
TeamRef = Annotated[str, StringConstraints(pattern=TEAM_REF_PATTERN)]
YearKey = Annotated[str, StringConstraints(pattern=YEAR_KEY_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
Year = Annotated[int, Field(ge=1900, le=2200)]

AreaValue = Literal[tuple(a.value for a in Area)]  # type: ignore[valid-type]
LegalFormValue = Literal[tuple(f.value for f in LegalForm)]  # type: ignore[valid-type]
ModelValue = Literal[tuple(m.value for m in OrganisationalModel)]  # type: ignore[valid-type]
ClauseKindValue = Literal[tuple(k.value for k in ClauseKind)]  # type: ignore[valid-type]

VALID_FROM = "Eerste jaar waarin dit geldt (heel kalenderjaar)."
VALID_UNTIL = "Laatste jaar waarin dit geldt, inclusief; weglaten = nog geldig."


class FileModel(BaseModel):
    """Strict: TOML already has types, so '2019' is not a year and 1 is not true."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class Period(FileModel):
    valid_from: Year = Field(description=VALID_FROM)
    valid_until: Year | None = Field(None, description=VALID_UNTIL)


class MunicipalityEntry(FileModel):
    code: Code = Field(description="CBS-gemeentecode, bijvoorbeeld GM0397.")
    name: Text


class TeamEntry(Period):
    owner: Code = Field(description="CBS-code van de gemeente waartoe het team hoort.")
    slug: Slug
    name: Text
    area: AreaValue = Field(description="beleid of bedrijfsvoering.")
    task_field: str | None = Field(None, description="Taakveld (BBV), bijvoorbeeld 0.4.")
    fictitious: bool | None = Field(None, description="Standaard: de waarde bovenaan het bestand.")


class PartnerEntry(Period):
    code: Code


class FormEntry(Period):
    organisational_model: ModelValue
    legal_form: LegalFormValue
    centre_municipality: Code | None = None
    decision: str | None = Field(None, description="Besluit waarmee deze vorm is aangegaan.")


class SharedTeamEntry(Period):
    slug: Slug
    name: Text
    area: AreaValue
    task_field: str | None = None
    members: list[TeamRef] = Field(
        min_length=1, description="De teams van de partners die dit gedeelde team vormen."
    )
    fictitious: bool | None = None


class AllocationKeyEntry(FileModel):
    year: Year
    team: Slug | None = Field(None, description="Gedeeld team; weglaten = hele samenwerking.")
    basis: str = Field("", description="Grondslag, bijvoorbeeld inwoners op 1 januari.")
    shares: dict[Code, float] = Field(description="Aandeel in procent per gemeente; samen 100.")


class ClauseEntry(Period):
    kind: ClauseKindValue
    text: Text
    source: str = ""


class CooperationEntry(Period):
    slug: Slug
    name: Text
    level: Literal[1, 2] = Field(description="1: kennis en projecten; 2: gezamenlijk personeel.")
    purpose: str = ""
    partners: list[PartnerEntry] = Field(min_length=1)
    forms: list[FormEntry] = []
    shared_teams: list[SharedTeamEntry] = []
    allocation_keys: list[AllocationKeyEntry] = []
    clauses: list[ClauseEntry] = []


class PeerGroupEntry(Period):
    id: Slug
    name: Text
    basis: str = ""
    members: list[Code] = Field(min_length=1)


class ReferenceSeriesEntry(FileModel):
    id: Slug
    name: Text
    unit: Text
    source: Text
    values: dict[YearKey, float] = Field(min_length=1, description="Waarde per jaar.")


class EvaluationEntry(FileModel):
    cooperation: Slug
    title: Text
    planned: dt.date
    held: dt.date | None = None
    document: str = ""
    interim: bool = False


class GuidanceGroupEntry(FileModel):
    cooperation: Slug
    established: dt.date
    members: int = Field(ge=1, description="Aantal raadsleden.")
    decision: str = ""
    meetings: list[dt.date] = []


class CouncilDocumentEntry(FileModel):
    kind: Literal["brief", "besluit"] = Field(
        description="brief: raadsinformatiebrief; besluit: raadsbesluit."
    )
    number: Text
    date: dt.date
    municipality: Code
    subject: Text
    cooperation: Slug | None = None
    closes_year: int | None = Field(
        None, ge=1900, le=2200,
        description="Alleen bij een besluit: het jaar waarvan dit besluit de jaarrekening "
                    "vaststelt. Waarden van de gemeente tot en met dat jaar liggen daarna vast; "
                    "een import die ze aanvult vraagt een reden (--reason).")


class ProcessSection(FileModel):
    evaluations: list[EvaluationEntry] = []
    guidance_groups: list[GuidanceGroupEntry] = []
    council_documents: list[CouncilDocumentEntry] = []


class OrganisationFile(FileModel):
    """Everything that is not a yearly number (docs/organisation-file.md)."""

    model_config = ConfigDict(
        extra="forbid", strict=True, allow_inf_nan=False,
        title="Organisatiebestand van samenwerkingsmonitor",
    )

    format_version: Literal[1]
    version: Text = Field(description="Versie van dit bestand, bijvoorbeeld 2026-1.")
    title: Text
    fictitious: bool = Field(False, description="true: (deels) verzonnen voorbeeldgegevens.")
    municipalities: list[MunicipalityEntry] = Field(min_length=1)
    teams: list[TeamEntry] = []
    cooperations: list[CooperationEntry] = []
    peer_groups: list[PeerGroupEntry] = []
    reference_series: list[ReferenceSeriesEntry] = []
    process: ProcessSection = ProcessSection()


def all_field_names() -> frozenset[str]:
    """Every key the file knows, for 'did you mean' hints."""
    names: set[str] = set()
    for model in FileModel.__subclasses__() + Period.__subclasses__():
        names.update(model.model_fields)
    return frozenset(names)


class _OrganisationJsonSchema(TomlJsonSchema):
    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        result = super().dict_schema(schema)
        if "patternProperties" in result:  # a key that matches no pattern is an error
            result["additionalProperties"] = False
        return result


PUBLISHED = PublishedSchema(SCHEMA_FILE, OrganisationFile, _OrganisationJsonSchema)
generated_schema = PUBLISHED.generated
schema_text = PUBLISHED.text
published_schema_text = PUBLISHED.published_text
write_published_schema = PUBLISHED.write


if __name__ == "__main__":
    package = Path(__file__).resolve().parents[2]
    written = write_published_schema(package / "schemas")
    sys.stdout.write(f"{written}\n")
