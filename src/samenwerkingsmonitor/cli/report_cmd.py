"""Commands of this module register themselves on the shared Typer app."""

from __future__ import annotations

from samenwerkingsmonitor.cli.app import app  # noqa: F401
