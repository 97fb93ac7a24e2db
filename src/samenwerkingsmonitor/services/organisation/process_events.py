"""Recording process events and reading the process as it stood (docs/adr/0020-process-events.md).

The process facts of the registered organisation file plus the recorded events (append-only,
table `process_events`) are the one source of the process indicators and of the report's
process chapter. A run records the id of the last event it used, so it can be recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from samenwerkingsmonitor.domain.organisation import Organisation, ProcessFacts
from samenwerkingsmonitor.domain.process import (
    ProcessEvent,
    ProcessEventKind,
    apply_events,
    planned_evaluation,
)
from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.errors import ProcessEventRefused, refusal
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.storage.ports import Repository

PROCESS_EVENTS = "process_events"
"""The run parameter that holds the id of the last process event the run used."""

EARLIEST, LATEST = date(1990, 1, 1), date(2200, 12, 31)


@dataclass(frozen=True, slots=True)
class NewProcessEvent:
    """What `process add` and the web form ask for (dates as ISO text come in parsed)."""

    kind: str  # a ProcessEventKind value
    cooperation: str
    date: date | None
    title: str = ""
    number: str = ""
    municipality: str = ""
    interim: bool = False
    members: int = 0


def with_process_events(organisation: Organisation, repo: Repository,
                        upto: int | None) -> Organisation:
    """The organisation with its process facts completed by the events up to `upto`."""
    events = repo.process_events(upto)
    if not events:
        return organisation
    return replace(organisation, process=apply_events(organisation.process, events))


def place(option: str) -> Location:
    return Location(file="process add", key_path=option)


def check_event(new: NewProcessEvent, organisation: Organisation,
                facts: ProcessFacts) -> tuple[ProcessEvent | None, ValidationReport]:
    """The event to store, or every problem at once, each naming the option to fix."""
    report = ValidationReport()
    kinds = [k.value for k in ProcessEventKind]
    kind = ProcessEventKind(new.kind) if new.kind in kinds else None
    if kind is None:
        report.add(place("KIND"), _("Onbekende soort gebeurtenis '{kind}'.").format(
            kind=new.kind), _("Kies uit: {kinds}.").format(kinds=", ".join(kinds)))
    cooperations = {c.slug for c in organisation.cooperations}
    if new.cooperation not in cooperations:
        report.add(place("--cooperation"), _("Onbekende samenwerking '{cooperation}'.").format(
            cooperation=new.cooperation), _("Kies een samenwerking uit het geregistreerde "
                                            "organisatiebestand: {known}.").format(
            known=", ".join(sorted(cooperations))))
    if new.date is None:
        report.add(place("--date"), _("De datum ontbreekt."),
                   _("Geef de datum als JJJJ-MM-DD, bijvoorbeeld 2021-09-14."))
    elif not EARLIEST <= new.date <= LATEST:
        report.add(place("--date"), _("De datum {date} ligt buiten {first} tot en met {last}.")
                   .format(date=new.date.isoformat(), first=EARLIEST.year, last=LATEST.year),
                   _("Controleer het jaartal."))
    if kind is not None:
        _check_kind(kind, new, organisation, facts, report)
    if not report.ok or kind is None or new.date is None:
        return None, report
    return ProcessEvent(kind, new.cooperation, new.date, new.title.strip(), new.number.strip(),
                        new.municipality.strip(), new.interim, new.members), report


def _check_kind(kind: ProcessEventKind, new: NewProcessEvent, organisation: Organisation,
                facts: ProcessFacts, report: ValidationReport) -> None:
    letter_or_decision = kind in (ProcessEventKind.COUNCIL_LETTER,
                                  ProcessEventKind.COUNCIL_DECISION)
    if kind is not ProcessEventKind.GUIDANCE_GROUP_MEETING and not new.title.strip():
        report.add(place("--title"), _("De titel of het onderwerp ontbreekt."),
                   _("Geef met --title het onderwerp van de brief of het besluit, of de naam "
                     "van de evaluatie."))
    if letter_or_decision:
        if not new.number.strip():
            report.add(place("--number"), _("Het nummer van de brief of het besluit ontbreekt."),
                       _("Geef met --number het nummer, bijvoorbeeld RIB-2022-025."))
        codes = {m.code for m in organisation.municipalities}
        if new.municipality not in codes:
            report.add(place("--municipality"),
                       _("Onbekende gemeente '{municipality}'.").format(
                           municipality=new.municipality) if new.municipality
                       else _("De gemeente ontbreekt."),
                       _("Geef met --municipality de CBS-code van de gemeente waarvan de raad "
                         "de brief kreeg of het besluit nam: {known}.").format(
                           known=", ".join(sorted(codes))))
    if kind is ProcessEventKind.EVALUATION_HELD and planned_evaluation(
            facts.evaluations, new.cooperation, new.title.strip()) is None and new.title.strip():
        planned = sorted(e.title for e in facts.evaluations if e.cooperation == new.cooperation)
        report.add(place("--title"),
                   _("Er is geen geplande evaluatie '{title}' van {cooperation}.").format(
                       title=new.title.strip(), cooperation=new.cooperation),
                   _("Leg eerst de planning vast (soort evaluatie_gepland), of gebruik de naam "
                     "van een geplande evaluatie: {planned}.").format(
                       planned=", ".join(planned) or _("(geen)")))
    if kind is ProcessEventKind.GUIDANCE_GROUP_MEETING and not any(
            g.cooperation == new.cooperation for g in facts.guidance_groups):
        report.add(place("KIND"),
                   _("{cooperation} heeft geen begeleidingsgroep.").format(
                       cooperation=new.cooperation),
                   _("Leg eerst de instelling vast (soort begeleidingsgroep_ingesteld)."))
    if kind is ProcessEventKind.GUIDANCE_GROUP_ESTABLISHED and new.members < 1:
        report.add(place("--members"), _("Het aantal raadsleden in de begeleidingsgroep "
                                         "ontbreekt."),
                   _("Geef met --members het aantal raadsleden, bijvoorbeeld 4."))


def record_event(repo: Repository, organisation: Organisation, new: NewProcessEvent,
                 user: str, reason: str) -> ProcessEvent:
    """Check the event against the organisation and the events so far, then append it."""
    with repo.transaction():
        facts = with_process_events(organisation, repo, None).process
        event, report = check_event(new, organisation, facts)
        if event is None:
            raise refusal(ProcessEventRefused, report,
                          _("De gebeurtenis is niet vastgelegd: 1 probleem."),
                          _("De gebeurtenis is niet vastgelegd: {count} problemen."))
        return repo.append_process_event(replace(event, user=user, reason=reason))
