"""One labelled line of the report model, shared by its chapters."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Fact:
    """One labelled line, e.g. on the cover ("Toetsing", "R-0001")."""

    label: str
    value: str
