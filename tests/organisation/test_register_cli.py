"""`samenwerkingsmonitor register`: exact messages, exit codes, and versions in a real database."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.storage import open_repository
from samenwerkingsmonitor.errors import NotFound
from samenwerkingsmonitor.services.organisation.register import (
    check_organisation_file,
    load_registered_organisation,
    register_organisation,
)
from support.cli import Cli
from support.organisation_samples import MINIMAL, changed

EXAMPLE = Path(str(resources.files("samenwerkingsmonitor") / "example" / "organisatie.toml"))




def write(folder: Path, text: str, name: str = "org.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    open_repository(url).migrate()  # what `samenwerkingsmonitor init` does
    return url


CHECKED_EXAMPLE = (
    "Organisatiebestand organisatie.toml (versie 2026-1) is in orde: 8 gemeenten, 16 teams, "
    "7 gedeelde teams, 5 samenwerkingen.\n"
    "Let op: dit bestand bevat fictieve voorbeeldgegevens.\n"
)


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", CHECKED_EXAMPLE + "Niets opgeslagen (--check-only).\n"),
    ("en", "Organisation file organisatie.toml (version 2026-1) is valid: 8 municipalities, "
           "16 teams, 7 shared teams, 5 cooperations.\n"
           "Note: this file holds fictitious example data.\n"
           "Nothing stored (--check-only).\n"),
])
def test_check_only_of_the_example(cli: Cli, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str], lang: str,
                                   expected: str) -> None:
    assert cli("--lang", lang, "register", str(EXAMPLE),
               "--check-only") == (0, expected, "")


BROKEN_CASES = [
    pytest.param(changed('  "GM0377/communicatie",', '  "GM0377/comunicatie",'),
                 "Fout: Het organisatiebestand org.toml is afgekeurd: 1 probleem.\n"
                 "- org.toml, regel 53, sleutel cooperations[hb].shared_teams[communicatie]."
                 "members[2]: Onbekend team GM0377/comunicatie in samenwerking hb. Een lid van "
                 "een gedeeld team moet onder [[teams]] staan. Bedoelt u GM0377/communicatie?\n",
                 id="unknown team in a cooperation"),
    pytest.param(changed("year = 2019", "year = 2019.0").replace('name = "Heemstede"\n', ""),
                 "Fout: Het organisatiebestand org.toml is afgekeurd: 2 problemen.\n"
                 "- org.toml, regel 5, sleutel municipalities[GM0397].name: Verplichte sleutel "
                 "'name' ontbreekt. Voeg 'name = ...' toe; zie docs/organisation-file.md.\n"
                 "- org.toml, regel 57, sleutel cooperations[hb].allocation_keys[1].year: "
                 "Verwacht een geheel getal, maar gevonden: het getal 2019.0.\n",
                 id="missing key and wrong type"),
    pytest.param(MINIMAL + "\n[[cooperations.shared_teams]]\nslug = \"communicatie\"\n"
                           "name = \"Communicatie\"\narea = \"bedrijfsvoering\"\n"
                           "members = [\"GM0397/communicatie\"]\nvalid_from = 2019\n"
                           "valid_until = 2020\n",
                 "Fout: Het organisatiebestand org.toml is afgekeurd: 1 probleem.\n"
                 "- org.toml, regel 61, sleutel cooperations[hb].shared_teams[communicatie]: "
                 "Gedeeld team hb/communicatie (2019-2020) overlapt met hetzelfde team vanaf "
                 "2013 (regel 47). Er mogen meerdere versies zijn, maar hun "
                 "geldigheidsperioden mogen niet overlappen: laat de oude eindigen "
                 "(valid_until) voor de nieuwe begint.\n",
                 id="overlapping validity periods"),
    pytest.param(changed("[[cooperations.partners]]\ncode", "[[cooperations.partners\ncode"),
                 "Fout: Het organisatiebestand org.toml is afgekeurd: 1 probleem.\n"
                 "- org.toml, regel 33: TOML-syntaxfout bij kolom 24: ']]' ontbreekt aan het "
                 "eind van de tabelkop. Controleer aanhalingstekens, '=' en haakjes. Tekst "
                 "staat tussen aanhalingstekens; getallen, jaren, true/false en datums "
                 "(2021-06-30) niet.\n",
                 id="TOML syntax error with its line"),
]


@pytest.mark.parametrize(("text", "expected_err"), BROKEN_CASES)
def test_check_only_of_broken_files(cli: Cli, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                    text: str, expected_err: str) -> None:
    path = write(tmp_path, text)
    assert cli("register", str(path), "--check-only") == (
        1, "", expected_err)


def test_refusal_as_json(cli: Cli,
                         monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                         tmp_path: Path) -> None:
    path = write(tmp_path, changed("GM0377 = 45.9", "GM0377 = 40.9"))
    code, out, err = cli("register", str(path), "--format", "json")
    assert (code, err) == (1, "")
    assert json.loads(out) == {
        "file": "org.toml", "valid": False, "refused": True,
        "message": "Het organisatiebestand org.toml is afgekeurd: 1 probleem.",
        "issues": [{
            "file": "org.toml", "sheet": None, "row": None, "column": None, "line": 59,
            "key_path": "cooperations[hb].allocation_keys[1].shares",
            "message": "De aandelen in verdeelsleutel 2019 tellen op tot 95 in plaats van 100.",
            "hint": "Geef aandelen in procenten (54.1, niet 0.541) die samen 100 zijn "
                    "(marge 0.01).",
            "text": "org.toml, regel 59, sleutel cooperations[hb].allocation_keys[1].shares: "
                    "De aandelen in verdeelsleutel 2019 tellen op tot 95 in plaats van 100. "
                    "Geef aandelen in procenten (54.1, niet 0.541) die samen 100 zijn "
                    "(marge 0.01).",
        }],
    }


def test_missing_file_and_bad_format(cli: Cli, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "weg.toml"
    assert cli("register", str(missing), "--check-only") == (
        1, "", "Fout: Het organisatiebestand weg.toml is afgekeurd: 1 probleem.\n"
               "- weg.toml: Het bestand kan niet worden gelezen: No such file or directory. "
               "Controleer het pad en de rechten op het bestand.\n")
    assert cli("register", str(EXAMPLE), "--format", "xml") == (
        2, "", "Fout: Onbekend formaat 'xml': kies tabel of json.\n")


def test_register_stores_a_version_only_when_the_file_changed(cli: Cli,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        database: str) -> None:
    path = write(tmp_path, MINIMAL)
    args = ("--database", database, "--user", "controller", "register", str(path))
    summary = ("Organisatiebestand org.toml (versie t-1) is in orde: 2 gemeenten, 2 teams, "
               "1 gedeelde teams, 1 samenwerkingen.\n")
    assert cli(*args, "--reason", "eerste registratie") == (
        0, summary + "Geregistreerd als versie 1.\n", "")
    assert cli(*args) == (
        0, summary + "Ongewijzigd: gelijk aan de geregistreerde versie 1; niets opgeslagen.\n",
        "")
    write(tmp_path, changed('version = "t-1"', 'version = "t-2"'))
    code, out, _err = cli(*args, "--format", "json", "--reason", "t-2")
    assert (code, json.loads(out)["stored"]["version"], json.loads(out)["stored"]["changed"]) == (
        0, 2, True)
    latest = open_repository(database).latest_document("organisation", "organisation")
    assert latest is not None
    assert (latest.version, latest.label, latest.user, latest.reason) == (
        2, "t-2", "controller", "t-2")


def test_a_refused_file_stores_nothing(cli: Cli, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                       database: str) -> None:
    path = write(tmp_path, changed("level = 2", "level = 7"))
    code, _out, _err = cli("--database", database, "register", str(path))
    assert code == 1
    assert open_repository(database).latest_document("organisation", "organisation") is None


def test_service_registers_and_loads_the_example(database: str) -> None:
    repository = open_repository(database)
    with pytest.raises(NotFound) as caught:
        load_registered_organisation(repository, reader=read_organisation)
    assert str(caught.value) == ("Er is nog geen organisatiebestand geregistreerd. Registreer "
                                 "er een met: samenwerkingsmonitor register BESTAND")
    stored, is_new = register_organisation(repository, EXAMPLE, "tester", "voorbeeld",
                                           reader=read_organisation)
    again, is_new_again = register_organisation(repository, EXAMPLE, "tester", "",
                                                reader=read_organisation)
    assert (stored.version, is_new, again.version, is_new_again) == (1, True, 1, False)
    assert load_registered_organisation(repository, reader=read_organisation) == (
        check_organisation_file(EXAMPLE, reader=read_organisation))
