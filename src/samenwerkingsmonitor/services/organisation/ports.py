"""Ports of the organisation capability: the reader of organisation files
(adapters/organisation/file.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.domain.validation import Location
from samenwerkingsmonitor.services.organisation.checks import KeyPath


@dataclass(frozen=True, slots=True)
class ParsedOrganisation:
    """A file that passed syntax and schema, with a way back from key paths to lines."""

    organisation: Organisation
    locate: Callable[[KeyPath], Location]


class OrganisationReader(Protocol):
    """Parses the text of an organisation file; raises OrganisationInvalid with every syntax
    and schema problem located."""

    def __call__(self, text: str, file_name: str) -> ParsedOrganisation: ...
