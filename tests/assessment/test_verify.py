"""`verify RUN`: a stored run recomputed from its recorded data, finding by finding.

Runs are made through the real services on a real SQLite file. To show that verify notices a
difference, a test edits the stored findings by hand with sqlite3, after dropping the
append-only trigger that would refuse it: exactly what a tampered database looks like.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.storage import SqlRepository, open_repository
from samenwerkingsmonitor.services.assessment.assess import AssessmentRequest, run_assessment
from samenwerkingsmonitor.services.assessment.verify import verify_run
from samenwerkingsmonitor.services.frameworks.load import load_framework
from samenwerkingsmonitor.services.organisation.register import (
    load_registered_organisation,
    register_organisation,
)
from support.cli import Cli
from support.workflow import import_file

EXAMPLE = Path(__file__).resolve().parents[2] / "src/samenwerkingsmonitor/example"
FILES = TomlFrameworkFiles()
TEAM = "heemstede-bloemendaal/communicatie"
HEADER = "onderwerp,indicator,jaar,soort,waarde,eenheid,bron\n"
ROWS = "".join(f"{TEAM},lasten_eur,{year},realisatie,{1_000_000 + 10_000 * i},eur,test\n"
               for i, year in enumerate(range(2018, 2021)))


def load(repo: SqlRepository, path: Path, text: str, reason: str = "") -> None:
    path.write_text(HEADER + text, encoding="utf-8")
    organisation = load_registered_organisation(repo, reader=read_organisation)
    import_file(repo, path, organisation, load_framework("standaardkader", FILES), "tester",
                reason)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """R-0001 on the first data, then a correction and R-0002 on the corrected data."""
    path = tmp_path / "toets.db"
    repo = open_repository(f"sqlite:///{path}")
    repo.migrate()
    register_organisation(repo, EXAMPLE / "organisatie.toml", "tester", "test",
                          reader=read_organisation)
    load(repo, tmp_path / "a.csv", ROWS)
    request = AssessmentRequest((TEAM, "GM0397"), 2018, 2020, 2018)
    run_assessment(repo, request, "tester", framework_files=FILES,
                   organisation_reader=read_organisation)
    load(repo, tmp_path / "b.csv", ROWS.replace("1020000", "1500000"), reason="gecorrigeerd")
    run_assessment(repo, request, "tester", framework_files=FILES,
                   organisation_reader=read_organisation)
    repo.close()
    return path




def tamper(path: Path, statement: str) -> None:
    with sqlite3.connect(path) as conn:
        for table in ("findings", "criterion_verdicts"):
            conn.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            conn.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        conn.execute(statement)


def counts(path: Path, run: str) -> tuple[int, int]:
    with sqlite3.connect(path) as conn:
        findings = conn.execute("SELECT count(*) FROM findings WHERE run_id = ?", (run,))
        verdicts = conn.execute("SELECT count(*) FROM criterion_verdicts WHERE run_id = ?",
                                (run,))
        return findings.fetchone()[0], verdicts.fetchone()[0]


@pytest.mark.parametrize("run", ["R-0001", "R-0002", "latest"])
def test_every_run_reproduces_also_after_a_correction(cli: Cli, database: Path, run: str,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    shown = "R-0002" if run == "latest" else run
    findings, verdicts = counts(database, shown)
    code, out, err = cli("--database", str(database), "verify", run)
    assert (code, err) == (0, "")
    assert out == (f"Toetsing {shown} is gereproduceerd: alle {findings} bevindingen en "
                   f"{verdicts} criteriumoordelen zijn identiek.\n")


def test_json_output_of_an_identical_run(cli: Cli, database: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    findings, verdicts = counts(database, "R-0001")
    code, out, _err = cli("--database", str(database), "verify", "R-0001",
                          "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "run": "R-0001", "identical": True, "data_batch": 1,
        "findings": {"stored": findings, "recomputed": findings},
        "criterion_verdicts": {"stored": verdicts, "recomputed": verdicts},
        "differences": [],
        "message": f"Toetsing R-0001 is gereproduceerd: alle {findings} bevindingen en "
                   f"{verdicts} criteriumoordelen zijn identiek.",
    }


KEY = f"{TEAM}/lasten_eur/2020"


@pytest.mark.parametrize(("statement", "expected"), [
    (f"UPDATE findings SET value = 1020001 WHERE run_id = 'R-0001' AND subject = '{TEAM}' "
     "AND indicator = 'lasten_eur' AND year = 2020 AND norm = 'lasten_team_nulmeting'",
     [{"kind": "bevinding", "key": KEY + "/{norm}", "field": "value", "stored": 1020001.0,
       "recomputed": 1020000.0}]),
    (f"DELETE FROM findings WHERE run_id = 'R-0001' AND subject = '{TEAM}' "
     "AND indicator = 'lasten_eur' AND year = 2020 AND norm = 'lasten_team_nulmeting'",
     [{"kind": "bevinding", "key": KEY + "/{norm}", "field": "", "stored": "(ontbreekt)",
       "recomputed": "(aanwezig)"}]),
    ("UPDATE criterion_verdicts SET verdict = 'voldoet_niet', rule = 'anders' WHERE run_id = "
     f"'R-0001' AND subject = '{TEAM}' AND criterion = 'kosten' AND year = 2019",
     [{"kind": "criteriumoordeel", "key": f"{TEAM}/kosten/2019", "field": "verdict",
       "stored": "voldoet_niet", "recomputed": "{verdict}"},
      {"kind": "criteriumoordeel", "key": f"{TEAM}/kosten/2019", "field": "rule",
       "stored": "anders", "recomputed": "{rule}"}]),
], ids=["changed value", "finding removed", "criterion verdict changed"])
def test_a_tampered_run_is_reported_with_each_difference(cli: Cli,
        database: Path, statement: str, expected: list[dict[str, object]],
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    repo = open_repository(f"sqlite:///{database}")
    original = {f"{f.subject}/{f.indicator}/{f.year}": f for f in repo.findings("R-0001")
                if f.norm == "lasten_team_nulmeting" or f.indicator != "lasten_eur"}
    rule = {(v.subject, v.criterion, v.year): v for v in repo.criterion_verdicts("R-0001")}
    kosten = rule[(TEAM, "kosten", 2019)]
    repo.close()
    tamper(database, statement)
    fill = {"norm": original[KEY].norm or "-", "verdict": kosten.verdict.value,
            "rule": kosten.rule}
    wanted = [{k: v.format(**fill) if isinstance(v, str) else v for k, v in d.items()}
              for d in expected]
    findings, _verdicts = counts(database, "R-0001")
    code, out, err = cli("--database", str(database), "verify", "R-0001",
                         "--format", "json")
    report = json.loads(out)
    assert (code, err, report["identical"]) == (1, "", False)
    # The recorded hashes were made by the engine, not read from the tampered rows, so only
    # the tampered rows differ.
    assert report["differences"] == wanted
    assert report["findings"]["stored"] == findings
    assert report["message"] == (
        f"Toetsing R-0001 is niet gereproduceerd: {len(wanted)} verschillen (opgeslagen "
        f"{findings} bevindingen, opnieuw berekend {report['findings']['recomputed']}).")


def test_table_output_lists_the_differences(cli: Cli,
                                            database: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    tamper(database, f"UPDATE findings SET value = 1020001 WHERE run_id = 'R-0001' AND "
                     f"subject = '{TEAM}' AND indicator = 'lasten_eur' AND year = 2020 "
                     "AND norm = 'lasten_team_nulmeting'")
    code, out, _err = cli("--database", str(database), "verify", "R-0001")
    assert code == 1
    assert out.splitlines()[0].startswith("Toetsing R-0001 is niet gereproduceerd: 1 verschillen")
    assert "1020001.0" in out and "1020000.0" in out and "Verschillen" in out


def test_verify_in_python_after_later_imports(database: Path) -> None:
    repo = open_repository(f"sqlite:///{database}")
    result = verify_run(repo, "R-0001", framework_files=FILES,
                        organisation_reader=read_organisation)
    assert result.identical and result.differences == []
    assert result.stored_findings == result.recomputed_findings > 0


def test_an_unknown_run(cli: Cli, database: Path, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli("--database", str(database), "verify", "R-0009")
    assert (code, out, err) == (1, "", "Fout: Toetsing R-0009 bestaat niet. Kies een toetsing "
                                "die met 'assess' is gemaakt, of 'latest' voor de nieuwste; "
                                "'runs' toont ze alle.\n")


def test_changed_stored_data_shows_in_the_findings_and_the_data_hash(cli: Cli,
        database: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(database) as conn:
        conn.execute("DROP TRIGGER measurement_versions_no_update")
        conn.execute("UPDATE measurement_versions SET value = 999 WHERE batch_id = 1 AND "
                     "year = 2019")
    code, out, _err = cli("--database", str(database), "verify", "R-0001",
                          "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert {(d["kind"], d["field"]) for d in report["differences"]} >= {
        ("toetsing", "hash van de gebruikte waarden"), ("bevinding", "value")}
