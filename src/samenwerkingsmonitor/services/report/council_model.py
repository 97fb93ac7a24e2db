"""The Raadsrapportage as plain data: the part of the report a council reads.

Built from the same stored run and at the same time as the full ReportModel (whose chapters the
Technische bijlage prints), so both products say the same. Every text is a sentence made by
services/report/sentences.py; every table is a DataTable. No rendering library here.
"""

from __future__ import annotations

from dataclasses import dataclass

from samenwerkingsmonitor.services.report.model import DataTable, VerdictText


@dataclass(frozen=True, slots=True)
class CriterionLine:
    """The verdict on one criterion in the last year and, when it is not 'voldoet', its one
    cause in words (value and norm)."""

    criterion: str
    verdict: VerdictText
    cause: str = ""


@dataclass(frozen=True, slots=True)
class TeamLine:
    """One team on the kernboodschap page."""

    subject_id: str
    name: str
    anchor: str  # of its team page
    criteria: tuple[CriterionLine, ...]
    cost: tuple[str, ...]  # the cost in the last year, then each partner's share
    change: tuple[str, ...]  # since the nulmeting, since the previous run


@dataclass(frozen=True, slots=True)
class DecisionPoint:
    """Something the council is asked to do, with the part of the report that explains it."""

    text: str
    anchor: str  # where it is explained (in the Raadsrapportage)
    where: str  # the title of that part


@dataclass(frozen=True, slots=True)
class TeamPage:
    subject_id: str
    name: str
    anchor: str
    intro: str  # which cooperation, which partners
    verdicts: DataTable  # criterion × year, text and symbol
    causes: tuple[str, ...]  # the causes of the last year (as on the kernboodschap)
    trends: tuple[str, ...]  # change of key values since the nulmeting, in words
    cost: DataTable  # year, begroting, realisatie (current prices), share per partner
    vulnerability: str  # alone versus together, one or two sentences
    vulnerability_table: DataTable | None


@dataclass(frozen=True, slots=True)
class CouncilReport:
    title: str
    audience: str  # "Voor de gemeenteraad van Bloemendaal"
    partner: str | None  # CBS code of the partner version, None for the main report
    organisation: str
    period: str
    year: int  # the last year of the run
    baseline_year: int
    facts: tuple[tuple[str, str], ...]  # run, data version, dates, framework
    fictitious_text: str
    intro: tuple[str, ...]  # what this report is about, two or three sentences
    teams: tuple[TeamLine, ...]
    decisions: tuple[DecisionPoint, ...]
    team_pages: tuple[TeamPage, ...]
    costs_intro: tuple[str, ...]
    costs_current: DataTable  # per team, the last year in current prices, with a total row
    costs_constant: DataTable  # per team and year in prices of the baseline year
    process: tuple[str, ...]
    process_table: DataTable
    norms_text: tuple[str, ...]
    norms_table: DataTable  # per criterion: norms, of which examples
    how_to_read: tuple[str, ...]
    legend: tuple[VerdictText, ...]
