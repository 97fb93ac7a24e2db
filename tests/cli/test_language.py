"""One language per surface: English command and option names; help and messages in Dutch, or
English with --lang en; the old Dutch spellings still work for one release and say so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.cli import Cli, run_process

EXAMPLE = Path(__file__).resolve().parents[2] / "src/samenwerkingsmonitor/example"
DEPRECATED = "Let op: {old} is verouderd en verdwijnt in de volgende versie; gebruik {new}.\n"


def test_help_is_dutch_by_default_and_english_with_lang_en() -> None:
    dutch = run_process("--help")
    english = run_process("--lang", "en", "--help")
    assert "Toets onderwerpen aan het kader" in dutch.stdout and "Opdrachten" in dutch.stdout
    assert "Assess subjects against the framework" in english.stdout
    assert "Commands" in english.stdout and "Toets onderwerpen" not in english.stdout
    option = run_process("--lang", "en", "import", "--help")
    assert "Only check and count, store nothing." in " ".join(option.stdout.split())


def test_commands_and_options_have_english_names_only() -> None:
    shown = run_process("--help").stdout + run_process("import-vulnerability", "--help").stdout
    assert "import-vulnerability" in shown and "--year" in shown and "--decimal" in shown
    for old in ("import-kwetsbaarheid", "--jaar", "--decimaal"):
        assert old not in shown


def test_version(cli: Cli) -> None:
    from samenwerkingsmonitor import __version__

    assert cli("--version") == (0, f"samenwerkingsmonitor {__version__}\n", "")


@pytest.fixture
def registered(cli: Cli, tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'oud.db'}"
    assert cli("--database", url, "init")[0] == 0
    assert cli("--database", url, "register", str(EXAMPLE / "organisatie.toml"))[0] == 0
    return url


def test_the_old_import_command_still_works_and_says_its_new_name(
        cli: Cli, registered: str) -> None:
    files = [str(EXAMPLE / name) for name in ("taken.csv", "medewerkers.csv", "competenties.csv")]
    code, out, err = cli("--database", registered, "import-kwetsbaarheid", *files,
                         "--format", "json")
    assert code == 0, err
    assert err == DEPRECATED.format(old="import-kwetsbaarheid", new="import-vulnerability")
    assert len(json.loads(out)["inputs"]) == 25
    code, out, err = cli("--database", registered, "vulnerability",
                         "heemstede-bloemendaal/communicatie", "--jaar", "2021", "--runs", "0",
                         "--per-persoon", "--format", "json")
    assert code == 0, err
    assert DEPRECATED.format(old="--jaar", new="--year") in err
    assert DEPRECATED.format(old="--per-persoon", new="--per-person") in err
    analysis = json.loads(out)
    assert analysis["year"] == 2021 and "per_person" in analysis["scopes"][0]


@pytest.mark.parametrize(("old", "new", "value"), [
    ("--decimaal", "--decimal", "punt"),
    ("--max-grootte", "--max-size", "5"),
])
def test_an_old_option_of_import_still_works_and_says_its_new_name(
        cli: Cli, registered: str, tmp_path: Path, old: str, new: str, value: str) -> None:
    data = tmp_path / "m.csv"
    data.write_text("onderwerp,indicator,jaar,soort,waarde,eenheid,bron\n"
                    "GM0397,inwoners,2019,realisatie,27286,aantal,CBS\n", encoding="utf-8")
    code, out, err = cli("--database", registered, "import", str(data), old, value,
                         "--dry-run", "--format", "json")
    assert code == 0, err
    assert err == DEPRECATED.format(old=old, new=new)
    assert json.loads(out)["new"] == 1


def test_old_options_of_template_still_work(cli: Cli, registered: str, tmp_path: Path) -> None:
    output = tmp_path / "invul.xlsx"
    code, _out, err = cli("--database", registered, "template", str(output), "--subjects",
                          "GM0397", "--years", "2023-2023", "--soort", "begroting",
                          "--kwetsbaarheid")
    assert code == 0, err
    assert err == (DEPRECATED.format(old="--soort", new="--kinds")
                   + DEPRECATED.format(old="--kwetsbaarheid", new="--vulnerability"))
    assert output.exists()


def test_an_unknown_decimal_mark_is_a_usage_error(cli: Cli, registered: str,
                                                  tmp_path: Path) -> None:
    code, _out, err = cli("--database", registered, "import", str(tmp_path / "x.csv"),
                          "--decimal", "spatie")
    assert (code, err) == (2, "Fout: Onbekend decimaalteken 'spatie': kies comma (komma) of "
                              "point (punt).\n")
