"""`runs [--subject ID] [--format json]`: the stored runs, oldest first, with their status."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from samenwerkingsmonitor.cli.app import app, check_output_format, console, print_json, wiring
from samenwerkingsmonitor.i18n import _

if TYPE_CHECKING:
    from samenwerkingsmonitor.services.assessment.use_cases import RunSummary


@app.command("runs", help=_("Toon de opgeslagen toetsingen: wanneer, door wie, met welk kader, "
                            "over welke onderwerpen en jaren, en of ze nog gelden."))
def runs_command(
    subject: Annotated[str | None, typer.Option(
        "--subject", help=_("Alleen toetsingen van dit onderwerp, bijv. GM0397."))] = None,
    output_format: Annotated[str, typer.Option(
        "--format", help=_("Uitvoer: tabel of json."), callback=check_output_format)] = "tabel",
) -> None:
    from samenwerkingsmonitor.services.assessment.use_cases import RunsRequest, list_runs

    runs = list_runs(RunsRequest(subject), wiring())
    if output_format == "json":
        print_json([run_json(run) for run in runs])
    elif not runs:
        console.print(_("Er zijn nog geen toetsingen opgeslagen; maak er een met 'assess'."),
                      markup=False)
    else:
        print_runs(runs)


def status_text(run: RunSummary) -> str:
    if run.superseded_by is None:
        return _("geldend")
    return _("vervangen door {run}").format(run=run.superseded_by)


def run_json(run: RunSummary) -> dict[str, Any]:
    return {"run": run.id, "created": run.created.isoformat(), "user": run.user,
            "framework": run.framework, "framework_version": run.framework_version,
            "subjects": list(run.subjects), "years": [run.first_year, run.last_year],
            "baseline_year": run.baseline_year, "current": run.current,
            "superseded_by": run.superseded_by, "status": status_text(run),
            "review_status": run.review_status}


def print_runs(runs: list[RunSummary]) -> None:
    from rich.table import Table

    table = Table(title=_("Opgeslagen toetsingen"), title_justify="left")
    for header in (_("Toetsing"), _("Datum"), _("Wie"), _("Kader"), _("Onderwerpen"),
                   _("Jaren"), _("Nulmeting"), _("Status"), _("Vaststelling")):
        table.add_column(header)
    for run in runs:
        table.add_row(run.id, run.created.strftime("%Y-%m-%d %H:%M"), run.user,
                      f"{run.framework} {run.framework_version}", ", ".join(run.subjects),
                      f"{run.first_year}-{run.last_year}", str(run.baseline_year),
                      status_text(run), run.review_status)
    console.print(table)
