"""`assess`: run an assessment, print the run id and the verdict matrix."""

from __future__ import annotations

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.cli.app import (
    app,
    check_output_format,
    console,
    print_json,
    repository,
    settings,
)
from samenwerkingsmonitor.cli.matrix import print_matrix, run_summary
from samenwerkingsmonitor.errors import UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.assess import (
    AssessmentOutcome,
    AssessmentRequest,
    run_assessment,
)
from samenwerkingsmonitor.services.frameworks.load import DEFAULT_FRAMEWORK


def parse_years(text: str) -> tuple[int, int]:
    first, sep, last = text.partition("-")
    try:
        return (int(first), int(last)) if sep else (int(first), int(first))
    except ValueError:
        raise UsageError(_("Geef de jaren als A-B, bijvoorbeeld 2018-2022 (gegeven: {text}).")
                         .format(text=text)) from None


def assess_with_progress(request: AssessmentRequest) -> AssessmentOutcome:
    repo = repository()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task(_("toetsen"), total=None)
        return run_assessment(
            repo, request, settings.user, framework_files=TomlFrameworkFiles(),
            organisation_reader=read_organisation,
            progress=lambda step: progress.update(task, description=step),
        )


@app.command("assess")
def assess_command(
    subjects: str = typer.Option(..., "--subjects",
                                 help="Onderwerpen, komma-gescheiden; 'samenwerking/*' voor "
                                      "alle gedeelde teams."),
    years: str = typer.Option(..., "--years", help="Jaren A-B, bijv. 2018-2022."),
    baseline: int = typer.Option(..., "--baseline", help="Jaar van de nulmeting."),
    framework: str = typer.Option(DEFAULT_FRAMEWORK, "--framework", help="Kader-id of bestand."),
    seed: int = typer.Option(0, "--seed", help="Seed, vastgelegd bij de toetsing."),
    output_format: str = typer.Option("tabel", "--format", help="tabel of json",
                                      callback=check_output_format),
) -> None:
    """Toets onderwerpen aan het kader en sla de bevindingen op."""
    first, last = parse_years(years)
    request = AssessmentRequest(
        subjects=tuple(s.strip() for s in subjects.split(",") if s.strip()),
        first_year=first, last_year=last, baseline_year=baseline, framework=framework,
        seed=seed,
    )
    outcome = assess_with_progress(request)
    if output_format == "json":
        print_json(run_summary(outcome))
        return
    console.print(_("Toetsing {run} opgeslagen.").format(run=outcome.run.id))
    print_matrix(outcome)
