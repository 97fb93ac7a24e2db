"""The costs part of the report model (services/report/model.py re-exports it): budget against
actual per year with each partner's share, and the table for the paragraaf bedrijfsvoering."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CostRow:
    """Budget against actual of one year, in current prices and in constant prices of the
    baseline year; the raw numbers next to the text."""

    year: int
    budget: str
    actual: str
    difference: str
    budget_constant: str
    actual_constant: str
    budget_value: float | None
    actual_value: float | None
    budget_constant_value: float | None
    actual_constant_value: float | None


@dataclass(frozen=True, slots=True)
class PartnerShare:
    """The part of a shared team's actual costs one partner carries by the verdeelsleutel."""

    year: int
    partner: str
    share: str
    amount: str
    basis: str
    share_value: float | None
    amount_value: float | None


@dataclass(frozen=True, slots=True)
class CostBlock:
    anchor: str
    subject_id: str
    name: str
    indicator: str  # "Lasten van het team", "Apparaatskosten"
    caption: str
    rows: tuple[CostRow, ...]
    shares: tuple[PartnerShare, ...]
    note: str  # price index and base year; why a split is absent


@dataclass(frozen=True, slots=True)
class OperationsRow:
    indicator_id: str
    indicator: str
    target: str
    values: tuple[str, ...]  # one per year of OperationsTable.years, "–" when absent
    raw: tuple[float | None, ...]
    baseline: str
    explanation: str


@dataclass(frozen=True, slots=True)
class OperationsTable:
    """Ready for the paragraaf bedrijfsvoering of one municipality's budget and accounts."""

    anchor: str
    subject_id: str
    name: str
    caption: str
    years: tuple[int, ...]
    rows: tuple[OperationsRow, ...]
