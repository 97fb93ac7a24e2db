"""Ports of the scenarios capability: the reader of scenario set files
(adapters/scenarios/file.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from samenwerkingsmonitor.domain.scenarios import ScenarioSet
from samenwerkingsmonitor.domain.validation import Location

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class ParsedScenarioSet:
    """A file that passed syntax and schema, with a way back from key paths to lines."""

    scenario_set: ScenarioSet
    locate: Callable[[KeyPath], Location]
    text: str


class ScenarioReader(Protocol):
    """Parses the text of a scenario set file; raises ScenarioInvalid with every syntax and
    schema problem located."""

    def __call__(self, text: str, file_name: str) -> ParsedScenarioSet: ...
