"""`compare RUN_A RUN_B` per finding with the measurement versions that caused each change, and
worked cases of each kind of signal.

The comparison runs on a real SQLite file through the real command line: one correction (a
score from 8 to 6) changes one finding, and the comparison and the report name that version.
The signals are computed from findings written out here, one worked case per rule.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.storage import open_repository
from samenwerkingsmonitor.analysis.signals import SignalKind, compute_signals
from samenwerkingsmonitor.domain.assessment import Finding
from samenwerkingsmonitor.domain.framework import Framework, SignalSettings
from samenwerkingsmonitor.domain.measurements import BaselineStatus
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.services.frameworks.load import load_framework
from support.cli import Cli

EXAMPLE = Path(__file__).resolve().parents[2] / "src/samenwerkingsmonitor/example"
TEAM = "heemstede-bloemendaal/communicatie"
OTHER = "heemstede-bloemendaal/facilitaire-zaken"
SCORE = f"{TEAM}/klanttevredenheid_score/2020/klanttevredenheid_grens"


def ok(cli: Cli, *args: str) -> str:
    code, out, err = cli(*args)
    assert code == 0, out + err
    return out


@pytest.fixture
def corrected(cli: Cli, tmp_path: Path) -> str:
    """R-0001 (team and GM0397), a correction of one score, R-0002 (same subjects) and R-0003
    (the team and another team)."""
    url = f"sqlite:///{tmp_path / 'vergelijk.db'}"
    db = ("--database", url)
    ok(cli, *db, "init")
    ok(cli, *db, "register", str(EXAMPLE / "organisatie.toml"))
    ok(cli, *db, "import", str(EXAMPLE / "metingen.csv"))
    ok(cli, *db, "assess", "--subjects", f"{TEAM},GM0397", "--years", "2018-2022",
       "--baseline", "2018")
    correction = tmp_path / "correctie.csv"
    correction.write_text("onderwerp,indicator,jaar,soort,waarde,eenheid,bron\n"
                          f"{TEAM},klanttevredenheid_score,2020,realisatie,6,score_1_10,"
                          "Fictief voorbeeld: enquête interne klanten 2020 (herteld)\n",
                          encoding="utf-8")
    ok(cli, *db, "--user", "controller", "import", str(correction), "--reason",
       "enquête opnieuw geteld")
    ok(cli, *db, "assess", "--subjects", f"{TEAM},GM0397", "--years", "2018-2022",
       "--baseline", "2018")
    ok(cli, *db, "assess", "--subjects", f"{TEAM},{OTHER}", "--years", "2018-2022",
       "--baseline", "2018")
    return url


def test_one_correction_changes_one_finding_and_names_its_version(cli: Cli,
                                                                  corrected: str) -> None:
    found = json.loads(ok(cli, "--database", corrected, "compare", "R-0001", "R-0002",
                          "--format", "json"))
    assert (found["only_a"], found["only_b"]) == ([], [])
    repo = open_repository(corrected)
    try:
        assert found["compared"] == len(repo.findings("R-0001")) == len(repo.findings("R-0002"))
    finally:
        repo.close()
    (change,) = found["changed"]
    assert change["finding"] == SCORE
    assert change["label"] == "Communicatie – Klanttevredenheid 2020"  # as a page shows it
    assert {c["field"]: (c["before"], c["after"]) for c in change["changes"]} == {
        "verdict": ("voldoet", "voldoet_niet"), "value": (8.0, 6.0)}
    (cause,) = change["caused_by"]
    assert (cause["indicator"], cause["year"], cause["before"], cause["after"], cause["user"],
            cause["reason"]) == ("klanttevredenheid_score", 2020, 8.0, 6.0, "controller",
                                 "enquête opnieuw geteld")
    assert cause["after_version"] > cause["before_version"]
    assert (found["better"], found["worse"]) == (0, 1)


def test_runs_with_different_subjects_compare_their_overlap(cli: Cli, corrected: str) -> None:
    found = json.loads(ok(cli, "--database", corrected, "compare", "R-0001", "R-0003",
                          "--format", "json"))
    assert found["common_subjects"] == [TEAM]
    assert (found["only_a"], found["only_b"]) == (["GM0397"], [OTHER])
    assert [c["finding"] for c in found["changed"]] == [SCORE]


def test_the_report_speaks_about_findings_since_the_previous_run(cli: Cli, corrected: str,
                                                                  tmp_path: Path) -> None:
    ok(cli, "--database", corrected, "report", "R-0002", "--as", "html", "--appendix",
       "--output", str(tmp_path / "r"))
    html = (tmp_path / "r" / "technische-bijlage.html").read_text(encoding="utf-8")
    assert "Ten opzichte van de vorige toetsing (R-0001) veranderden 1 van de " in html
    assert "Communicatie – Klanttevredenheid 2020: voldoet → voldoet niet, " \
           "door meetversie " in html
    assert "van klanttevredenheid_score 2020 (8 → 6, controller: enquête opnieuw geteld)" in html


# --- signals: worked cases ---------------------------------------------------------------------

FRAMEWORK = load_framework("standaardkader", TomlFrameworkFiles())


def finding(indicator: str, year: int, value: float | None, verdict: Verdict,
            gap: str | None = None, subject: str = TEAM) -> Finding:
    return Finding(subject, indicator, "kwaliteit", year, "n", "absoluut", verdict, value, None,
                   "pct", value, None, None, True, True, None, None, None,
                   BaselineStatus.CAPTURED, "", "", gap)


def with_settings(worse_years: int = 3, tolerance: float = 25.0) -> Framework:
    return replace(FRAMEWORK, signals=SignalSettings(worse_years, tolerance))


def series(indicator: str, values: list[float], verdict: Verdict = Verdict.MEETS,
           first: int = 2018) -> list[Finding]:
    return [finding(indicator, first + i, v, verdict) for i, v in enumerate(values)]


def test_worse_three_years_in_a_row_while_within_the_norm() -> None:
    rising_absence = series("ziekteverzuim_pct", [4.0, 4.2, 4.5, 4.9], first=2019)
    (signal,) = compute_signals(rising_absence, with_settings(3), 2022)
    assert (signal.kind, signal.finding, signal.years, signal.values) == (
        SignalKind.WORSE_YEARS, f"{TEAM}/ziekteverzuim_pct/2022/n", (2019, 2020, 2021, 2022),
        (4.0, 4.2, 4.5, 4.9))
    assert compute_signals(rising_absence, with_settings(4), 2022) == []  # only three steps
    crossed = [*rising_absence[:-1], replace(rising_absence[-1],
                                             verdict=Verdict.DOES_NOT_MEET)]
    assert compute_signals(crossed, with_settings(3), 2022) == []  # no longer within the norm
    falling = series("ziekteverzuim_pct", [4.9, 4.5, 4.2, 4.0], first=2019)
    assert compute_signals(falling, with_settings(3), 2022) == []  # lower is better here
    gap = [f for f in rising_absence if f.year != 2020]
    assert compute_signals(gap, with_settings(2), 2022) == []  # a missing year breaks the row


def test_a_jump_from_the_trend_of_the_years_before() -> None:
    scores = series("klanttevredenheid_score", [7.0, 7.5, 8.0, 5.0], first=2019)
    (signal,) = compute_signals(scores, with_settings(tolerance=25.0), 2022)
    assert signal.kind is SignalKind.JUMP and signal.year == 2022
    assert signal.expected == pytest.approx(8.5)
    assert signal.deviation_pct == pytest.approx(3.5 / 8.5 * 100)
    assert compute_signals(scores, with_settings(tolerance=45.0), 2022) == []
    assert compute_signals(scores, with_settings(tolerance=25.0), 2023) == []  # not this year


def test_a_norm_crossed_since_the_previous_run() -> None:
    before = [finding("klanttevredenheid_score", 2020, 8.0, Verdict.MEETS)]
    now = [finding("klanttevredenheid_score", 2020, 6.0, Verdict.DOES_NOT_MEET)]
    (signal,) = compute_signals(now, FRAMEWORK, 2020, before)
    assert (signal.kind, signal.before, signal.verdict, signal.worse) == (
        SignalKind.NORM_CROSSED, Verdict.MEETS, Verdict.DOES_NOT_MEET, True)
    unknown = [finding("klanttevredenheid_score", 2020, None, Verdict.NOT_ASSESSABLE,
                       "geen_waarde")]
    assert [s.kind for s in compute_signals(now, FRAMEWORK, 2020, unknown)] == []


def test_a_data_gap_that_blocks_a_verdict_this_year() -> None:
    findings = [finding("ziekteverzuim_pct", 2021, None, Verdict.NOT_ASSESSABLE, "geen_waarde"),
                finding("ziekteverzuim_pct", 2022, None, Verdict.NOT_ASSESSABLE, "geen_waarde")]
    (signal,) = compute_signals(findings, FRAMEWORK, 2022)
    assert (signal.kind, signal.year, signal.gap) == (SignalKind.GAP, 2022, "geen_waarde")


def test_signals_of_a_run_on_the_command_line(cli: Cli, corrected: str) -> None:
    found = json.loads(ok(cli, "--database", corrected, "signals", "R-0002", "--format",
                          "json"))
    assert found["previous"] == "R-0001"
    crossed = [s for s in found["signals"] if s["kind"] == "norm_overschreden"]
    assert [(s["finding"], s["before"], s["verdict"]) for s in crossed] == [
        (SCORE, "voldoet", "voldoet_niet")]
