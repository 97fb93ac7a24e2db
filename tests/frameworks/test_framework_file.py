"""Framework files: syntax, schema and content problems, each located, with exact messages;
writing a framework back to TOML and reading it again gives the same framework."""

from __future__ import annotations

import dataclasses
import json
import tomllib
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samenwerkingsmonitor.adapters.frameworks.file import (
    TomlFrameworkFiles,
    dump_framework,
    generated_schema,
    parse_framework_text,
    published_schema_text,
    schema_text,
)
from samenwerkingsmonitor.domain.framework import Bound, Framework, Norm
from samenwerkingsmonitor.errors import FrameworkInvalid, NotFound
from samenwerkingsmonitor.services.frameworks.load import load_framework, validate_parsed

# A small valid framework; every broken case below is made from it by text replacement.
PROEFKADER = """\
format_version = 1
id = "proefkader"
version = "0.1"
title = "Proefkader"
source = "Testbron"

[status]
state = "concept"

[period]
first = 2018
last = 2020

[[criteria]]
id = "kosten"
name = "Kosten"
rollup = { rule = "zwakste_schakel" }

[[criteria]]
id = "proces"
name = "Proces"

[criteria.rollup]
rule = "beslistabel"

[[criteria.rollup.rows]]
when = { evaluatie_tijdig = ["voldoet"] }
verdict = "voldoet"

[[indicators]]
id = "lasten_overhead_eur"
name = "Lasten overhead"
unit = "eur"
kind = "invoer"
applies_to = ["municipality"]

[[indicators]]
id = "lasten_totaal_eur"
name = "Totale lasten"
unit = "eur"
kind = "invoer"
applies_to = ["municipality"]

[[indicators]]
id = "overhead_pct"
name = "Overhead"
unit = "pct"
kind = "afgeleid"
formula = "lasten_overhead_eur / lasten_totaal_eur * 100"
criterion = "kosten"
direction = "lager_is_beter"
applies_to = ["municipality"]

[[indicators]]
id = "evaluatie_tijdig"
name = "Evaluatie op tijd"
unit = "ja_nee"
kind = "invoer"
criterion = "proces"
applies_to = ["cooperation"]

[[norms]]
id = "overhead_grens"
indicator = "overhead_pct"
kind = "absoluut"
target = 10
signal = 14

[norms.source]
kind = "beleid"
reference = "Begroting"
owner = "gemeenteraad"

[[norms]]
id = "evaluatie"
indicator = "evaluatie_tijdig"
kind = "kwalitatief"
scale = { ja = "voldoet", nee = "voldoet_niet" }

[norms.source]
kind = "wet"
reference = "Wgr"
owner = "wetgever"
"""


def _framework(text: str, name: str = "kader.toml") -> Framework:
    return validate_parsed(parse_framework_text(text, name))


def _problems(text: str) -> list[str]:
    with pytest.raises(FrameworkInvalid) as caught:
        _framework(text)
    return [issue.describe() for issue in caught.value.report.issues]


def test_the_small_framework_is_valid() -> None:
    framework = _framework(PROEFKADER)
    assert [c.id for c in framework.criteria] == ["kosten", "proces"]
    assert framework.norms_for("overhead_pct")[0].target == Bound(10.0)


BROKEN = [
    pytest.param(
        [
            ('name = "Overhead"\n',
             ''),
        ],
        [
            'kader.toml, regel 44, sleutel indicators.overhead_pct.name: De verplichte sleutel '
            "'name' ontbreekt. Voeg 'name = ...' toe (zie docs/framework-file.md).",
        ],
        id="missing_key",
    ),
    pytest.param(
        [
            ('first = 2018',
             'first = "2018"'),
            ('applies_to = ["cooperation"]',
             'applies_to = "cooperation"'),
            ('target = 10',
             'target = "10"'),
        ],
        [
            'kader.toml, regel 11, sleutel period.first: Verwacht een geheel getal, gevonden '
            "tekst '2018'.",
            'kader.toml, regel 60, sleutel indicators.evaluatie_tijdig.applies_to: Verwacht '
            "een lijst [...], gevonden tekst 'cooperation'.",
            'kader.toml, regel 66, sleutel norms.overhead_grens.target: Verwacht een getal, '
            "gevonden tekst '10'.",
        ],
        id="wrong_types",
    ),
    pytest.param(
        [
            ('unit = "pct"',
             'unit = "procent"'),
        ],
        [
            'kader.toml, regel 47, sleutel indicators.overhead_pct.unit: Onbekende eenheid '
            "'procent'. Toegestaan: aantal, fte, eur, pct, fte_per_1000, eur_per_inwoner, "
            'score_1_5, score_1_10, ja_nee, dagen, uren, index, jaren.',
        ],
        id="unknown_unit",
    ),
    pytest.param(
        [
            ('direction = "lager_is_beter"',
             'direction = "lager_is_beter"\nrichting = "omlaag"'),
        ],
        [
            'kader.toml, regel 52, sleutel indicators.overhead_pct.richting: Onbekende sleutel '
            "'richting'. Verwijder de sleutel of controleer de spelling.",
        ],
        id="unknown_key",
    ),
    pytest.param(
        [
            ('kind = "afgeleid"',
             'kind = "berekend"'),
        ],
        [
            "kader.toml, regel 48, sleutel indicators.overhead_pct.kind: Waarde 'berekend' is "
            "hier niet toegestaan. Kies uit: 'invoer' of 'afgeleid'.",
        ],
        id="bad_enum",
    ),
    pytest.param(
        [
            ('id = "overhead_pct"',
             'id = "Overhead-pct"'),
        ],
        [
            "kader.toml, regel 45, sleutel indicators[3].id: 'Overhead-pct' is geen geldige "
            'id. Een id bestaat uit kleine letters, cijfers en _, en begint met een letter.',
            'kader.toml, regel 64, sleutel norms.overhead_grens.indicator: Onbekende indicator '
            "'overhead_pct'. Voeg de indicator toe onder [[indicators]] of verbeter de id.",
        ],
        id="bad_id",
    ),
    pytest.param(
        [
            ('formula = "lasten_overhead_eur / lasten_totaal_eur * 100"',
             'formula = "max(lasten_overhead_eur, 0)"'),
        ],
        [
            'kader.toml, regel 49, sleutel indicators.overhead_pct.formula: Formule niet '
            "toegestaan: Functieaanroep 'max(' op positie 1 is niet toegestaan; een formule "
            "kent alleen + - * / en haakjes. Een formule bevat alleen getallen, invoer-id's, + "
            '- * / en haakjes.',
        ],
        id="function_call",
    ),
    pytest.param(
        [
            ('formula = "lasten_overhead_eur / lasten_totaal_eur * 100"',
             'formula = "lasten_overhead_eur / overhead_pct"'),
        ],
        [
            'kader.toml, regel 49, sleutel indicators.overhead_pct.formula: De afgeleide '
            'indicatoren verwijzen in een kring naar elkaar: overhead_pct → overhead_pct. Laat '
            'minstens één van deze formules alleen invoer gebruiken.',
        ],
        id="cycle",
    ),
    pytest.param(
        [
            ('kind = "invoer"\napplies_to = ["municipality"]\n\n[[indicators]]\nid = '
             '"lasten_totaal_eur"',
             'kind = "afgeleid"\nformula = "overhead_pct * 2"\napplies_to = '
             '["municipality"]\n\n[[indicators]]\nid = "lasten_totaal_eur"'),
        ],
        [
            'kader.toml, regel 35, sleutel indicators.lasten_overhead_eur.formula: De '
            'afgeleide indicatoren verwijzen in een kring naar elkaar: lasten_overhead_eur → '
            'overhead_pct → lasten_overhead_eur. Laat minstens één van deze formules alleen '
            'invoer gebruiken.',
        ],
        id="cycle2",
    ),
    pytest.param(
        [
            ('lasten_totaal_eur * 100',
             'lasten_eur * 100'),
        ],
        [
            'kader.toml, regel 49, sleutel indicators.overhead_pct.formula: De formule '
            "gebruikt onbekende invoer 'lasten_eur'. Voeg een indicator met id 'lasten_eur' en "
            'kind = "invoer" toe, of verbeter de naam.',
        ],
        id="unknown_input",
    ),
    pytest.param(
        [
            ('lasten_totaal_eur * 100',
             'evaluatie_tijdig * 100'),
        ],
        [
            'kader.toml, regel 49, sleutel indicators.overhead_pct.formula: De formule rekent '
            "met 'evaluatie_tijdig', maar die heeft eenheid 'ja_nee' en is geen getal. Gebruik "
            'alleen indicatoren met een getalseenheid.',
            'kader.toml, regel 49, sleutel indicators.overhead_pct.formula: De formule '
            "gebruikt 'evaluatie_tijdig', maar die geldt niet voor 'municipality'. Voeg "
            "'municipality' toe aan applies_to van 'evaluatie_tijdig'.",
        ],
        id="non_number_input",
    ),
    pytest.param(
        [
            ('lasten_totaal_eur * 100',
             'kosten * 100'),
        ],
        [
            'kader.toml, regel 49, sleutel indicators.overhead_pct.formula: De formule '
            "gebruikt 'kosten', maar dat is geen indicator. Een formule rekent alleen met "
            'indicatoren.',
        ],
        id="criterion_in_formula",
    ),
    pytest.param(
        [
            ('criterion = "kosten"',
             'criterion = "kostern"'),
        ],
        [
            "kader.toml, regel 14, sleutel criteria.kosten: Criterium 'kosten' heeft geen "
            'indicatoren en geen subcriteria. Koppel indicatoren met criterion = "kosten" of '
            'verwijder het criterium.',
            'kader.toml, regel 50, sleutel indicators.overhead_pct.criterion: Onbekend '
            "criterium 'kostern'. Bekende criteria: kosten, proces.",
        ],
        id="unknown_criterion",
    ),
    pytest.param(
        [
            ('id = "lasten_totaal_eur"',
             'id = "lasten_overhead_eur"'),
        ],
        [
            'kader.toml, regel 38, sleutel indicators.lasten_overhead_eur.id: De id '
            "'lasten_overhead_eur' komt vaker dan één keer voor in [[indicators]]. Geef elk "
            'onderdeel een eigen id.',
            'kader.toml, regel 49, sleutel indicators.overhead_pct.formula: De formule '
            "gebruikt onbekende invoer 'lasten_totaal_eur'. Voeg een indicator met id "
            '\'lasten_totaal_eur\' en kind = "invoer" toe, of verbeter de naam.',
        ],
        id="duplicate_id",
    ),
    pytest.param(
        [
            ('indicator = "overhead_pct"',
             'indicator = "overhead"'),
        ],
        [
            'kader.toml, regel 64, sleutel norms.overhead_grens.indicator: Onbekende indicator '
            "'overhead'. Voeg de indicator toe onder [[indicators]] of verbeter de id.",
        ],
        id="unknown_norm_indicator",
    ),
    pytest.param(
        [
            ('indicator = "overhead_pct"\nkind = "absoluut"\ntarget = 10\nsignal = 14',
             'indicator = "overhead_pct"\nkind = "kwalitatief"\nscale = { ja = "voldoet" }'),
        ],
        [
            'kader.toml, regel 65, sleutel norms.overhead_grens.kind: Een kwalitatieve norm '
            "past niet bij eenheid 'pct' van 'overhead_pct'. Kwalitatieve normen horen bij een "
            'schaal: ja_nee, score_1_5.',
        ],
        id="qualitative_on_numeric",
    ),
    pytest.param(
        [
            ('direction = "lager_is_beter"\n',
             ''),
        ],
        [
            'kader.toml, regel 64, sleutel norms.overhead_grens.kind: Een norm van soort '
            "'absoluut' vraagt een richting, maar 'overhead_pct' is neutraal. Geef de "
            'indicator direction = "hoger_is_beter" of "lager_is_beter", of gebruik een band '
            '(band_low/band_high).',
        ],
        id="threshold_on_neutral",
    ),
    pytest.param(
        [
            ('scale = { ja = "voldoet", nee = "voldoet_niet" }',
             'scale = { ja = "voldoet", misschien = "voldoet_deels" }'),
        ],
        [
            "kader.toml, regel 78, sleutel norms.evaluatie.scale: Schaalwaarde 'misschien' "
            "hoort niet bij eenheid 'ja_nee'. Toegestaan: ja, nee.",
            'kader.toml, regel 78, sleutel norms.evaluatie.scale: Schaalwaarden zonder '
            'oordeel: nee. Geef elke waarde van de schaal een oordeel.',
        ],
        id="scale_values",
    ),
    pytest.param(
        [
            ('target = 10\nsignal = 14',
             'target = 14\nsignal = 10'),
        ],
        [
            'kader.toml, regel 66, sleutel norms.overhead_grens.target: De streefwaarde (14) '
            "ligt boven de signaalwaarde (10), maar bij 'overhead_pct' is lager beter. Bij "
            'lager_is_beter is target kleiner dan of gelijk aan signal.',
        ],
        id="order",
    ),
    pytest.param(
        [
            ('direction = "lager_is_beter"',
             'direction = "lager_is_beter"\nweight = -1.0'),
        ],
        [
            'kader.toml, regel 52, sleutel indicators.overhead_pct.weight: Het gewicht moet '
            'groter zijn dan 0, niet -1. Een indicator die niet mag meetellen, hoort niet '
            'onder het criterium.',
        ],
        id="weight",
    ),
    pytest.param(
        [
            ('when = { evaluatie_tijdig = ["voldoet"] }',
             'when = { evaluatie = ["voldoet"], overhead_pct = ["voldoet"] }'),
        ],
        [
            'kader.toml, regel 26, sleutel criteria.proces.rollup.rows[1]: Rij 1 van de '
            "beslistabel noemt onbekende indicator 'evaluatie'. Noem alleen indicatoren of "
            'subcriteria van dit criterium: evaluatie_tijdig.',
            'kader.toml, regel 26, sleutel criteria.proces.rollup.rows[1]: Rij 1 van de '
            "beslistabel noemt 'overhead_pct', maar die indicator valt niet onder dit "
            'criterium. Noem alleen indicatoren of subcriteria van dit criterium: '
            'evaluatie_tijdig.',
        ],
        id="decision_row",
    ),
    pytest.param(
        [
            ('first = 2018\nlast = 2020',
             'first = 2021\nlast = 2020'),
        ],
        [
            'kader.toml, regel 11, sleutel period.first: Het eerste jaar (2021) ligt na het '
            'laatste jaar (2020). Verwissel first en last onder [period].',
        ],
        id="period",
    ),
    pytest.param(
        [
            ('kind = "absoluut"\ntarget = 10',
             'kind = "vergelijkingsgroep"\ntarget = 50'),
            ('signal = 14',
             'signal = 175'),
        ],
        [
            'kader.toml, regel 62, sleutel norms.overhead_grens.peer_group: Een norm van soort '
            '\'vergelijkingsgroep\' noemt geen vergelijkingsgroep. Voeg peer_group = "..." '
            'toe: een vergelijkingsgroep uit het organisatiebestand.',
            'kader.toml, regel 67, sleutel norms.overhead_grens.signal: Percentiel 175 ligt '
            'niet tussen 0 en 100. Bij een vergelijkingsgroep zijn target en signal '
            'percentielen.',
        ],
        id="peer_without_group",
    ),
    pytest.param(
        [
            ('kind = "absoluut"\ntarget = 10',
             'kind = "vergelijkingsgroep"\npeer_group = "buren"\n'
             'peer_rule = "inwonersklasse"\ntarget = 50'),
            ('signal = 14', 'signal = 75'),
        ],
        [
            'kader.toml, regel 67, sleutel norms.overhead_grens.peer_rule: Een norm noemt zowel '
            'een vergelijkingsgroep als een regel. Kies één van beide: peer_group = "..." of '
            'peer_rule = "inwonersklasse".',
        ],
        id="peer_with_group_and_rule",
    ),
    pytest.param(
        [
            ('target = 10\nsignal = 14',
             'band_low = 12\nband_high = 8\nsignal_low = 13'),
        ],
        [
            'kader.toml, regel 66, sleutel norms.overhead_grens.band_low: band_low (12) is '
            'groter dan band_high (8). Verwissel de twee grenzen.',
            'kader.toml, regel 68, sleutel norms.overhead_grens.signal_low: signal_low (13) '
            'ligt boven band_low (12). De signaalgrenzen liggen buiten de band.',
        ],
        id="band",
    ),
    pytest.param(
        [
            ('kind = "absoluut"\ntarget = 10',
             'kind = "absoluut"\nprice_index = "cpi"\ntarget = 10'),
        ],
        [
            "kader.toml, regel 66, sleutel norms.overhead_grens.price_index: 'price_index' "
            'hoort alleen bij kind = "nulmeting". Verwijder \'price_index\' of kies een andere '
            'normsoort.',
        ],
        id="price_index",
    ),
    pytest.param(
        [
            ('formula = "lasten_overhead_eur / lasten_totaal_eur * 100"\n',
             ''),
        ],
        [
            'kader.toml, regel 44, sleutel indicators.overhead_pct.formula: Een afgeleide '
            'indicator heeft een formule nodig. Voeg formula = "..." toe of maak kind = '
            '"invoer".',
        ],
        id="derived_without_formula",
    ),
    pytest.param(
        [
            ('title = "Proefkader"',
             'title = "Proefkader'),
        ],
        [
            "kader.toml, regel 4: Geen geldige TOML, kolom 20: ongeldig teken '\\n'. "
            "Controleer aanhalingstekens om tekst, komma's in lijsten en '=' tussen sleutel en "
            'waarde.',
        ],
        id="toml_syntax",
    ),
    pytest.param(
        [
            ('rule = "beslistabel"',
             'rule = "meerderheid"'),
        ],
        [
            'kader.toml, regel 23, sleutel criteria.proces.rollup.rows: Rijen horen alleen bij '
            'rule = "beslistabel". Zet rule = "beslistabel" of verwijder de rijen.',
        ],
        id="rule_rows_mismatch",
    ),
    pytest.param(
        [
            ('id = "lasten_totaal_eur"\nname = "Totale lasten"\nunit = "eur"\nkind = '
             '"invoer"\napplies_to = ["municipality"]',
             'id = "lasten_totaal_eur"\nname = "Totale lasten"\nunit = "eur"\nkind = '
             '"invoer"\napplies_to = ["team"]'),
        ],
        [
            'kader.toml, regel 49, sleutel indicators.overhead_pct.formula: De formule '
            "gebruikt 'lasten_totaal_eur', maar die geldt niet voor 'municipality'. Voeg "
            "'municipality' toe aan applies_to van 'lasten_totaal_eur'.",
        ],
        id="applies_mismatch",
    ),
    pytest.param(
        [
            ('direction = "lager_is_beter"',
             'directon = "lager_is_beter"'),
        ],
        [
            'kader.toml, regel 51, sleutel indicators.overhead_pct.directon: Onbekende sleutel '
            "'directon'. Bedoelde u 'direction'?",
        ],
        id="typo_key",
    ),
    pytest.param(
        [
            ('[period]\nfirst = 2018\nlast = 2020\n',
             ''),
        ],
        [
            "kader.toml, sleutel period: De verplichte sleutel 'period' ontbreekt. Voeg "
            "'period = ...' toe (zie docs/framework-file.md).",
        ],
        id="missing_section",
    ),
]


@pytest.mark.parametrize(("replacements", "expected"), BROKEN)
def test_every_problem_is_listed_with_place_and_hint(
    replacements: list[tuple[str, str]], expected: list[str], tmp_path: Path
) -> None:
    text = PROEFKADER
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    assert _problems(text) == expected
    broken = tmp_path / "kader.toml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(FrameworkInvalid) as caught:
        load_framework(str(broken), TomlFrameworkFiles())
    assert [i.describe() for i in caught.value.report.issues] == [
        line.replace("kader.toml", str(broken), 1) for line in expected
    ]


def test_the_report_message_counts_the_problems() -> None:
    with pytest.raises(FrameworkInvalid) as caught:
        _framework(PROEFKADER.replace('unit = "pct"', 'unit = "procent"'))
    assert str(caught.value) == "Het toetsingskader in kader.toml is niet geldig: 1 probleem."


def test_a_file_that_is_not_utf8_is_refused_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(PROEFKADER.replace("Proefkader", "Proefkadér").encode("latin-1"))
    with pytest.raises(FrameworkInvalid) as caught:
        load_framework(str(path), TomlFrameworkFiles())
    assert [i.describe() for i in caught.value.report.issues] == [
        f"{path}, regel 4: Het bestand is geen UTF-8-tekst. Sla het bestand op als UTF-8."
    ]


def test_an_unknown_reference_is_not_found() -> None:
    with pytest.raises(NotFound) as caught:
        load_framework("bestaat-niet.toml", TomlFrameworkFiles())
    assert str(caught.value) == (
        "Toetsingskader 'bestaat-niet.toml' niet gevonden: geen bestand en geen meegeleverd "
        "kader (meegeleverd: standaardkader)."
    )


# --- the published JSON Schema --------------------------------------------------------------

def test_the_published_schema_is_the_generated_one() -> None:
    assert published_schema_text() == schema_text(), (
        "Regenerate: .venv/bin/python -m samenwerkingsmonitor.adapters.frameworks.file "
        "--write-schema"
    )


def test_the_schema_accepts_the_bundled_files_and_refuses_an_unknown_unit() -> None:
    schema = generated_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = tomllib.loads(PROEFKADER)
    jsonschema.validate(data, schema)
    data["indicators"][0]["unit"] = "procent"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    assert json.loads(published_schema_text())["$id"].endswith("framework.schema.json")


# --- round trip -------------------------------------------------------------------------------

STANDAARDKADER = load_framework("standaardkader", TomlFrameworkFiles())
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
values = st.floats(allow_nan=False, allow_infinity=False)
bounds = st.one_of(st.none(), st.builds(Bound, values, st.booleans()))


@st.composite
def changed_norm(draw: st.DrawFn, norm: Norm) -> Norm:
    source = dataclasses.replace(norm.source, reference=draw(texts) or "x",
                                 example=draw(st.booleans()))
    return dataclasses.replace(
        norm, source=source, target=draw(bounds), signal=draw(bounds),
        description=draw(texts), years=draw(st.integers(2, 10)),
    )


@st.composite
def frameworks(draw: st.DrawFn) -> Framework:
    """The standaardkader with texts, numbers and flags changed and entries left out."""
    base = STANDAARDKADER
    indicators = tuple(
        dataclasses.replace(i, name=draw(texts) or i.name, definition=draw(texts),
                            minimum=draw(st.one_of(st.none(), values)),
                            weight=draw(values), pc_source=draw(st.booleans()))
        for i in draw(st.lists(st.sampled_from(base.indicators), unique_by=lambda i: i.id))
    )
    norms = tuple(draw(changed_norm(n)) for n in base.norms if draw(st.booleans()))
    return dataclasses.replace(
        base, title=draw(texts) or "t", description=draw(texts), indicators=indicators,
        norms=norms, first_year=draw(st.integers(1900, 2200)),
    )


@settings(max_examples=40, deadline=None)
@given(frameworks())
def test_a_framework_written_to_toml_reads_back_equal(framework: Framework) -> None:
    parsed = parse_framework_text(dump_framework(framework), "terug.toml")
    assert parsed.report.ok
    assert parsed.framework == framework


def test_the_standaardkader_reads_back_equal() -> None:
    assert _framework(dump_framework(STANDAARDKADER)) == STANDAARDKADER


def test_the_example_in_the_documentation_is_valid() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "framework-file.md").read_text(
        encoding="utf-8")
    example = doc.split("```toml\n")[1].split("```")[0]
    framework = _framework(example, "docs/framework-file.md")
    assert framework.norms[0].signal_high == Bound(14.5, inclusive=False)
