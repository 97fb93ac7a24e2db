"""The scenario set file: the example, the published schema, exact messages on broken files."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from samenwerkingsmonitor.adapters.scenarios.schema import published_schema_text, schema_text
from support.cli import Cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "samenwerkingsmonitor" / "example" / "scenarios-handhaving.toml"


def _variant(tmp_path: Path, old: str, new: str, name: str = "set.toml") -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line(path: Path, fragment: str, after: str = "") -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i, line in enumerate(lines) if i >= start and fragment in line) + 1


def test_the_example_is_valid(cli: Cli) -> None:
    code, out, err = cli("scenario", "validate", str(EXAMPLE))
    assert (code, err) == (0, "")
    assert out.strip() == ("Scenarioset 'hb-handhaving-toekomst' versie 2021-1 is geldig: "
                           "4 alternatieven, 5 criteria, 2 raden.")


def test_published_schema_equals_the_generated_one() -> None:
    """Regenerate with: .venv/bin/python -m samenwerkingsmonitor.adapters.scenarios.schema"""
    assert published_schema_text() == schema_text()


def test_example_validates_against_the_published_schema() -> None:
    schema = json.loads(published_schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []
    data["alternatives"][0]["form"] = "fusie"
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert [e.schema_path[-1] for e in errors] == ["enum"]


@pytest.mark.parametrize(("old", "new", "key_path", "message"), [
    ('description = "Oordeel van', 'omschrijving = "Oordeel van',
     "criteria[kwaliteit].omschrijving",
     "Onbekende sleutel 'omschrijving'. Zie docs/scenarios.md voor de toegestane sleutels."),
    ('form = "centrumgemeente"', 'form = "fusie"', "alternatives[centrumgemeente].form",
     "Ongeldige waarde 'fusie'. Kies uit: huidige_vorm, zelfstandig, centrumgemeente, "
     "bedrijfsvoeringsorganisatie, uitbreiden, anders."),
    ('staff_moved_fte = { low = 5, likely = 7, high = 8 }', 'staff_moved_fte = "veel"',
     "alternatives[zelfstandig].transition.staff_moved_fte",
     "Verwacht een getal of een tabel { low = ..., likely = ..., high = ... }, maar "
     "gevonden: de tekst \"veel\"."),
])
def test_schema_problems_are_located_with_a_hint(cli: Cli, tmp_path: Path, old: str, new: str,
                                                 key_path: str, message: str) -> None:
    path = _variant(tmp_path, old, new)
    code, out, err = cli("scenario", "validate", str(path))
    assert code == 1 and out == ""
    assert err.splitlines()[0] == "Fout: De scenarioset set.toml is afgekeurd: 1 probleem."
    assert err.splitlines()[-1] == f"- set.toml, regel {_line(path, new)}, sleutel {key_path}: " \
                                   f"{message}"


def test_every_problem_between_parts_at_once_and_as_json(cli: Cli, tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("current = true\n", "", 1)  # no alternative is today's form
    text = text.replace('[alternatives.values.sturing]\nbasis = "oordeel"\nlow = 3.5\nlikely = 4',
                        '[alternatives.values.sturing]\nbasis = "oordeel"\nlow = 4.5\nlikely = 4',
                        1)
    text = text.replace('[alternatives.values.kwaliteit]\nbasis = "oordeel"\nlow = 2.5',
                        '[alternatives.values.kwaliteit]\nbasis = "toetsing"\nlow = 2.5', 1)
    text = text.replace("kosten = 1\nsturing = 2", "kosten = 1\nstuuring = 2", 1)
    text = text.replace("[councils.weights.lower]\nkosten = 0.3",
                        "[councils.weights.lower]\nkosten = 0.8\nsturing = 0.5", 1)
    path = tmp_path / "set.toml"
    path.write_text(text, encoding="utf-8")
    code, out, _err = cli("scenario", "validate", str(path), "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["refused"] is True
    assert data["message"] == "De scenarioset set.toml is afgekeurd: 8 problemen."
    texts = [(i["key_path"], i["message"]) for i in data["issues"]]
    not_here = ("De basis toetsing kan alleen bij de huidige vorm: van een vorm die er nog niet "
                "is, bestaat geen toetsing.")
    assert texts == [
        ("alternatives[gedeeld-team]", "Precies één alternatief moet de huidige vorm zijn "
                                       "(current = true); nu zijn het er 0."),
        ("alternatives[gedeeld-team].values.kwaliteit.basis", not_here),
        ("alternatives[zelfstandig].values.kwaliteit.basis", not_here),
        ("alternatives[zelfstandig].values.kwaliteit",
         "De basis toetsing vraagt de sleutel 'indicator'."),
        ("alternatives[zelfstandig].values.sturing",
         "De bandbreedte loopt niet op: low 4.5, likely 4, high 4.5."),
        ("councils[GM0377].weights.rank.stuuring", "Onbekend criterium 'stuuring'."),
        ("councils[GM0377].weights.rank", "De rangorde noemt niet: sturing."),
        ("councils[GM0377].weights", "Geen enkele weging past: de ondergrenzen tellen op tot "
                                     "1.3, de bovengrenzen tot 5."),
    ]
    assert all(i["line"] is not None for i in data["issues"])


def test_weights_that_no_weighting_satisfies_are_refused(cli: Cli, tmp_path: Path) -> None:
    path = _variant(tmp_path, "[councils.weights.lower]\nkosten = 0.3",
                    "[councils.weights.lower]\nkosten = 0.8\nsturing = 0.5")
    code, _out, err = cli("scenario", "validate", str(path))
    line = _line(path, 'municipality = "GM0377"') - 1
    assert code == 1
    assert err.splitlines()[1] == (
        f"- set.toml, regel {line}, sleutel "
        "councils[GM0377].weights: Geen enkele weging past: de ondergrenzen tellen op tot 1.3, "
        "de bovengrenzen tot 5. De ondergrenzen moeten samen hooguit 1 zijn, de bovengrenzen "
        "samen minstens 1.")


def test_exact_weights_must_add_up_to_one(cli: Cli, tmp_path: Path) -> None:
    path = _variant(tmp_path, "[councils.weights.rank]\nkwaliteit = 1\nkwetsbaarheid = 2\n"
                              "kosten = 3\nsturing = 3\novergangskosten = 4",
                    "[councils.weights.exact]\nkwaliteit = 0.4\nkwetsbaarheid = 0.2\n"
                    "kosten = 0.2\nsturing = 0.1\novergangskosten = 0.2")
    code, _out, err = cli("scenario", "validate", str(path))
    assert code == 1
    assert err.splitlines()[1] == (
        f"- set.toml, regel {_line(path, '[councils.weights.exact]')}, sleutel "
        "councils[GM0397].weights.exact: De vaste gewichten tellen op tot 1.1 in plaats van 1. "
        "Pas de gewichten aan zodat ze samen precies 1 zijn.")
