"""`scenario run` on the example: values fetched from the run, the P&C data and the
vulnerability analysis, the frictiekosten model, SMAA per council, words, record and replay."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samenwerkingsmonitor.cli import build_app
from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.services.scenarios.use_cases import (
    ScenarioRunRequest,
    StoredScenariosRequest,
    run_scenarios,
    stored_scenario_outcomes,
)

app = build_app()
runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_DIR = ROOT / "src" / "samenwerkingsmonitor" / "example"
EXAMPLE = EXAMPLE_DIR / "scenarios-handhaving.toml"
TEAM = "heemstede-bloemendaal/handhaving-openbare-ruimte"
FILE = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))


def invoke(database: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--database", database, *args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("sc") / "sc.db")
    for args in (["init"], ["register", str(EXAMPLE_DIR / "organisatie.toml")],
                 ["import", str(EXAMPLE_DIR / "metingen.csv")],
                 ["import-vulnerability", *(str(EXAMPLE_DIR / n) for n in
                                            ("taken.csv", "medewerkers.csv", "competenties.csv"))],
                 ["assess", "--subjects", TEAM, "--years", "2018-2020", "--baseline", "2018"]):
        code, output = invoke(path, *args)
        assert code == 0, output
    return path


@pytest.fixture(scope="module")
def outcome(database: str) -> dict:  # type: ignore[type-arg]
    code, output = invoke(database, "scenario", "run", str(EXAMPLE), "--samples", "20000",
                          "--format", "json")
    assert code == 0, output
    return json.loads(output)  # type: ignore[no-any-return]


def _value(outcome: dict, alternative: str, criterion: str) -> dict:  # type: ignore[type-arg]
    return next(v for v in outcome["values"]  # type: ignore[no-any-return]
                if v["alternative"] == alternative and v["criterion"] == criterion)


def test_values_come_from_the_run_the_pc_data_and_the_vulnerability_analysis(
        database: str, outcome: dict) -> None:  # type: ignore[type-arg]
    code, output = invoke(database, "history", TEAM, "lasten_eur", "--format", "json")
    assert code == 0, output
    costs = [v for v in json.loads(output)
             if v["jaar"] == 2020 and v["soort"] == "realisatie"][0]["waarde"]
    assert _value(outcome, "gedeeld-team", "kosten")["likely"] == costs
    factor = FILE["alternatives"][1]["values"]["kosten"]["factor"]
    zelfstandig = _value(outcome, "zelfstandig", "kosten")
    assert (zelfstandig["low"], zelfstandig["likely"], zelfstandig["high"]) == pytest.approx(
        (costs * factor["low"], costs * factor["likely"], costs * factor["high"]))
    code, output = invoke(database, "vulnerability", TEAM, "--year", "2020", "--runs", "0",
                          "--format", "json")
    scopes = {s["scope"]: s["figures"]["onbezette_taakdagen_verwacht"]["value"]
              for s in json.loads(output)["scopes"]}
    assert _value(outcome, "gedeeld-team", "kwetsbaarheid")["likely"] == scopes["gezamenlijk"]
    assert _value(outcome, "zelfstandig", "kwetsbaarheid")["likely"] == pytest.approx(
        scopes["GM0377"] + scopes["GM0397"])
    quality = _value(outcome, "gedeeld-team", "kwaliteit")
    assert quality["basis"] == "toetsing" and quality["source"].startswith(
        f"toetsing {outcome['assessment_run']}, kwaliteit_oordeel 2020: 4")
    assert (quality["low"], quality["likely"], quality["high"]) == pytest.approx((3.6, 4, 4.4))


def test_todays_costs_are_split_by_the_verdeelsleutel(outcome: dict) -> None:  # type: ignore[type-arg]
    shares = {s["municipality"]: s for s in outcome["cost_shares"]}
    assert set(shares) == {"GM0397", "GM0377"}
    assert sum(s["share_pct"] for s in shares.values()) == pytest.approx(100)
    costs = _value(outcome, "gedeeld-team", "kosten")["likely"]
    assert sum(s["amount"] for s in shares.values()) == pytest.approx(costs)

    def euro(amount: float) -> str:
        return f"{amount:,.0f}".replace(",", ".")

    def pct(share: float) -> str:
        return f"{share:.1f}".replace(".", ",")

    h, b = shares["GM0397"], shares["GM0377"]
    assert outcome["costs_sentence"] == (
        f"De kosten van nu: € {euro(costs)} in 2020 (P&C-cijfers). Volgens de verdeelsleutel "
        f"betaalt Heemstede {pct(h['share_pct'])} % (€ {euro(h['amount'])}) en Bloemendaal "
        f"{pct(b['share_pct'])} % (€ {euro(b['amount'])}).")


def test_the_frictiekosten_model_shows_every_input_and_feeds_the_separation_cost(
        outcome: dict) -> None:  # type: ignore[type-arg]
    prices = FILE["transition_prices"]
    moved = FILE["alternatives"][1]["transition"]
    cost = outcome["transition_costs"]["zelfstandig"]
    for end in ("low", "likely", "high"):
        expected = (moved["staff_moved_fte"][end] * prices["per_fte_moved"][end]
                    + moved["systems_split"][end] * prices["per_system_split"][end]
                    + moved["contracts"][end] * prices["per_contract"][end]
                    + moved["other_eur"][end])
        assert cost["total"][end] == expected
        assert _value(outcome, "zelfstandig", "overgangskosten")[end] == expected
    assert [t["name"] for t in cost["terms"]] == ["personeel", "systemen", "contracten",
                                                  "overig"]
    assert outcome["transition_costs"]["gedeeld-team"]["total"] == {
        "low": 0.0, "likely": 0.0, "high": 0.0}


def test_each_council_gets_its_own_acceptabilities_and_the_sentence_says_them(
        outcome: dict) -> None:  # type: ignore[type-arg]
    heemstede, bloemendaal = outcome["councils"]
    assert (heemstede["name"], bloemendaal["name"]) == ("Heemstede", "Bloemendaal")
    for council in outcome["councils"]:
        for shares in council["rank_acceptability"].values():
            assert sum(shares) == pytest.approx(1.0)
    best = heemstede["best"]
    name = next(a["name"] for a in outcome["alternatives"] if a["id"] == best)
    share_h = round(heemstede["rank_acceptability"][best][0] * 100)
    share_b = round(bloemendaal["rank_acceptability"][bloemendaal["best"]][0] * 100)
    if bloemendaal["best"] == best:
        first = (f"Met de weging van Heemstede is {name} in {share_h} % van de aannemelijke "
                 f"wegingen de beste keuze; met die van Bloemendaal in {share_b} %.")
    else:
        other = next(a["name"] for a in outcome["alternatives"]
                     if a["id"] == bloemendaal["best"])
        first = (f"Met de weging van Heemstede is {name} in {share_h} % van de aannemelijke "
                 f"wegingen de beste keuze; met die van Bloemendaal is dat {other}, in "
                 f"{share_b} %.")
    assert outcome["headline"][0] == first
    gaps = {c["id"]: abs(heemstede["mean_weights"][c["id"]] - bloemendaal["mean_weights"][c["id"]])
            for c in outcome["criteria"]}
    widest = next(c["name"].lower() for c in outcome["criteria"]
                  if c["id"] == max(gaps, key=gaps.__getitem__))
    assert outcome["headline"][1] == f"Het verschil komt vooral van het gewicht voor {widest}."
    # Bloemendaal's rank order: kosten weighs most in every draw, and at least 0.3.
    weights = bloemendaal["mean_weights"]
    assert weights["kosten"] >= 0.3 and weights["kosten"] == max(weights.values())
    assert heemstede["weights_in_words"] == ("een rangorde: kwaliteit > kwetsbaarheid > kosten "
                                             "= sturing > overgangskosten")
    error = f"{outcome['monte_carlo_error'] * 100:.1f}".replace(".", ",")
    assert outcome["method"] == (
        "Berekend met 20.000 trekkingen per raad (seed 2021); door het trekken kan een "
        f"percentage hooguit {error} procentpunt afwijken (95 % zekerheid).")
    assert outcome["monte_carlo_error"] <= outcome["error_bound"]


def test_a_run_is_recorded_and_reproduces_from_its_seed(database: str,
                                                        outcome: dict) -> None:  # type: ignore[type-arg]
    assert outcome["run"]["id"].startswith("S-") and outcome["run"]["sha256"]
    code, output = invoke(database, "scenario", "run", str(EXAMPLE), "--samples", "20000",
                          "--no-store", "--format", "json")
    again = json.loads(output)
    assert code == 0 and again["run"]["id"] is None
    assert again["councils"] == outcome["councils"]
    code, output = invoke(database, "scenario", "run", str(EXAMPLE), "--samples", "20000",
                          "--seed", "7", "--no-store", "--format", "json")
    other = json.loads(output)
    assert other["seed"] == 7 and other["councils"] != outcome["councils"]


def test_the_stored_run_reads_back_as_it_was_printed(database: str,
                                                     outcome: dict) -> None:  # type: ignore[type-arg]
    stored = stored_scenario_outcomes(StoredScenariosRequest(), Wiring(f"sqlite:///{database}"))
    assert [s.run.id for s in stored] == [outcome["run"]["id"]]
    data = stored[0].as_dict()
    assert data["councils"] == outcome["councils"]
    assert data["headline"] == outcome["headline"] and data["values"] == outcome["values"]


def test_without_stored_data_every_missing_value_is_named(tmp_path: Path) -> None:
    wiring = Wiring(f"sqlite:///{tmp_path / 'empty.db'}")
    wiring.repository().migrate()
    code, output = invoke(f"sqlite:///{tmp_path / 'empty.db'}", "register",
                          str(EXAMPLE_DIR / "organisatie.toml"))
    assert code == 0, output
    from samenwerkingsmonitor.errors import ScenarioInvalid

    with pytest.raises(ScenarioInvalid) as error:
        run_scenarios(ScenarioRunRequest(EXAMPLE, "tester", 1000), wiring)
    messages = [i.message for i in error.value.report.issues]
    assert messages[0] == ("Er is nog geen toetsing opgeslagen, dus geen waarde voor "
                           "'kwaliteit_oordeel'.")
    assert (f"Er zijn geen kosten (lasten_eur, realisatie) van {TEAM} opgeslagen."
            in messages)
    assert f"Er is geen kwetsbaarheidsinvoer van {TEAM} opgeslagen." in messages
    assert str(error.value) == (f"De scenarioset {EXAMPLE.name} is afgekeurd: "
                                f"{len(messages)} problemen.")
