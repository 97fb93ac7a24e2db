"""`scenario validate FILE` and `scenario run FILE` (docs/scenarios.md): forms of cooperation
compared with each council's own weights, robust to uncertain figures (SMAA-2)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from samenwerkingsmonitor.cli.app import (
    app,
    check_output_format,
    console,
    print_json,
    refusal_json,
    settings,
    wiring,
)
from samenwerkingsmonitor.errors import ScenarioInvalid
from samenwerkingsmonitor.i18n import _, number

if TYPE_CHECKING:  # numpy and the kernel load when a command runs, not for --help
    from samenwerkingsmonitor.services.scenarios.use_cases import ScenarioOutcome

scenario_app = typer.Typer(help=_("Vormen van samenwerking vergelijken met de weging van elke "
                                  "raad (SMAA)."), no_args_is_help=True)
app.add_typer(scenario_app, name="scenario")


def _refuse_as_json(file: Path, error: ScenarioInvalid, output_format: str) -> None:
    if output_format != "json":
        raise error
    print_json(refusal_json(file.name, error))
    sys.exit(error.exit_code)


@scenario_app.command("validate", help=_(
    "Controleer een scenarioset; toont elk probleem met plaats en hint."))
def validate(
    file: Annotated[Path, typer.Argument(help=_("Pad naar de scenarioset (TOML)."))],
    output_format: Annotated[str, typer.Option(
        "--format", help=_("Uitvoer: tabel of json."), callback=check_output_format)] = "tabel",
) -> None:
    from samenwerkingsmonitor.services.scenarios.use_cases import (
        ScenarioFileRequest,
        validate_scenario_set,
    )
    try:
        scenarios = validate_scenario_set(ScenarioFileRequest(file), wiring())
    except ScenarioInvalid as error:
        _refuse_as_json(file, error, output_format)
        return
    if output_format == "json":
        print_json({"file": file.name, "refused": False, "id": scenarios.id,
                    "version": scenarios.version, "criteria": len(scenarios.criteria),
                    "alternatives": len(scenarios.alternatives),
                    "councils": len(scenarios.councils)})
        return
    console.print(_("Scenarioset '{id}' versie {version} is geldig: {a} alternatieven, {c} "
                    "criteria, {r} raden.").format(
        id=scenarios.id, version=scenarios.version, a=len(scenarios.alternatives),
        c=len(scenarios.criteria), r=len(scenarios.councils)), markup=False)


@scenario_app.command("run", help=_(
    "Vergelijk de alternatieven met de weging van elke raad en leg de berekening vast."))
def run(
    file: Annotated[Path, typer.Argument(help=_("Pad naar de scenarioset (TOML)."))],
    samples: Annotated[int | None, typer.Option(
        "--samples", help=_("Aantal trekkingen per raad (standaard: uit het bestand, anders "
                            "100.000)."))] = None,
    seed: Annotated[int | None, typer.Option(
        "--seed", help=_("Startgetal van het toeval; dezelfde seed geeft dezelfde "
                         "uitkomst."))] = None,
    no_store: Annotated[bool, typer.Option(
        "--no-store", help=_("Niet opslaan, alleen tonen."))] = False,
    reason: Annotated[str, typer.Option("--reason", help=_("Waarom deze berekening."))] = "",
    output_format: Annotated[str, typer.Option(
        "--format", help=_("Uitvoer: tabel of json."), callback=check_output_format)] = "tabel",
) -> None:
    from samenwerkingsmonitor.services.scenarios.use_cases import (
        ScenarioRunRequest,
        run_scenarios,
    )
    request = ScenarioRunRequest(file, settings.user, samples, seed, not no_store, reason)
    try:
        outcome = run_scenarios(request, wiring())
    except ScenarioInvalid as error:
        _refuse_as_json(file, error, output_format)
        return
    if output_format == "json":
        print_json(outcome.as_dict())
        return
    print_outcome(outcome)


def print_outcome(outcome: ScenarioOutcome) -> None:
    scenarios = outcome.scenario_set
    title = scenarios.title + (_(" (fictief voorbeeld)") if scenarios.fictitious else "")
    console.print(f"[bold]{_escape(title)}[/]")
    for sentence in outcome.headline:
        console.print(sentence, markup=False)
    names = [a.name for a in scenarios.alternatives]
    for council, weights in zip(outcome.councils, outcome.weights_text, strict=True):
        table = Table(title=_("Rangkansen met de weging van {council} ({weights})").format(
            council=council.council.name, weights=weights))
        table.add_column(_("Alternatief"))
        for rank in range(len(names)):
            table.add_column(_("{rank}e").format(rank=rank + 1), justify="right")
        table.add_column(_("Zekerheid"), justify="right")
        for index, name in enumerate(names):
            shares = council.result.rank_acceptability[index]
            confidence = council.result.confidence[index]
            table.add_row(name, *(f"{round(s * 100)} %" for s in shares),
                          "–" if confidence != confidence else f"{round(confidence * 100)} %")
        console.print(table)
    for sentence in outcome.confidence:
        console.print(sentence, markup=False)
    if outcome.costs:
        console.print(outcome.costs, markup=False)
    separation = outcome.separation_cost()
    if separation is not None:
        console.print(_("Frictiekosten van ontvlechten (eenmalig): € {low} tot € {high}, "
                        "waarschijnlijk € {likely}.").format(
            low=number(separation.total.low, 0), high=number(separation.total.high, 0),
            likely=number(separation.total.likely, 0)), markup=False)
    console.print(outcome.method, markup=False)
    if outcome.run.id is not None:
        console.print(_("Vastgelegd als {id}.").format(id=outcome.run.id), markup=False)


def _escape(text: str) -> str:
    return text.replace("[", r"\[")
