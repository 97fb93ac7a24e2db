"""Process events: the one source of the process indicators (docs/adr/0020-process-events.md).

An evaluation that is planned or held, a council guidance group that is set up or meets, a
council letter (raadsinformatiebrief) or decision (raadsbesluit): each is an event. Events come
from the organisation file (its `[process]` section) or are recorded one by one (`process add`,
append-only, with who, when and why). The process indicators of the framework are counted from
the events, never imported, so the number in a finding and the list in the report agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from samenwerkingsmonitor.domain.measurements import Measurement, MeasurementKind
from samenwerkingsmonitor.domain.organisation import (
    CouncilDocument,
    Evaluation,
    GuidanceGroup,
    ProcessFacts,
)


class ProcessEventKind(StrEnum):
    EVALUATION_PLANNED = "evaluatie_gepland"
    EVALUATION_HELD = "evaluatie_gehouden"
    GUIDANCE_GROUP_ESTABLISHED = "begeleidingsgroep_ingesteld"
    GUIDANCE_GROUP_MEETING = "begeleidingsgroep_bijeenkomst"
    COUNCIL_LETTER = "raadsinformatiebrief"
    COUNCIL_DECISION = "raadsbesluit"


INTERIM_EVALUATION_ON_TIME = "tussentijdse_evaluatie_tijdig"
GUIDANCE_GROUP_SET_UP = "begeleidingsgroep_ingesteld"
COUNCIL_LETTERS = "raadsinformatiebrieven_aantal"

PROCESS_INDICATORS: dict[str, tuple[ProcessEventKind, ...]] = {
    INTERIM_EVALUATION_ON_TIME: (ProcessEventKind.EVALUATION_PLANNED,
                                 ProcessEventKind.EVALUATION_HELD),
    GUIDANCE_GROUP_SET_UP: (ProcessEventKind.GUIDANCE_GROUP_ESTABLISHED,),
    COUNCIL_LETTERS: (ProcessEventKind.COUNCIL_LETTER,),
}
"""The indicators counted from events, with the event kinds that feed each one."""

PROCESS_SOURCE = "procesgebeurtenissen"
"""The `bron` of a value counted from events (data, not shown untranslated)."""


@dataclass(frozen=True, slots=True)
class ProcessEvent:
    """One recorded event (a row of the append-only table `process_events`)."""

    kind: ProcessEventKind
    cooperation: str
    date: date
    title: str  # evaluation title, letter or decision subject; "" for a meeting
    number: str = ""  # letter or decision number; for a held evaluation: its report
    municipality: str = ""  # the council that received the letter or took the decision
    interim: bool = False  # a planned evaluation that is the interim (tussentijdse) one
    members: int = 0  # a guidance group: number of council members
    id: int = 0  # 0 until stored
    user: str = ""
    created: datetime | None = None
    reason: str = ""


def apply_events(facts: ProcessFacts, events: Iterable[ProcessEvent]) -> ProcessFacts:
    """The organisation file's process facts with the recorded events added, oldest first.

    A held evaluation completes the planned one of the same cooperation and title; a meeting
    is added to the cooperation's guidance group. An event that refers to nothing (checked
    when it is recorded) is kept out rather than guessed at.
    """
    evaluations = list(facts.evaluations)
    groups = list(facts.guidance_groups)
    documents = list(facts.council_documents)
    for event in sorted(events, key=lambda e: e.id):
        kind = event.kind
        if kind is ProcessEventKind.EVALUATION_PLANNED:
            evaluations.append(Evaluation(event.cooperation, event.title, event.date,
                                          interim=event.interim))
        elif kind is ProcessEventKind.EVALUATION_HELD:
            at = planned_evaluation(evaluations, event.cooperation, event.title)
            if at is not None:
                evaluations[at] = replace(evaluations[at], held=event.date,
                                          document=event.number)
        elif kind is ProcessEventKind.GUIDANCE_GROUP_ESTABLISHED:
            groups.append(GuidanceGroup(event.cooperation, event.date, max(event.members, 1),
                                        event.number))
        elif kind is ProcessEventKind.GUIDANCE_GROUP_MEETING:
            at = next((i for i, g in enumerate(groups) if g.cooperation == event.cooperation),
                      None)
            if at is not None:
                meetings = tuple(sorted({*groups[at].meetings, event.date}))
                groups[at] = replace(groups[at], meetings=meetings)
        else:
            documents.append(CouncilDocument(
                "brief" if kind is ProcessEventKind.COUNCIL_LETTER else "besluit",
                event.number, event.date, event.municipality, event.title, event.cooperation))
    return ProcessFacts(tuple(evaluations), tuple(groups), tuple(documents))


def planned_evaluation(evaluations: Sequence[Evaluation], cooperation: str,
                       title: str) -> int | None:
    """The position of the evaluation of `cooperation` named `title`, if planned."""
    return next((i for i, e in enumerate(evaluations)
                 if e.cooperation == cooperation and e.title == title), None)


def has_process_facts(facts: ProcessFacts, cooperation: str) -> bool:
    return (any(e.cooperation == cooperation for e in facts.evaluations)
            or any(g.cooperation == cooperation for g in facts.guidance_groups)
            or any(d.cooperation == cooperation for d in facts.council_documents))


def process_indicator_values(facts: ProcessFacts, cooperations: Iterable[str],
                             years: Iterable[int], wanted: Iterable[str]) -> list[Measurement]:
    """The process indicators of each cooperation and year, counted from the facts.

    Only for a cooperation with at least one process fact: of a cooperation whose process was
    never recorded, nothing is known, and its findings say that rather than "nee" or 0.
    - tussentijdse_evaluatie_tijdig: for a year in which an interim evaluation was planned:
      ja when it was held on or before the planned date, else nee.
    - begeleidingsgroep_ingesteld: ja from the year a guidance group was set up, nee before.
    - raadsinformatiebrieven_aantal: the council letters about the cooperation in the year.
    """
    wanted = set(wanted) & set(PROCESS_INDICATORS)
    values: list[Measurement] = []
    for cooperation in sorted(set(cooperations)):
        if not has_process_facts(facts, cooperation):
            continue
        for year in sorted(set(years)):
            values.extend(_values_of_year(facts, cooperation, year, wanted))
    return values


def _values_of_year(facts: ProcessFacts, cooperation: str, year: int,
                    wanted: set[str]) -> list[Measurement]:
    found: list[Measurement] = []

    def add(indicator: str, unit: str, note: str, value: float | None = None,
            scale: str | None = None) -> None:
        if indicator in wanted:
            found.append(Measurement(cooperation, indicator, year, MeasurementKind.ACTUAL,
                                     unit, PROCESS_SOURCE, value=value, scale_value=scale,
                                     note=note))

    interim = [e for e in facts.evaluations
               if e.cooperation == cooperation and e.interim and e.planned.year == year]
    if interim:
        on_time = all(e.held_on_time for e in interim)
        add(INTERIM_EVALUATION_ON_TIME, "ja_nee", "; ".join(
            f"{e.title}: {e.planned.isoformat()} / {e.held.isoformat() if e.held else '-'}"
            for e in interim), scale="ja" if on_time else "nee")
    groups = [g for g in facts.guidance_groups
              if g.cooperation == cooperation and g.established.year <= year]
    add(GUIDANCE_GROUP_SET_UP, "ja_nee",
        "; ".join(f"{g.established.isoformat()} {g.decision}".strip() for g in groups),
        scale="ja" if groups else "nee")
    letters = sorted((d for d in facts.council_documents
                      if d.kind == "brief" and d.cooperation == cooperation
                      and d.date.year == year), key=lambda d: (d.date, d.number))
    add(COUNCIL_LETTERS, "aantal", "; ".join(d.number for d in letters), value=len(letters))
    return found
