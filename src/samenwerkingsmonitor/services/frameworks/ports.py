"""Ports of the frameworks capability: framework files, bundled or given
(adapters/frameworks/file.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from samenwerkingsmonitor.domain.framework import Framework
from samenwerkingsmonitor.domain.validation import ValidationReport
from samenwerkingsmonitor.services.frameworks.locations import Locate


@dataclass(frozen=True, slots=True)
class ParsedFramework:
    """A framework file as read: the framework (None when even its top level is unreadable),
    the syntax and schema problems, and how to locate a key path in the file."""

    name: str
    framework: Framework | None
    report: ValidationReport
    locate: Locate
    unresolved: frozenset[str] = frozenset()  # ids of entries the schema refused
    text: str = ""


class FrameworkFiles(Protocol):
    """Port to framework files: bundled ones by id, others by path."""

    def bundled_ids(self) -> tuple[str, ...]: ...

    def read(self, reference: str) -> ParsedFramework:
        """A bundled id or a file path; raises errors.NotFound if there is neither."""
        ...

    def parse(self, text: str, name: str) -> ParsedFramework:
        """A framework from its text, e.g. the version a stored run used."""
        ...
