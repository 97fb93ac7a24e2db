"""Locked (vastgestelde) periods: data the council has adopted is not added to silently.

Contract (docs/adr/0011-file-intake.md): a raadsbesluit in the organisation file with
`closes_year = Y` adopts the jaarrekening of year Y of its municipality. From then on every
year up to and including Y is locked for that municipality, its own teams, and the shared
teams and cooperations it is a partner of (in that year). An import that adds a value in a
locked period needs `--reason`; a correction needs one anyway (ADR 0008). Without any
`closes_year` nothing is locked, so existing files import as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from samenwerkingsmonitor.domain.organisation import CouncilDocument, Organisation
from samenwerkingsmonitor.i18n import _


@dataclass(frozen=True, slots=True)
class Lock:
    municipality: str
    until: int  # last locked year
    decision: CouncilDocument


class LockedPeriods:
    def __init__(self, organisation: Organisation) -> None:
        self.locks: dict[str, Lock] = {}
        for document in organisation.process.council_documents:
            if document.kind != "besluit" or document.closes_year is None:
                continue
            known = self.locks.get(document.municipality)
            if known is None or document.closes_year > known.until:
                self.locks[document.municipality] = Lock(document.municipality,
                                                         document.closes_year, document)
        self.owners = {u.id: u.owner for u in organisation.units}
        self.cooperations = {c.slug: c for c in organisation.cooperations}
        self.shared = {u.id: c.slug for c in organisation.cooperations for u in c.shared_units}

    def lock_for(self, subject: str, year: int) -> Lock | None:
        """The lock that covers `subject` in `year`, or None."""
        if not self.locks:
            return None
        for municipality in self._municipalities(subject, year):
            lock = self.locks.get(municipality)
            if lock is not None and year <= lock.until:
                return lock
        return None

    def _municipalities(self, subject: str, year: int) -> Iterable[str]:
        if subject in self.locks:
            return (subject,)
        if subject in self.owners:
            return (self.owners[subject],)
        slug = self.shared.get(subject, subject)
        cooperation = self.cooperations.get(slug)
        return cooperation.partners_in(year) if cooperation is not None else ()


def locked_message(subject: str, year: int, lock: Lock) -> tuple[str, str]:
    """(message, hint) for a new value in a locked period without a reason."""
    return (
        _("Jaar {year} van {subject} ligt vast: de jaarrekening {until} van {municipality} is "
          "vastgesteld bij besluit {number} van {date}. Een nieuwe waarde in die periode vraagt "
          "een reden.").format(year=year, subject=subject, until=lock.until,
                               municipality=lock.municipality, number=lock.decision.number,
                               date=lock.decision.date.isoformat()),
        _("Importeer opnieuw met --reason \"...\" en leg uit waarom de waarde na de vaststelling "
          "wordt toegevoegd, of laat de rij weg."))
