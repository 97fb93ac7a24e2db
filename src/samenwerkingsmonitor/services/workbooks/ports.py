"""Ports of the workbooks capability: writers of a fill-in workbook (adapters/workbooks/)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from samenwerkingsmonitor.services.workbooks.model import TemplateModel


class TemplateWriter(Protocol):
    """Writes the template to `path` (never half: written beside it, then moved in place)."""

    def __call__(self, model: TemplateModel, path: Path) -> Path: ...
