"""Process events are the one source of the process indicators (docs/adr/0020-process-events.md).

Real SQLite files and the real command line. The demo's counts are compared with the events
of its organisation file, read here with tomllib independently of the program.
"""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.storage import open_repository
from samenwerkingsmonitor.domain.organisation import Evaluation, ProcessFacts
from samenwerkingsmonitor.domain.process import process_indicator_values
from support.cli import Cli

EXAMPLE = Path(__file__).resolve().parents[2] / "src/samenwerkingsmonitor/example"
COOPERATION = "heemstede-bloemendaal"


@pytest.fixture
def database(cli: Cli, tmp_path: Path) -> str:
    """The example registered and imported; R-0001 of the cooperation over 2018-2022."""
    url = f"sqlite:///{tmp_path / 'proces.db'}"
    for args in (("init",), ("register", str(EXAMPLE / "organisatie.toml")),
                 ("import", str(EXAMPLE / "metingen.csv")),
                 ("assess", "--subjects", COOPERATION, "--years", "2018-2022",
                  "--baseline", "2018")):
        code, _out, err = cli("--database", url, *args)
        assert code == 0, err
    return url


def process_findings(cli: Cli, url: str, run: str) -> dict[tuple[str, int], object]:
    """The process findings as stored with the run (not the live counts)."""
    repo = open_repository(url)
    try:
        return {(f.indicator, f.year): (f.scale_value if f.scale_value is not None else f.value)
                for f in repo.findings(run)
                if f.indicator in ("raadsinformatiebrieven_aantal", "begeleidingsgroep_ingesteld",
                                   "tussentijdse_evaluatie_tijdig")}
    finally:
        repo.close()


def test_the_demo_process_indicators_equal_the_counts_of_its_events(cli: Cli,
                                                                    database: str) -> None:
    with (EXAMPLE / "organisatie.toml").open("rb") as handle:
        process = tomllib.load(handle)["process"]
    letters = [d for d in process["council_documents"]
               if d["kind"] == "brief" and d.get("cooperation") == COOPERATION]
    groups = [g for g in process["guidance_groups"] if g["cooperation"] == COOPERATION]
    interim = [e for e in process["evaluations"]
               if e["cooperation"] == COOPERATION and e.get("interim")]
    found = process_findings(cli, database, "R-0001")
    for year in range(2018, 2023):
        assert found["raadsinformatiebrieven_aantal", year] == sum(
            1 for d in letters if d["date"].year == year)
        assert found["begeleidingsgroep_ingesteld", year] == (
            "ja" if any(g["established"].year <= year for g in groups) else "nee")
    planned = {e["planned"].year: e for e in interim}
    assert set(planned) == {2021}
    assert found["tussentijdse_evaluatie_tijdig", 2021] == (
        "ja" if planned[2021].get("held") and planned[2021]["held"] <= planned[2021]["planned"]
        else "nee")
    assert ("tussentijdse_evaluatie_tijdig", 2022) not in found or \
        found["tussentijdse_evaluatie_tijdig", 2022] is None


def test_a_recorded_letter_counts_in_the_next_run_only_and_every_run_verifies(
        cli: Cli, database: str) -> None:
    before = process_findings(cli, database, "R-0001")
    code, out, err = cli("--database", database, "--user", "griffie", "process", "add",
                         "raadsinformatiebrief", "--cooperation", COOPERATION,
                         "--date", "2022-12-20", "--number", "RIB-2022-099",
                         "--municipality", "GM0377", "--title", "Voortgang van de toetsing",
                         "--reason", "brief verzonden")
    assert (code, err) == (0, "")
    assert out == ("Gebeurtenis 1 vastgelegd: raadsinformatiebrief van heemstede-bloemendaal "
                   "op 2022-12-20.\n")
    code, _out, err = cli("--database", database, "assess", "--subjects", COOPERATION,
                          "--years", "2018-2022", "--baseline", "2018")
    assert code == 0, err
    after = process_findings(cli, database, "R-0002")
    assert after["raadsinformatiebrieven_aantal", 2022] == \
        before["raadsinformatiebrieven_aantal", 2022] + 1  # type: ignore[operator]
    assert process_findings(cli, database, "R-0001") == before  # a run never changes
    for run in ("R-0001", "R-0002"):
        code, out, err = cli("--database", database, "verify", run)
        assert code == 0, out + err
    code, out, _err = cli("--database", database, "process", "list", "--format", "json")
    event = json.loads(out)["events"][0]
    assert (event["user"], event["reason"], event["number"]) == (
        "griffie", "brief verzonden", "RIB-2022-099")


def test_an_imported_process_value_is_refused_with_where_to_record_the_event(
        cli: Cli, database: str, tmp_path: Path) -> None:
    path = tmp_path / "proces.csv"
    path.write_text("onderwerp,indicator,jaar,soort,waarde,eenheid,bron\n"
                    f"{COOPERATION},raadsinformatiebrieven_aantal,2022,realisatie,5,aantal,"
                    "telling\n"
                    f"{COOPERATION},begeleidingsgroep_ingesteld,2022,realisatie,ja,ja_nee,"
                    "besluit\n", encoding="utf-8")
    code, out, err = cli("--database", database, "import", str(path))
    assert (code, out) == (1, "")
    assert err == (
        "Fout: Het bestand proces.csv is geweigerd: 2 problemen; er is niets opgeslagen.\n"
        "- proces.csv, rij 2, kolom 'indicator': 'raadsinformatiebrieven_aantal' wordt geteld "
        "uit de procesgebeurtenissen en kan niet worden geïmporteerd. Leg elke "
        "raadsinformatiebrief vast met 'samenwerkingsmonitor process add "
        "raadsinformatiebrief', of in het organisatiebestand onder "
        "[[process.council_documents]] (kind = \"brief\"); het aantal volgt daaruit.\n"
        "- proces.csv, rij 3, kolom 'indicator': 'begeleidingsgroep_ingesteld' wordt geteld "
        "uit de procesgebeurtenissen en kan niet worden geïmporteerd. Leg de instelling van "
        "de begeleidingsgroep vast met 'samenwerkingsmonitor process add "
        "begeleidingsgroep_ingesteld', of in het organisatiebestand onder "
        "[[process.guidance_groups]]; het oordeel volgt daaruit.\n")


def test_a_wrong_event_is_refused_with_every_problem_and_nothing_stored(
        cli: Cli, database: str) -> None:
    code, out, err = cli("--database", database, "process", "add", "raadsinformatiebrief",
                         "--cooperation", "onbekend", "--date", "2022-12-20")
    assert (code, out) == (1, "")
    assert err == (
        "Fout: De gebeurtenis is niet vastgelegd: 4 problemen.\n"
        "- process add, sleutel --cooperation: Onbekende samenwerking 'onbekend'. Kies een "
        "samenwerking uit het geregistreerde organisatiebestand: gr-dit, gr-gbkz, gr-iasz, "
        "heemstede-bloemendaal, omgevingswet-kennisdeling.\n"
        "- process add, sleutel --title: De titel of het onderwerp ontbreekt. Geef met --title "
        "het onderwerp van de brief of het besluit, of de naam van de evaluatie.\n"
        "- process add, sleutel --number: Het nummer van de brief of het besluit ontbreekt. "
        "Geef met --number het nummer, bijvoorbeeld RIB-2022-025.\n"
        "- process add, sleutel --municipality: De gemeente ontbreekt. Geef met --municipality "
        "de CBS-code van de gemeente waarvan de raad de brief kreeg of het besluit nam: "
        "GM0377, GM0383, GM0384, GM0397, GM0451, GM0579, GM0626, GM0629.\n")
    code, out, err = cli("--database", database, "process", "add", "evaluatie_gehouden",
                         "--cooperation", COOPERATION, "--date", "2024-07-01",
                         "--title", "Eindevaluatie")
    assert code == 1
    assert err == (
        "Fout: De gebeurtenis is niet vastgelegd: 1 probleem.\n"
        "- process add, sleutel --title: Er is geen geplande evaluatie 'Eindevaluatie' van "
        "heemstede-bloemendaal. Leg eerst de planning vast (soort evaluatie_gepland), of "
        "gebruik de naam van een geplande evaluatie: Evaluatie ambtelijke samenwerking "
        "(FICTIEF), Tussenevaluatie ambtelijke samenwerking (FICTIEF).\n")
    code, out, _err = cli("--database", database, "process", "list", "--format", "json")
    assert json.loads(out)["events"] == []


def test_a_planned_and_a_held_evaluation_are_recorded_and_judged(cli: Cli,
                                                                 database: str) -> None:
    for args in (("evaluatie_gepland", "--date", "2022-06-30", "--title", "Tweede "
                  "tussenevaluatie", "--interim"),
                 ("evaluatie_gehouden", "--date", "2022-06-28", "--title", "Tweede "
                  "tussenevaluatie", "--number", "RAP-2022-1")):
        code, _out, err = cli("--database", database, "process", "add", args[0],
                              "--cooperation", COOPERATION, *args[1:])
        assert code == 0, err
    code, out, _err = cli("--database", database, "process", "list", "--years", "2022",
                          "--format", "json")
    values = {(v["indicator"], v["year"]): v for v in json.loads(out)["indicators"]}
    assert values["tussentijdse_evaluatie_tijdig", 2022]["value"] == "ja"
    assert values["tussentijdse_evaluatie_tijdig", 2022]["from"] == (
        "Tweede tussenevaluatie: 2022-06-30 / 2022-06-28")


@pytest.mark.parametrize(("held", "expected"), [
    (date(2021, 6, 30), "ja"),  # on the planned day counts as on time
    (date(2021, 7, 1), "nee"),
    (None, "nee"),  # planned that year and never held
])
def test_interim_evaluation_on_time_worked_cases(held: date | None, expected: str) -> None:
    facts = ProcessFacts(evaluations=(
        Evaluation("c", "Tussenevaluatie", date(2021, 6, 30), held, interim=True),))
    values = process_indicator_values(facts, ["c"], [2020, 2021],
                                      ["tussentijdse_evaluatie_tijdig"])
    assert [(m.year, m.scale_value) for m in values] == [(2021, expected)]


def test_a_cooperation_without_any_process_fact_gets_no_counted_values() -> None:
    values = process_indicator_values(ProcessFacts(), ["c"], [2021],
                                      ["raadsinformatiebrieven_aantal"])
    assert values == []
