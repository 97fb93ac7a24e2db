"""`runs`: every stored run with who, when, framework, subjects, years and whether it still
holds, through the real entry point on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.cli import Cli

EXAMPLE = Path(__file__).resolve().parents[2] / "src/samenwerkingsmonitor/example"
TEAM = "heemstede-bloemendaal/communicatie"
ROWS = "".join(f"{TEAM},lasten_eur,{year},realisatie,{1_000_000 + 10_000 * i},eur,test\n"
               for i, year in enumerate(range(2018, 2021)))


@pytest.fixture
def database(cli: Cli, tmp_path: Path) -> str:
    """R-0001 and R-0002 of the same subjects (given in another order), R-0003 of the team
    alone."""
    url = f"sqlite:///{tmp_path / 'runs.db'}"
    data = tmp_path / "metingen.csv"
    data.write_text("onderwerp,indicator,jaar,soort,waarde,eenheid,bron\n" + ROWS,
                    encoding="utf-8")
    steps = [("init",), ("register", str(EXAMPLE / "organisatie.toml")), ("import", str(data)),
             ("assess", "--subjects", f"{TEAM},GM0397", "--years", "2018-2020",
              "--baseline", "2018"),
             ("assess", "--subjects", f"GM0397,{TEAM}", "--years", "2018-2020",
              "--baseline", "2018", "--seed", "7"),
             ("assess", "--subjects", TEAM, "--years", "2019-2020", "--baseline", "2019")]
    for step in steps:
        code, _out, err = cli("--database", url, "--user", "controller", *step)
        assert code == 0, err
    return url


def test_runs_lists_every_run_with_its_status_as_json(cli: Cli, database: str) -> None:
    code, out, err = cli("--database", database, "runs", "--format", "json")
    assert (code, err) == (0, "")
    runs = json.loads(out)
    assert [(r["run"], r["subjects"], r["years"], r["baseline_year"], r["status"])
            for r in runs] == [
        ("R-0001", ["GM0397", TEAM], [2018, 2020], 2018, "vervangen door R-0002"),
        ("R-0002", ["GM0397", TEAM], [2018, 2020], 2018, "geldend"),
        ("R-0003", [TEAM], [2019, 2020], 2019, "geldend"),
    ]
    assert {(r["user"], r["framework"], r["framework_version"]) for r in runs} == {
        ("controller", "standaardkader", "1.0")}
    assert [r["current"] for r in runs] == [False, True, True]
    assert all(r["created"][:4].isdigit() and r["created"].endswith("+00:00") for r in runs)


def test_runs_as_a_table_names_each_run_and_its_status(cli: Cli, database: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    code, out, err = cli("--database", database, "runs")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].strip() == "Opgeslagen toetsingen"
    headers = next(line for line in lines if "Toetsing" in line)
    for header in ("Datum", "Wie", "Kader", "Onderwerpen", "Jaren", "Nulmeting", "Status"):
        assert header in headers
    first = next(line for line in lines if "R-0001" in line)
    assert "controller" in first and "standaardkader 1.0" in first
    assert "2018-2020" in first and "vervangen door R-0002" in first


def test_runs_of_one_subject(cli: Cli, database: str) -> None:
    code, out, _err = cli("--database", database, "runs", "--subject", "GM0397",
                          "--format", "json")
    assert code == 0
    assert [r["run"] for r in json.loads(out)] == ["R-0001", "R-0002"]


def test_runs_of_an_empty_database_says_how_to_make_one(cli: Cli, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'leeg.db'}"
    assert cli("--database", url, "init")[0] == 0
    assert cli("--database", url, "runs") == (
        0, "Er zijn nog geen toetsingen opgeslagen; maak er een met 'assess'.\n", "")
    assert cli("--database", url, "runs", "--format", "json") == (0, "[]\n", "")


def test_runs_speaks_english_with_lang_en(cli: Cli, database: str) -> None:
    code, out, _err = cli("--database", database, "--lang", "en", "runs", "--format", "json")
    assert code == 0
    assert [r["status"] for r in json.loads(out)] == [
        "superseded by R-0002", "current", "current"]
