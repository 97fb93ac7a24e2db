"""The command line (DESIGN.md §4.6): Typer commands, Rich output.

Each group of commands lives in its own module and registers itself on `app` when imported
below. Errors of the one hierarchy (errors.py) become a Dutch message and an exit code;
tracebacks only with --debug.
"""

from __future__ import annotations

from samenwerkingsmonitor.cli import (  # noqa: F401  (each module registers its commands)
    assess_cmd,
    data_cmd,
    demo_cmd,
    framework_cmd,
    history_cmd,
    import_cmd,
    register_cmd,
    report_cmd,
    template_cmd,
    vulnerability_cmd,
)
from samenwerkingsmonitor.cli.app import app, main

__all__ = ["app", "main"]
