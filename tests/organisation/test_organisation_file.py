"""The organisation file: the example, exact messages on broken files, the published schema."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from samenwerkingsmonitor.adapters.intake.toml_locations import TomlLineIndex
from samenwerkingsmonitor.adapters.organisation.file import (
    read_organisation,
    read_organisation_file_data,
)
from samenwerkingsmonitor.adapters.organisation.schema import (
    published_schema_text,
    schema_text,
)
from samenwerkingsmonitor.domain.organisation import (
    Area,
    ClauseKind,
    LegalForm,
    Organisation,
    OrganisationalModel,
)
from samenwerkingsmonitor.domain.periods import Validity
from samenwerkingsmonitor.errors import OrganisationInvalid
from samenwerkingsmonitor.services.organisation.register import (
    check_organisation_file,
    check_organisation_text,
)
from support.organisation_samples import MINIMAL, changed

EXAMPLE = Path(str(resources.files("samenwerkingsmonitor") / "example" / "organisatie.toml"))


def check(text: str) -> Organisation:
    return check_organisation_text(text, "org.toml", reader=read_organisation)


def problems(text: str) -> list[str]:
    with pytest.raises(OrganisationInvalid) as caught:
        check(text)
    return [issue.describe() for issue in caught.value.report.issues]


@pytest.fixture(scope="module")
def example() -> Organisation:
    return check_organisation_file(EXAMPLE, reader=read_organisation)


# --- the example file ------------------------------------------------------------------------

def cooperation(organisation: Organisation, slug: str):  # type: ignore[no-untyped-def]
    return next(c for c in organisation.cooperations if c.slug == slug)


def test_example_is_marked_fictitious_and_names_both_partners(example: Organisation) -> None:
    assert example.fictitious is True
    assert example.version == "2026-1"
    hb = cooperation(example, "heemstede-bloemendaal")
    assert (hb.level, hb.partners_in(2019)) == (2, ("GM0397", "GM0377"))
    assert {m.code: m.name for m in example.municipalities}["GM0377"] == "Bloemendaal"


@pytest.mark.parametrize(("year", "model", "legal_form"), [
    (2013, OrganisationalModel.VERVLOCHTEN_TEAMS, LegalForm.PRIVATE_LAW),
    (2022, OrganisationalModel.VERVLOCHTEN_TEAMS, LegalForm.PRIVATE_LAW),
    (2023, OrganisationalModel.VERVLOCHTEN_TEAMS, LegalForm.PLAIN_ARRANGEMENT),
    (2030, OrganisationalModel.VERVLOCHTEN_TEAMS, LegalForm.PLAIN_ARRANGEMENT),
])
def test_example_form_of_the_intertwined_teams(example: Organisation, year: int,
                                               model: OrganisationalModel,
                                               legal_form: LegalForm) -> None:
    form = cooperation(example, "heemstede-bloemendaal").form_in(year)
    assert form is not None
    assert (form.organisational_model, form.legal_form, form.centre_municipality) == (
        model, legal_form, "GM0397")


@pytest.mark.parametrize(("unit_id", "validity"), [
    ("heemstede-bloemendaal/informatisering", Validity(2013, 2020)),
    ("gr-dit/informatisering", Validity(2021, None)),
    ("heemstede-bloemendaal/financiele-administratie", Validity(2013, 2022)),
    ("heemstede-bloemendaal/communicatie", Validity(2013, None)),
])
def test_example_shared_team_validity(example: Organisation, unit_id: str,
                                      validity: Validity) -> None:
    unit = next(u for u in example.all_units() if u.id == unit_id)
    assert unit.validity == validity
    assert unit.fictitious is True


@pytest.mark.parametrize(("year", "shared_teams"), [
    (2019, 6),  # the six of docs/organisation-file.md
    (2021, 5),  # informatisering moved to gr-dit
    (2023, 4),  # financiele-administratie taken back (fictitious year)
])
def test_example_number_of_shared_teams_per_year(example: Organisation, year: int,
                                                 shared_teams: int) -> None:
    assert len(cooperation(example, "heemstede-bloemendaal").units_in(year)) == shared_teams


@pytest.mark.parametrize(("slug", "kind", "year", "source_starts"), [
    ("heemstede-bloemendaal", ClauseKind.EVALUATION, 2020, "Samenwerkingsovereenkomst 2013"),
    ("heemstede-bloemendaal", ClauseKind.NOTICE, 2023, "Wet gemeenschappelijke regelingen"),
    ("gr-dit", ClauseKind.EVALUATION, 2024, "Wet gemeenschappelijke regelingen"),
    ("gr-dit", ClauseKind.EVALUATION, 2022, None),
])
def test_example_clause_in(example: Organisation, slug: str, kind: ClauseKind, year: int,
                           source_starts: str | None) -> None:
    clause = cooperation(example, slug).clause_in(kind, year)
    assert (clause.source[: len(source_starts)] if clause and source_starts else clause) == (
        source_starts)


def test_example_allocation_keys_and_other_facts(example: Organisation) -> None:
    hb = cooperation(example, "heemstede-bloemendaal")
    key_2019 = next(k for k in hb.allocation_keys if k.year == 2019 and k.unit_slug is None)
    assert (key_2019.share_of("GM0397"), key_2019.share_of("GM0377")) == (54.1, 45.9)
    assert cooperation(example, "omgevingswet-kennisdeling").level == 1
    assert cooperation(example, "gr-gbkz").form_in(2020).centre_municipality == "GM0377"
    assert example.series("cpi").value_in(2022) == 121.48  # type: ignore[union-attr]
    peers = example.peer_group("vergelijkbare-gemeenten")
    assert peers is not None and "GM0397" in peers.members and len(peers.members) == 8
    interim = example.process.evaluations[0]
    assert (interim.interim, interim.held_on_time) == (True, False)
    assert example.process.guidance_groups[0].members == 4
    assert example.subjects()["GM0397/handhaving-openbare-ruimte"].area == Area.POLICY


# --- broken files: every problem, located, in Dutch --------------------------------------------

BROKEN = [
    pytest.param(changed('name = "Heemstede"\n', ""), [
        "org.toml, regel 5, sleutel municipalities[GM0397].name: Verplichte sleutel 'name' "
        "ontbreekt. Voeg 'name = ...' toe; zie docs/organisation-file.md.",
    ], id="missing key"),
    pytest.param(changed("valid_from = 2013\n\n[[teams]]", 'valid_from = "2013"\nnaam = "x"\n\n'
                         "[[teams]]"), [
        "org.toml, regel 18, sleutel teams[GM0397/communicatie].valid_from: Verwacht een geheel "
        "getal, maar gevonden: de tekst \"2013\".",
        "org.toml, regel 19, sleutel teams[GM0397/communicatie].naam: Onbekende sleutel "
        "'naam'. Bedoelt u 'name'?",
    ], id="wrong type and unknown key"),
    pytest.param(changed('  "GM0377/communicatie",', '  "GM0377/comunicatie",'), [
        "org.toml, regel 53, sleutel cooperations[hb].shared_teams[communicatie].members[2]: "
        "Onbekend team GM0377/comunicatie in samenwerking hb. Een lid van een gedeeld team "
        "moet onder [[teams]] staan. Bedoelt u GM0377/communicatie?",
    ], id="unknown team in a cooperation"),
    pytest.param(changed("centre_municipality = \"GM0397\"\n", "centre_municipality = \"GM0397\""
                         "\n\n[[cooperations.forms]]\nvalid_from = 2020\n"
                         "organisational_model = \"centrumgemeente\"\n"
                         "legal_form = \"centrumregeling\"\n"), [
        "org.toml, regel 47, sleutel cooperations[hb].forms[2]: De vorm vanaf 2020 overlapt met "
        "de vorm vanaf 2013 (regel 41). Per jaar geldt één vorm: laat de ene vorm eindigen "
        "(valid_until) voor de volgende begint.",
    ], id="overlapping forms"),
    pytest.param(changed('code = "GM0377"\nvalid_from = 2013', 'code = "GM0397"\n'
                         'valid_from = 2015\nvalid_until = 2014'), [
        "org.toml, regel 40, sleutel cooperations[hb].partners[GM0397].valid_until: "
        "valid_until 2014 ligt vóór valid_from 2015. Een periode loopt van valid_from tot en "
        "met valid_until, in hele kalenderjaren.",
        "org.toml, regel 54, sleutel cooperations[hb].shared_teams[communicatie].members[2]: "
        "Team GM0377/communicatie hoort bij GM0377, die niet in de hele periode vanaf 2013 "
        "partner is van hb. Voeg GM0377 toe als partner of haal het team uit members.",
        "org.toml, regel 60, sleutel cooperations[hb].allocation_keys[1].shares.GM0377: "
        "Gemeente GM0377 in verdeelsleutel 2019 is in 2019 geen partner van hb. Partners in "
        "2019: GM0397.",
    ], id="partner period backwards, member and share of a non-partner"),
    pytest.param(changed('code = "GM0377"\nvalid_from = 2013', 'code = "GM0397"\n'
                         'valid_from = 2013'), [
        "org.toml, regel 37, sleutel cooperations[hb].partners[GM0397]: Partner GM0397 (vanaf "
        "2013) staat er al in voor de periode vanaf 2013 (regel 33). Noem een partner één keer per "
        "periode; laat perioden niet overlappen.",
        "org.toml, regel 53, sleutel cooperations[hb].shared_teams[communicatie].members[2]: "
        "Team GM0377/communicatie hoort bij GM0377, die niet in de hele periode vanaf 2013 "
        "partner is van hb. Voeg GM0377 toe als partner of haal het team uit members.",
        "org.toml, regel 59, sleutel cooperations[hb].allocation_keys[1].shares.GM0377: "
        "Gemeente GM0377 in verdeelsleutel 2019 is in 2019 geen partner van hb. Partners in "
        "2019: GM0397.",
    ], id="partner listed twice"),
    pytest.param(changed('code = "GM0377"\nname', 'code = "GM377"\nname'), [
        "org.toml, regel 10, sleutel municipalities[GM377].code: Ongeldige gemeentecode "
        "'GM377'. Een gemeentecode is GM gevolgd door vier cijfers (de CBS-code), zoals GM0397.",
    ], id="bad code"),
    pytest.param(changed("GM0377 = 45.9", "GM0377 = 49.5"), [
        "org.toml, regel 59, sleutel cooperations[hb].allocation_keys[1].shares: De aandelen "
        "in verdeelsleutel 2019 tellen op tot 103.6 in plaats van 100. Geef aandelen in "
        "procenten (54.1, niet 0.541) die samen 100 zijn (marge 0.01).",
    ], id="shares not 100"),
    pytest.param(changed("GM0377 = 45.9", "GM0377 = 45.905"), [], id="shares within 0.01"),
    pytest.param(changed('centre_municipality = "GM0397"', 'centre_municipality = "GM0377"')
                 .replace('code = "GM0377"\nvalid_from = 2013',
                          'code = "GM0377"\nvalid_from = 2013\nvalid_until = 2018'), [
        "org.toml, regel 46, sleutel cooperations[hb].forms[1].centre_municipality: "
        "Centrumgemeente GM0377 is niet in de hele periode vanaf 2013 partner van hb. Kies een "
        "partner die de hele periode meedoet: GM0397.",
        "org.toml, regel 54, sleutel cooperations[hb].shared_teams[communicatie].members[2]: "
        "Team GM0377/communicatie hoort bij GM0377, die niet in de hele periode vanaf 2013 "
        "partner is van hb. Voeg GM0377 toe als partner of haal het team uit members.",
        "org.toml, regel 60, sleutel cooperations[hb].allocation_keys[1].shares.GM0377: "
        "Gemeente GM0377 in verdeelsleutel 2019 is in 2019 geen partner van hb. Partners in "
        "2019: GM0397.",
    ], id="centre a partner for only part of the period"),
    pytest.param(changed('centre_municipality = "GM0397"', 'centre_municipality = "GM0384"'), [
        "org.toml, regel 45, sleutel cooperations[hb].forms[1].centre_municipality: "
        "Centrumgemeente GM0384 is niet in de hele periode vanaf 2013 partner van hb. Kies een "
        "partner die de hele periode meedoet: GM0377, GM0397.",
    ], id="centre not a partner"),
    pytest.param(changed("level = 2", "level = 3").replace('legal_form = "privaatrechtelijk"',
                                                           'legal_form = "stichting"'), [
        "org.toml, regel 30, sleutel cooperations[hb].level: Ongeldige waarde '3'. Niveau 1: "
        "informatie-uitwisseling, kennisdeling, gezamenlijke projecten; niveau 2: gezamenlijke "
        "inzet en aansturing van personeel (GR of andere vaste regeling).",
        "org.toml, regel 44, sleutel cooperations[hb].forms[1].legal_form: Ongeldige waarde "
        "'stichting'. Kies uit de juridische vormen: privaatrechtelijk, regeling_zonder_meer, "
        "centrumregeling, gemeenschappelijk_orgaan, bedrijfsvoeringsorganisatie, "
        "openbaar_lichaam, geen.",
    ], id="level and legal form outside their lists"),
    pytest.param(changed('[[cooperations.forms]]\nvalid_from = 2013\norganisational_model = '
                         '"vervlochten_teams"\nlegal_form = "privaatrechtelijk"\n'
                         'centre_municipality = "GM0397"\n', ""), [
        "org.toml, regel 30, sleutel cooperations[hb].level: Samenwerking hb is van niveau 2 "
        "maar heeft geen vorm. Voeg een [[cooperations.forms]] toe met organisational_model en "
        "legal_form.",
    ], id="level 2 without a form"),
    pytest.param(MINIMAL + '\n[[cooperations.allocation_keys]]\nyear = 2019\n'
                           'shares = { GM0397 = 50.0, GM0377 = 50.0 }\n', [
        "org.toml, regel 61, sleutel cooperations[hb].allocation_keys[2]: Er is al een "
        "verdeelsleutel 2019 (regel 57). Geef per jaar (en per gedeeld team) één "
        "verdeelsleutel.",
    ], id="duplicate allocation key"),
    pytest.param(changed('area = "bedrijfsvoering"\nmembers', 'area = "bedrijfsvoering"\n'
                         'valid_until = 2020\nmembers').replace(
        "valid_from = 2013\n\n[[cooperations.allocation_keys]]",
        "valid_from = 2013\n\n[[cooperations.shared_teams]]\nslug = \"communicatie\"\n"
        "name = \"Communicatie\"\narea = \"bedrijfsvoering\"\n"
        "members = [\"GM0397/communicatie\"]\nvalid_from = 2020\n\n"
        "[[cooperations.allocation_keys]]"), [
        "org.toml, regel 58, sleutel cooperations[hb].shared_teams[communicatie]: Gedeeld team "
        "hb/communicatie (vanaf 2020) overlapt met hetzelfde team 2013-2020 (regel 47). Er mogen "
        "meerdere versies zijn, maar hun geldigheidsperioden mogen niet overlappen: laat de "
        "oude eindigen (valid_until) voor de nieuwe begint.",
    ], id="overlapping shared teams"),
    pytest.param(MINIMAL + '\n[[process.evaluations]]\ncooperation = "hb-x"\ntitle = "T"\n'
                           'planned = 2021-06-30\n', [
        "org.toml, regel 62, sleutel process.evaluations[1].cooperation: Onbekende "
        "samenwerking hb-x. Bekende samenwerkingen: hb.",
    ], id="evaluation of an unknown cooperation"),
    pytest.param(changed('owner = "GM0377"', 'owner = "GM0384"'), [
        "org.toml, regel 21, sleutel teams[GM0384/communicatie].owner: Onbekende gemeente "
        "GM0384 als eigenaar van team GM0384/communicatie. Voeg de gemeente toe onder "
        "[[municipalities]] of verbeter de code.",
        "org.toml, regel 53, sleutel cooperations[hb].shared_teams[communicatie].members[2]: "
        "Onbekend team GM0377/communicatie in samenwerking hb. Een lid van een gedeeld team "
        "moet onder [[teams]] staan; GM0377 heeft daar geen teams.",
    ], id="team owner unknown"),
    pytest.param(changed('title = "Test"', 'title = "Test'), [
        "org.toml, regel 3: TOML-syntaxfout bij kolom 14: ongeldig teken '\\n'. "
        "Controleer aanhalingstekens, '=' en haakjes. Tekst staat tussen "
        "aanhalingstekens; getallen, jaren, true/false en datums (2021-06-30) niet.",
    ], id="TOML syntax error"),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN)
def test_broken_files_give_every_problem_located(text: str, expected: list[str]) -> None:
    if not expected:
        assert check(text).cooperations[0].allocation_keys[0].share_of("GM0377") == 45.905
        return
    assert problems(text) == expected


def test_refusal_message_counts_the_problems() -> None:
    with pytest.raises(OrganisationInvalid) as caught:
        check(changed("level = 2", "level = 3").replace("2013\n", '"2013"\n', 1))
    assert str(caught.value) == "Het organisatiebestand org.toml is afgekeurd: 2 problemen."


def test_unreadable_file_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('title = "Financiële"'.encode("latin-1"))
    with pytest.raises(OrganisationInvalid) as caught:
        check_organisation_file(path, reader=read_organisation)
    assert [i.describe() for i in caught.value.report.issues] == [
        "latin1.toml: Het bestand is geen UTF-8-tekst (byte 17). Sla het bestand op als "
        "UTF-8, bijvoorbeeld met een teksteditor."]


# --- line numbers of key paths ----------------------------------------------------------------

@pytest.mark.parametrize(("path", "line"), [
    (("format_version",), 1),
    (("municipalities", 1), 9),
    (("municipalities", 1, "name"), 11),
    (("cooperations", 0, "partners", 1, "code"), 38),
    (("cooperations", 0, "shared_teams", 0, "members"), 51),
    (("cooperations", 0, "shared_teams", 0, "members", 0), 52),
    (("cooperations", 0, "shared_teams", 0, "members", 1), 53),
    (("cooperations", 0, "allocation_keys", 0, "shares", "GM0377"), 59),
    (("cooperations", 0, "clauses", 0), 27),  # not written: its nearest ancestor
    (("process",), None),
])
def test_line_index(path: tuple[str | int, ...], line: int | None) -> None:
    assert TomlLineIndex(MINIMAL).line_of(path) == line


def test_line_index_skips_multiline_strings_and_inline_arrays() -> None:
    text = 'a = """\n[[not]]\nb = 1\n"""\n[t]\nc = [1, 2,\n  3]\nd = 4\n'
    index = TomlLineIndex(text)
    assert [index.line_of(p) for p in [("a",), ("t",), ("t", "c", 2), ("t", "d"), ("b",)]] == [
        1, 5, 7, 8, None]


# --- the published JSON Schema ----------------------------------------------------------------

def test_published_schema_equals_the_generated_one() -> None:
    """Regenerate with: .venv/bin/python -m samenwerkingsmonitor.adapters.organisation.schema"""
    assert published_schema_text() == schema_text()


def test_example_validates_against_the_published_schema() -> None:
    schema = json.loads(published_schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = read_organisation_file_data(EXAMPLE.read_text(encoding="utf-8"), EXAMPLE.name)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []


@pytest.mark.parametrize(("old", "new", "schema_path_end"), [
    ('code = "GM0377"\nname', 'code = "GM377"\nname', "pattern"),
    ("level = 2", "level = 3", "enum"),
    ("GM0377 = 45.9", "GM377 = 45.9", "additionalProperties"),
    ('name = "Heemstede"\n', "", "required"),
])
def test_published_schema_refuses_what_the_models_refuse(old: str, new: str,
                                                         schema_path_end: str) -> None:
    schema = json.loads(published_schema_text())
    data = json.loads(json.dumps(tomllib.loads(changed(old, new))))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert [e.schema_path[-1] for e in errors] == [schema_path_end]
    with pytest.raises(OrganisationInvalid):
        check(changed(old, new))


# --- every message of this part has an English translation -------------------------------------
