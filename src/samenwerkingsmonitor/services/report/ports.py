"""Ports of the report capability: writers of the two products in a format (adapters/report/)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from samenwerkingsmonitor.services.report.council_model import CouncilReport
from samenwerkingsmonitor.services.report.model import ReportModel


class ReportWriter(Protocol):
    """Writes the full report model (the Technische bijlage, or herkomst.csv) as one file in
    `output_dir` and returns that file's path."""

    def __call__(self, model: ReportModel, output_dir: Path) -> Path: ...


class CouncilWriter(Protocol):
    """Writes the Raadsrapportage as `output_dir/name`; `style` is a reference document with
    the municipality's styles (DOCX only; the other formats ignore it)."""

    def __call__(self, report: CouncilReport, output_dir: Path, name: str,
                 style: Path | None = None) -> Path: ...
