"""Process and vulnerability in the report.

Process: the evaluation moments of the organisation file and whether they were held on time,
the council guidance groups, and the council letters and decisions. Vulnerability per team:
aggregates only (alone versus pooled) once the vulnerability analysis exists; until then the
report says plainly that it has not been measured.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from samenwerkingsmonitor.domain.organisation import (
    Cooperation,
    Evaluation,
    Organisation,
    Subject,
    SubjectKind,
)
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.report_model import (
    CouncilDocumentEntry,
    EvaluationEntry,
    GuidanceGroupEntry,
    ProcessSection,
    VulnerabilityEntry,
)
from samenwerkingsmonitor.services.report_summary import listing

DateText = Callable[[date], str]


def evaluation_status(evaluation: Evaluation, today: date) -> tuple[str, bool | None]:
    """(text, on time?) of one evaluation moment, seen on the report date."""
    if evaluation.held is not None:
        late = (evaluation.held - evaluation.planned).days
        if late <= 0:
            return _("op tijd gehouden"), True
        return _("gehouden, {days} dagen na de geplande datum").format(days=late), False
    if evaluation.planned < today:
        return _("niet gehouden; de geplande datum is verstreken"), None
    return _("nog niet gehouden (gepland)"), None


def process_section(cooperations: Sequence[Cooperation], organisation: Organisation,
                    today: date, long_date: DateText) -> ProcessSection:
    """Process facts of the given cooperations (and council documents without one)."""
    slugs = {c.slug: c.name for c in cooperations}
    names = {m.code: m.name for m in organisation.municipalities}
    facts = organisation.process
    evaluations = []
    for e in sorted(facts.evaluations, key=lambda e: e.planned):
        if e.cooperation not in slugs:
            continue
        status, on_time = evaluation_status(e, today)
        title = e.title + (" " + _("(tussentijds)") if e.interim else "")
        evaluations.append(EvaluationEntry(
            slugs[e.cooperation], title, long_date(e.planned),
            long_date(e.held) if e.held else "–", status, on_time, e.document or "–"))
    groups = [
        GuidanceGroupEntry(slugs[g.cooperation], long_date(g.established), g.members,
                           g.decision or "–",
                           listing([long_date(m) for m in g.meetings]) or _("geen"))
        for g in facts.guidance_groups if g.cooperation in slugs
    ]
    documents = [
        CouncilDocumentEntry(_document_kind(d.kind), d.number, long_date(d.date),
                             names.get(d.municipality, d.municipality), d.subject,
                             slugs.get(d.cooperation or "", "–"))
        for d in sorted(facts.council_documents, key=lambda d: (d.date, d.number))
        if d.cooperation is None or d.cooperation in slugs
    ]
    return ProcessSection(tuple(evaluations), tuple(groups), tuple(documents))


def _document_kind(kind: str) -> str:
    texts = {"brief": _("raadsinformatiebrief"), "besluit": _("raadsbesluit")}
    return texts.get(kind, kind)


def vulnerability_entries(subjects: Sequence[Subject]) -> tuple[VulnerabilityEntry, ...]:
    return tuple(
        VulnerabilityEntry(s.id, s.name, _("nog niet gemeten"))
        for s in subjects if s.kind is SubjectKind.TEAM
    )


def vulnerability_note() -> str:
    return _("De kwetsbaarheid per team (eenmansfuncties, vervangbaarheid en dekking bij "
             "afwezigheid, alleen en samen met de partner) is nog niet gemeten: de analyse van "
             "taken en medewerkers is voor deze toetsing niet uitgevoerd. Het rapport toont "
             "alleen totalen per team, nooit gegevens van personen. De indicatoren voor "
             "kwetsbaarheid die wel zijn aangeleverd, staan bij de bevindingen.")
