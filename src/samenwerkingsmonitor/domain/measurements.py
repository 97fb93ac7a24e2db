"""Measurements (metingen) and baselines (nulmetingen), docs/import.md-4.4."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class MeasurementKind(StrEnum):
    BUDGET = "begroting"
    ACTUAL = "realisatie"
    FORECAST = "prognose"
    AMENDED_BUDGET = "begroting_na_wijziging"  # the begroting after the council's amendments


class MeasurementStatus(StrEnum):
    FINAL = "definitief"
    PROVISIONAL = "voorlopig"
    RECONSTRUCTED = "reconstructie"
    ESTIMATE = "schatting"
    PUBLISHED = "gepubliceerd"  # fetched from a national open source (fetch cbs|bbv)


class BaselineStatus(StrEnum):
    CAPTURED = "vastgelegd"
    RECONSTRUCTED = "gereconstrueerd"
    MISSING = "ontbreekt"


@dataclass(frozen=True, slots=True)
class Measurement:
    """One value of one indicator for one subject, year and kind.

    `value` holds numbers; `scale_value` holds a point on an ordinal scale (ja/nee, 1-5).
    """

    subject: str
    indicator: str
    year: int
    kind: MeasurementKind
    unit: str
    source: str
    value: float | None = None
    scale_value: str | None = None
    reference_date: date | None = None
    status: MeasurementStatus = MeasurementStatus.FINAL
    variant: str = ""
    comparable: bool = True
    note: str = ""

    @property
    def key(self) -> tuple[str, str, int, str]:
        """What a stored version is a version of. The kind is a StrEnum, equal to and hashed
        as its text, so the key equals the one read back from storage (and is quick to make)."""
        return (self.subject, self.indicator, self.year, self.kind)


@dataclass(frozen=True, slots=True)
class Baseline:
    """The reference value of a subject × indicator, and how sure we are of it."""

    subject: str
    indicator: str
    year: int
    status: BaselineStatus
    value: float | None = None
    source: str = ""
