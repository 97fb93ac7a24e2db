"""`demo`: build a demo folder with a SQLite database, the assessment and the report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
from samenwerkingsmonitor.i18n import _

DEMO_DIR = Path("samenwerkingsmonitor-demo")


@app.command("demo", help=_("Registreer het (fictieve) voorbeeld, importeer, toets en schrijf "
                            "het rapport."))
def demo_command(
    output: Annotated[Path | None, typer.Option(  # None: Typer shows no default to coerce
        "--output", help=_("Map voor database en rapport (standaard: "
                           "samenwerkingsmonitor-demo).")) ] = None,
    output_format: Annotated[str, typer.Option(
        "--format", help=_("Uitvoer: tabel of json."), callback=check_output_format)] = "tabel",
) -> None:
    from samenwerkingsmonitor.services.demo.use_cases import DemoRequest, run_demo

    with steps(_("demo")) as progress:
        result = run_demo(DemoRequest(output or DEMO_DIR, settings.user), wiring(), progress)
    if output_format == "json":
        print_json({**run_summary(result.outcome), "files": [str(p) for p in result.files]})
        return
    console.print(_("Demo met fictieve voorbeelddata: toetsing {run} in {db}.").format(
        run=result.outcome.run.id, db=result.database))
    print_matrix(result.outcome)
    for path in result.files:
        console.print(_("Rapport geschreven: {path}").format(path=path))
