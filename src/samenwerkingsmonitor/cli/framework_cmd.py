"""`framework validate FILE` and `framework show ID` (owned by the framework work)."""

from __future__ import annotations

import typer

from samenwerkingsmonitor.cli.app import app

framework_app = typer.Typer(help="Toetsingskaders controleren en tonen.", no_args_is_help=True)
app.add_typer(framework_app, name="framework")
