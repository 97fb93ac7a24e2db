"""`assess`: run an assessment, print the run id and the verdict matrix."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from samenwerkingsmonitor.cli.app import (
    app,
    check_output_format,
    console,
    print_json,
    settings,
    wiring,
)
from samenwerkingsmonitor.cli.matrix import print_matrix, run_summary, steps
from samenwerkingsmonitor.errors import UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.frameworks import DEFAULT_FRAMEWORK

if TYPE_CHECKING:  # services load their libraries when a command runs, not for --help
    pass



def parse_years(text: str) -> tuple[int, int]:
    first, sep, last = text.partition("-")
    try:
        return (int(first), int(last)) if sep else (int(first), int(first))
    except ValueError:
        raise UsageError(_("Geef de jaren als A-B, bijvoorbeeld 2018-2022 (gegeven: {text}).")
                         .format(text=text)) from None


def parse_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


@app.command("assess", help=_("Toets onderwerpen aan het kader en sla de bevindingen op."))
def assess_command(
    subjects: Annotated[str, typer.Option(
        "--subjects", help=_("Onderwerpen, komma-gescheiden; 'samenwerking/*' voor alle "
                             "gedeelde teams."))],
    years: Annotated[str, typer.Option("--years", help=_("Jaren A-B, bijv. 2018-2022."))],
    baseline: Annotated[int, typer.Option("--baseline", help=_("Jaar van de nulmeting."))],
    framework: Annotated[str, typer.Option(
        "--framework", help=_("Kader-id of bestand."))] = DEFAULT_FRAMEWORK,
    seed: Annotated[int, typer.Option(
        "--seed", help=_("Seed, vastgelegd bij de toetsing."))] = 0,
    output_format: Annotated[str, typer.Option(
        "--format", help=_("Uitvoer: tabel of json."), callback=check_output_format)] = "tabel",
) -> None:
    from samenwerkingsmonitor.services.assessment.assess import AssessmentRequest
    from samenwerkingsmonitor.services.assessment.use_cases import assess
    first, last = parse_years(years)
    request = AssessmentRequest(parse_list(subjects), first, last, baseline, framework, seed,
                                settings.user)
    with steps(_("toetsen")) as progress:
        outcome = assess(request, wiring(), progress)
    if output_format == "json":
        print_json(run_summary(outcome))
        return
    console.print(_("Toetsing {run} opgeslagen.").format(run=outcome.run.id))
    print_matrix(outcome)
