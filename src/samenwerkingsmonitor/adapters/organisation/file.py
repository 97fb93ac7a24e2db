"""Reading the organisation file: TOML syntax, the schema, and conversion to domain values.

`read_organisation` is the reader that services/organisation/register.py expects. Problems come back
as an OrganisationInvalid whose report locates each one by line and key path, such as
`cooperations[heemstede-bloemendaal].shared_teams[communicatie].members[1]`: an element of a
list of tables is named by its id (code, slug or id) where it has one, otherwise by its
position counted from 1.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

from pydantic import ValidationError

from samenwerkingsmonitor.adapters.intake.toml_locations import KeyPath, TomlLineIndex
from samenwerkingsmonitor.adapters.organisation.messages import (
    TOML_SYNTAX_HINT,
    schema_message,
    toml_error_parts,
    toml_syntax_message,
)
from samenwerkingsmonitor.adapters.organisation.schema import (
    CooperationEntry,
    OrganisationFile,
    Period,
    ProcessSection,
    SharedTeamEntry,
    TeamEntry,
)
from samenwerkingsmonitor.domain import organisation as org
from samenwerkingsmonitor.domain.periods import Validity
from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.organisation.ports import ParsedOrganisation
from samenwerkingsmonitor.services.organisation.register import refused

# The key that names an element of each list of tables.
_ID_KEYS = {"municipalities": "code", "cooperations": "slug", "partners": "code",
            "shared_teams": "slug", "peer_groups": "id", "reference_series": "id"}


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
        parent_key = ""
        for step in path:
            if isinstance(step, int):
                element = node[step] if isinstance(node, list) and step < len(node) else None
                text += f"[{_element_name(parent_key, element) or step + 1}]"
                node = element
            else:
                text += f".{step}" if text else step
                node = node.get(step) if isinstance(node, dict) else None
                parent_key = step
        return text


def _element_name(list_key: str, element: Any) -> str | None:
    if not isinstance(element, dict):
        return None
    if list_key == "teams":
        owner, slug = element.get("owner"), element.get("slug")
        return f"{owner}/{slug}" if isinstance(owner, str) and isinstance(slug, str) else None
    name = element.get(_ID_KEYS.get(list_key, ""))
    return name if isinstance(name, str) and name else None


def parse_toml(text: str, file_name: str) -> dict[str, Any]:
    text = text.removeprefix("\ufeff")  # a BOM from a Windows editor is not part of the TOML
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


def read_organisation(text: str, file_name: str) -> ParsedOrganisation:
    """Syntax and schema of one organisation file; the checks between parts come after."""
    data = parse_toml(text, file_name)
    locate = KeyPathLocator(file_name, text, data)
    try:
        model = OrganisationFile.model_validate(data)
    except ValidationError as error:
        report = ValidationReport()
        for detail in error.errors(include_url=False):
            path = tuple(step for step in detail["loc"] if step != "[key]")
            message, hint = schema_message(detail)
            report.add(locate(path), message, hint)
        raise refused(file_name, report) from None
    return ParsedOrganisation(to_domain(model), locate)


def read_organisation_file_data(text: str, file_name: str) -> dict[str, Any]:
    """The file as JSON-compatible data (dates as ISO text), to check with the JSON Schema."""
    return _json_compatible(parse_toml(text, file_name))


def _json_compatible(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _json_compatible(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_compatible(item) for item in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


# conversion to domain values
def _validity(entry: Period) -> Validity:
    return Validity(entry.valid_from, entry.valid_until)


def _team(entry: TeamEntry, fictitious: bool) -> org.Unit:
    return org.Unit(owner=entry.owner, slug=entry.slug, name=entry.name,
                    area=org.Area(entry.area), validity=_validity(entry),
                    task_field=entry.task_field,
                    fictitious=fictitious if entry.fictitious is None else entry.fictitious)


def _shared_team(owner: str, entry: SharedTeamEntry, fictitious: bool) -> org.Unit:
    return org.Unit(owner=owner, slug=entry.slug, name=entry.name, area=org.Area(entry.area),
                    validity=_validity(entry), task_field=entry.task_field,
                    members=tuple(entry.members),
                    fictitious=fictitious if entry.fictitious is None else entry.fictitious)


def _cooperation(entry: CooperationEntry, fictitious: bool) -> org.Cooperation:
    return org.Cooperation(
        slug=entry.slug, name=entry.name, level=entry.level, purpose=entry.purpose,
        validity=_validity(entry),
        partners=tuple(org.Partner(p.code, _validity(p)) for p in entry.partners),
        forms=tuple(
            org.CooperationForm(_validity(f), org.OrganisationalModel(f.organisational_model),
                                org.LegalForm(f.legal_form), f.centre_municipality, f.decision)
            for f in entry.forms),
        shared_units=tuple(_shared_team(entry.slug, t, fictitious) for t in entry.shared_teams),
        allocation_keys=tuple(
            org.AllocationKey(year=k.year, shares=tuple(k.shares.items()), basis=k.basis,
                              unit_slug=k.team)
            for k in entry.allocation_keys),
        clauses=tuple(org.Clause(org.ClauseKind(c.kind), c.text, _validity(c), c.source)
                      for c in entry.clauses),
    )


def _process(section: ProcessSection) -> org.ProcessFacts:
    return org.ProcessFacts(
        evaluations=tuple(org.Evaluation(e.cooperation, e.title, e.planned, e.held, e.document,
                                         e.interim) for e in section.evaluations),
        guidance_groups=tuple(org.GuidanceGroup(g.cooperation, g.established, g.members,
                                                g.decision, tuple(g.meetings))
                              for g in section.guidance_groups),
        council_documents=tuple(org.CouncilDocument(d.kind, d.number, d.date, d.municipality,
                                                    d.subject, d.cooperation, d.closes_year)
                                for d in section.council_documents),
    )


def to_domain(model: OrganisationFile) -> org.Organisation:
    fictitious = model.fictitious
    return org.Organisation(
        version=model.version, title=model.title, fictitious=fictitious,
        municipalities=tuple(org.Municipality(m.code, m.name) for m in model.municipalities),
        units=tuple(_team(t, fictitious) for t in model.teams),
        cooperations=tuple(_cooperation(c, fictitious) for c in model.cooperations),
        peer_groups=tuple(org.PeerGroup(g.id, g.name, tuple(g.members), _validity(g), g.basis)
                          for g in model.peer_groups),
        reference_series=tuple(
            org.ReferenceSeries(s.id, s.name, s.unit, s.source,
                                tuple((int(year), value) for year, value in s.values.items()))
            for s in model.reference_series),
        process=_process(model.process),
    )
