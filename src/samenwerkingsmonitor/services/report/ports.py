"""Ports of the report capability: writers of the report model in a format (adapters/report/)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from samenwerkingsmonitor.services.report.model import ReportModel


class ReportWriter(Protocol):
    """Writes the report model as one file in `output_dir` and returns that file's path."""

    def __call__(self, model: ReportModel, output_dir: Path) -> Path: ...
