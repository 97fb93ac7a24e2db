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
from samenwerkingsmonitor.services.report.model import (
    CouncilDocumentEntry,
    DataTable,
    EvaluationEntry,
    GuidanceGroupEntry,
    ProcessSection,
    VulnerabilityEntry,
)
from samenwerkingsmonitor.services.report.summary import listing
from samenwerkingsmonitor.services.vulnerability.team import TeamAnalysis
from samenwerkingsmonitor.services.vulnerability.words import figure_text, labels, scope_title

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


def vulnerability_entries(subjects: Sequence[Subject], analyses: Sequence[TeamAnalysis],
                          organisation: Organisation) -> tuple[VulnerabilityEntry, ...]:
    by_team = {a.team: a for a in analyses}
    entries = []
    for s in subjects:
        if s.kind is not SubjectKind.TEAM:
            continue
        analysis = by_team.get(s.id)
        if analysis is None:
            entries.append(VulnerabilityEntry(s.id, s.name, _("nog niet gemeten")))
            continue
        status = _("gemeten voor {year} (invoer versie {version})").format(
            year=analysis.year, version=analysis.version)
        entries.append(VulnerabilityEntry(s.id, s.name, status, True,
                                          _vulnerability_table(s.name, analysis, organisation)))
    return tuple(entries)


def _vulnerability_table(name: str, analysis: TeamAnalysis,
                         organisation: Organisation) -> DataTable:
    columns = [_("Maat")] + [scope_title(scope.scope, scope.aggregates.people, organisation)
                             for scope in analysis.scopes]
    rows = []
    for key, label in labels().items():
        figures = [scope.aggregates.figures for scope in analysis.scopes]
        if all(key not in f for f in figures):
            continue
        rows.append((label, *(figure_text(f.get(key)) for f in figures)))
    caption = _("Kwetsbaarheid van {team} in {year}: gezamenlijk en per gemeente alleen").format(
        team=name, year=analysis.year)
    return DataTable(caption, tuple(columns), tuple(rows))


def vulnerability_note(measured: bool = False) -> str:
    rule = _("Het rapport toont alleen totalen per team, nooit gegevens van personen; een maat "
             "die op minder dan 5 personen berust, wordt niet getoond.")
    if measured:
        return _("Kwetsbaarheid uit de competentiematrix van elk team: eenmanstaken, "
                 "vervangbaarheid, busfactor, dekking bij afwezigheid en capaciteit in "
                 "piekmaanden, gezamenlijk (het gedeelde team) en per gemeente alleen (eigen "
                 "taken met eigen medewerkers). De simulatie over ziekte en verlof maakt de "
                 "beheerder per team apart.") + " " + rule
    return _("De kwetsbaarheid per team (eenmansfuncties, vervangbaarheid en dekking bij "
             "afwezigheid, alleen en samen met de partner) is nog niet gemeten: de analyse van "
             "taken en medewerkers is voor deze toetsing niet uitgevoerd.") + " " + rule
