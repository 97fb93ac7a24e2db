"""Assessment runs on a real SQLite file: stored, recorded, and reproducible after corrections."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.storage import SqlRepository, open_repository
from samenwerkingsmonitor.errors import InputRefused, NotFound, UsageError
from samenwerkingsmonitor.services.assessment.assess import (
    AssessmentRequest,
    recompute_run,
    run_assessment,
)
from samenwerkingsmonitor.services.frameworks.load import load_framework
from samenwerkingsmonitor.services.organisation.register import (
    load_registered_organisation,
    register_organisation,
)
from support.workflow import import_file

EXAMPLE = Path(__file__).resolve().parents[2] / "src/samenwerkingsmonitor/example/organisatie.toml"
TEAM = "heemstede-bloemendaal/communicatie"
HEADER = "onderwerp,indicator,jaar,soort,waarde,eenheid,bron,status\n"
FILES = TomlFrameworkFiles()
REQUEST = AssessmentRequest((TEAM, "GM0397"), 2018, 2020, 2018)


def csv(path: Path, lines: list[str]) -> Path:
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture()
def repo(tmp_path: Path) -> SqlRepository:
    repository = open_repository(f"sqlite:///{tmp_path / 'toets.db'}")
    repository.migrate()
    register_organisation(repository, EXAMPLE, "tester", "test", reader=read_organisation)
    return repository


def load(repo: SqlRepository, path: Path, reason: str = "") -> None:
    organisation = load_registered_organisation(repo, reader=read_organisation)
    import_file(repo, path, organisation, load_framework("standaardkader", FILES), "tester",
                reason)


def assess(repo: SqlRepository, request: AssessmentRequest = REQUEST):  # type: ignore[no-untyped-def]
    return run_assessment(repo, request, "tester", framework_files=FILES,
                          organisation_reader=read_organisation)


FIRST = [f"{TEAM},lasten_eur,{year},realisatie,{1_000_000 + 10_000 * i},eur,test,definitief"
         for i, year in enumerate(range(2018, 2021))]


def test_a_run_records_what_it_used(repo: SqlRepository, tmp_path: Path) -> None:
    load(repo, csv(tmp_path / "a.csv", FIRST))
    outcome = assess(repo)
    run = repo.run("latest")
    assert run is not None and run.id == outcome.run.id == "R-0001"
    assert (run.framework_id, run.framework_version) == ("standaardkader", "1.0")
    assert len(run.framework_hash) == 64 and len(run.data_hash) == 64
    assert run.data_batch == repo.last_batch_id() == 1
    assert run.organisation_version == "1"
    assert run.subjects == ("GM0397", TEAM)
    assert repo.findings(run.id) == outcome.findings


def test_an_old_run_reproduces_after_a_correction(repo: SqlRepository, tmp_path: Path) -> None:
    load(repo, csv(tmp_path / "a.csv", FIRST))
    first = assess(repo)
    corrected = [FIRST[0], FIRST[1], FIRST[2].replace("1020000", "1500000")]
    load(repo, csv(tmp_path / "b.csv", corrected), reason="jaarrekening gecorrigeerd")
    second = assess(repo)
    assert second.findings != first.findings
    again = recompute_run(repo, first.run.id, framework_files=FILES,
                          organisation_reader=read_organisation)
    assert again.findings == repo.findings(first.run.id) == first.findings
    assert again.criterion_verdicts == repo.criterion_verdicts(first.run.id)


def test_running_twice_gives_identical_findings(repo: SqlRepository, tmp_path: Path) -> None:
    load(repo, csv(tmp_path / "a.csv", FIRST))
    assert assess(repo).findings == assess(repo).findings
    runs = [repo.run("R-0001"), repo.run("R-0002")]
    assert runs[0].findings_hash == runs[1].findings_hash  # type: ignore[union-attr]


def test_unknown_subject_is_refused(repo: SqlRepository) -> None:
    with pytest.raises(NotFound) as error:
        assess(repo, AssessmentRequest(("GM9999",), 2018, 2020, 2018))
    assert str(error.value) == (
        "Onbekend onderwerp: GM9999. Kies uit de gemeenten, teams en samenwerkingen van het "
        "geregistreerde organisatiebestand.")


def test_years_outside_the_framework_are_refused(repo: SqlRepository) -> None:
    with pytest.raises(UsageError) as error:
        assess(repo, AssessmentRequest((TEAM,), 2010, 2020, 2010))
    assert str(error.value) == "De jaren moeten binnen de periode van het kader liggen: 2018-2030."


def test_a_baseline_before_the_cooperation_and_the_framework(repo: SqlRepository,
                                                           tmp_path: Path) -> None:
    """The cooperation began in 2013; its pre-cooperation costs of 2012 are stored (outside the
    framework's 2018-2030) and serve as the nulmeting of an assessment of 2018-2020."""
    baseline = f"{TEAM},lasten_eur,2012,realisatie,900000,eur,test,reconstructie"
    older = "GM0397,inwoners,2017,realisatie,26000,aantal,CBS,definitief"
    load(repo, csv(tmp_path / "a.csv", [baseline, older, *FIRST]))
    stored = {(s.measurement.subject, s.measurement.year) for s in repo.current_measurements()}
    assert {(TEAM, 2012), ("GM0397", 2017)} <= stored
    outcome = assess(repo, AssessmentRequest((TEAM,), 2018, 2020, 2012))
    costs = [f for f in outcome.findings if f.indicator == "lasten_eur" and f.year == 2020]
    assert costs and all(f.baseline_year == 2012 for f in costs)
    assert {f.baseline_value for f in costs} == {900_000.0}
    assert {f.baseline_status.value for f in costs} == {"gereconstrueerd"}


def test_a_baseline_before_1990_is_refused(repo: SqlRepository) -> None:
    with pytest.raises(UsageError) as error:
        assess(repo, AssessmentRequest((TEAM,), 2018, 2020, 1989))
    assert str(error.value) == ("Het jaar van de nulmeting (1989) ligt voor 1990; zo ver terug "
                                "worden geen metingen bewaard.")


@pytest.mark.parametrize(("request_", "error_type", "message"), [
    (AssessmentRequest((), 2018, 2020, 2018), UsageError,
     "Geef minstens één onderwerp met --subjects."),
    (AssessmentRequest((TEAM,), 2018, 2020, 2025), UsageError,
     "Het jaar van de nulmeting (2025) ligt na het laatste getoetste jaar (2020)."),
    (AssessmentRequest(("heemstede-bloemendaal/informatisering",), 2021, 2022, 2021),
     InputRefused,
     "Geen bevindingen: het kader heeft geen indicator voor "
     "heemstede-bloemendaal/informatisering in 2021-2022 (soort, terrein of niveau past niet, "
     "of het onderwerp bestond toen niet)."),
])
def test_requests_that_cannot_give_findings_are_refused(
        repo: SqlRepository, request_: AssessmentRequest, error_type: type[Exception],
        message: str) -> None:
    before = repo.dump()
    with pytest.raises(error_type) as error:
        assess(repo, request_)
    assert str(error.value) == message
    assert repo.dump() == before


def test_budget_norm_judges_the_realisatie_against_the_begroting(repo: SqlRepository,
                                                                tmp_path: Path) -> None:
    """Worked case: begroting € 1.000.000; realisatie 2018 € 990.000 (1 % under: voldoet),
    2019 € 1.030.000 (3 % over: voldoet deels, signal 5 %), 2020 € 1.080.000 (8 % over:
    voldoet niet); the explanation names the budget and the deviation in % and euros."""
    from samenwerkingsmonitor.services.assessment.explain import explain

    lines = [f"{TEAM},lasten_eur,{year},begroting,1000000,eur,begroting {year},definitief"
             for year in (2018, 2019, 2020)]
    lines += [f"{TEAM},lasten_eur,{year},realisatie,{value},eur,jaarrekening,definitief"
              for year, value in ((2018, 990_000), (2019, 1_030_000), (2020, 1_080_000))]
    load(repo, csv(tmp_path / "a.csv", lines))
    outcome = assess(repo, AssessmentRequest((TEAM,), 2018, 2020, 2018))
    budget = {f.year: f for f in outcome.findings if f.norm == "lasten_team_realisatie_begroting"}
    assert {year: f.verdict.value for year, f in budget.items()} == {
        2018: "voldoet", 2019: "voldoet_deels", 2020: "voldoet_niet"}
    assert [round(budget[y].compared or 0, 6) for y in (2018, 2019, 2020)] == [-1.0, 3.0, 8.0]
    framework = outcome.framework
    assert framework is not None
    indicator = framework.indicator("lasten_eur")
    assert indicator is not None
    text = explain(budget[2019], indicator)
    assert text.startswith(
        "Lasten van het team in 2019: € 1.030.000. Begroting € 1.000.000; afwijking "
        "+€ 30.000 (+3,0 %). Streef ≤ 0,0 %, signaal ≤ 5,0 % afwijking.")
    assert "realisatie tegenover begroting, lager is beter" in text
    under = explain(budget[2018], indicator)
    assert "afwijking −€ 10.000 (−1,0 %)" in under


def test_budget_norm_uses_the_amended_budget_and_names_the_primitive_one(
        repo: SqlRepository, tmp_path: Path) -> None:
    """Worked case: primitive begroting € 1.000.000, begroting na wijziging € 1.050.000,
    realisatie € 1.030.000: against the amended budget 1,9 % under (voldoet); the explanation
    also names the deviation from the primitive budget (+€ 30.000, +3,0 %)."""
    from samenwerkingsmonitor.services.assessment.explain import explain

    lines = [f"{TEAM},lasten_eur,2019,begroting,1000000,eur,begroting 2019,definitief",
             f"{TEAM},lasten_eur,2019,begroting_na_wijziging,1050000,eur,"
             "tweede bestuursrapportage 2019,definitief",
             f"{TEAM},lasten_eur,2019,realisatie,1030000,eur,jaarrekening 2019,definitief"]
    load(repo, csv(tmp_path / "a.csv", lines))
    outcome = assess(repo, AssessmentRequest((TEAM,), 2019, 2019, 2019))
    finding = next(f for f in outcome.findings if f.norm == "lasten_team_realisatie_begroting")
    assert (finding.verdict.value, finding.reference) == ("voldoet", 1_050_000.0)
    assert round(finding.compared or 0, 4) == round(-20_000 / 1_050_000 * 100, 4)
    indicator = outcome.framework.indicator("lasten_eur") if outcome.framework else None
    assert indicator is not None
    assert ("Begroting na wijziging € 1.050.000; afwijking −€ 20.000 (−1,9 %). Primitieve "
            "begroting € 1.000.000; afwijking +€ 30.000 (+3,0 %). Streef ≤ 0,0 %, signaal "
            "≤ 5,0 % afwijking.") in explain(finding, indicator)
