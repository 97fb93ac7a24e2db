"""Validity periods in whole years (see docs/adr/0003-validity-in-years.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Validity:
    """Inclusive range of calendar years; `last_year` None means open-ended."""

    first_year: int
    last_year: int | None = None

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def overlaps(self, other: Validity) -> bool:
        self_end = self.last_year if self.last_year is not None else 10_000
        other_end = other.last_year if other.last_year is not None else 10_000
        return self.first_year <= other_end and other.first_year <= self_end

    def is_well_formed(self) -> bool:
        return self.last_year is None or self.first_year <= self.last_year

    def label(self) -> str:
        return f"{self.first_year}-{self.last_year}" if self.last_year else f"{self.first_year}-"


ALWAYS = Validity(1900, None)

FIRST_STORABLE_YEAR = 1990
YEARS_AHEAD = 5  # beyond next year: long-term budgets (meerjarenraming)


def storable_years(this_year: int) -> tuple[int, int]:
    """Years a measurement may be stored for, whatever the framework (ADR 0024): from 1990 to
    next year + 5. The framework's period bounds what is assessed, not what is kept."""
    return FIRST_STORABLE_YEAR, this_year + 1 + YEARS_AHEAD


def first_overlap(periods: list[Validity]) -> tuple[int, int] | None:
    """Indexes of the first pair of overlapping periods, or None."""
    for i, left in enumerate(periods):
        for j in range(i + 1, len(periods)):
            if left.overlaps(periods[j]):
                return i, j
    return None
