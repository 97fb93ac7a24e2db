"""`demo`: build a demo folder with a SQLite database, the assessment and the report."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.intake.vulnerability_reader import import_vulnerability_files
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.storage import open_repository
from samenwerkingsmonitor.cli.app import app, check_output_format, console, print_json, settings
from samenwerkingsmonitor.cli.import_cmd import import_file
from samenwerkingsmonitor.cli.matrix import print_matrix, run_summary
from samenwerkingsmonitor.cli.report_cmd import ALL_FORMATS, write_reports
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.demo.demo import DemoParts, run_demo

DEMO_DIR = Path("samenwerkingsmonitor-demo")


@app.command("demo")
def demo_command(
    output: Path = typer.Option(DEMO_DIR, "--output", help="Map voor database en rapport."),
    output_format: str = typer.Option("tabel", "--format", help="tabel of json",
                                      callback=check_output_format),
) -> None:
    """Registreer het (fictieve) voorbeeld, importeer, toets en schrijf het rapport."""
    output.mkdir(parents=True, exist_ok=True)
    database = output / "samenwerkingsmonitor.db"
    database.unlink(missing_ok=True)  # the demo always starts from an empty database
    repo = open_repository(f"sqlite:///{database}")
    parts = DemoParts(TomlFrameworkFiles(), read_organisation, import_file,
                      import_vulnerability_files)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task(_("demo"), total=None)
        outcome = run_demo(repo, settings.user, parts,
                           progress=lambda step: progress.update(task, description=step))
        progress.update(task, description=_("rapport schrijven"))
        paths = write_reports(repo, outcome.run.id, ALL_FORMATS, output, appendix=True)
    if output_format == "json":
        print_json({**run_summary(outcome), "files": [str(p) for p in paths]})
        return
    console.print(_("Demo met fictieve voorbeelddata: toetsing {run} in {db}.").format(
        run=outcome.run.id, db=database))
    print_matrix(outcome)
    for path in paths:
        console.print(_("Rapport geschreven: {path}").format(path=path))
