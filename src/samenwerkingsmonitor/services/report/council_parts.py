"""Tables and short texts of the Raadsrapportage: costs (current and constant prices apart),
vulnerability alone versus together, process, and the norms the council still adopts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from samenwerkingsmonitor.analysis.vulnerability.model import POOLED
from samenwerkingsmonitor.domain.assessment import AssessmentRun, Finding
from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.report import sentences as say
from samenwerkingsmonitor.services.report.cover import long_date
from samenwerkingsmonitor.services.report.model import DataTable, MatrixSubject, ReportModel
from samenwerkingsmonitor.services.report.process import evaluation_status
from samenwerkingsmonitor.services.vulnerability.team import TeamAnalysis
from samenwerkingsmonitor.services.vulnerability.words import figure_text

LETTERS_INDICATOR = "raadsinformatiebrieven_aantal"
LETTER = "brief"


# --- costs ----------------------------------------------------------------------------------

def costs_current_table(model: ReportModel, teams: Sequence[MatrixSubject], year: int,
                        partner: str | None, names: dict[str, str]) -> DataTable:
    """Per team the actual cost of the last year and each partner's part; a total row."""
    blocks = {b.subject_id: b for b in model.costs}
    partners: list[str] = []
    for team in teams:
        block = blocks.get(team.subject_id)
        for share in (block.shares if block else ()):
            if share.year == year and share.partner not in partners:
                partners.append(share.partner)
    if partner is not None:
        partners = [p for p in partners if p == names.get(partner, partner)]
    rows = []
    total = 0.0
    part_totals = dict.fromkeys(partners, 0.0)
    for team in teams:
        block = blocks.get(team.subject_id)
        row = next((r for r in block.rows if r.year == year), None) if block else None
        actual = row.actual_value if row else None
        total += actual or 0.0
        parts = []
        for name in partners:
            found = next((s for s in (block.shares if block else ())
                          if s.year == year and s.partner == name), None)
            amount = found.amount_value if found else None
            part_totals[name] += amount or 0.0
            parts.append(say.euro(amount) if amount is not None else "–")
        rows.append((team.name, say.euro(actual) if actual is not None else "–", *parts))
    rows.append((_("Totaal"), say.euro(total), *(say.euro(part_totals[p]) for p in partners)))
    return DataTable(
        _("Kosten per team in {year}, in euro's van {year}").format(year=year),
        (_("Team"), _("Kosten {year}").format(year=year),
         *(_("Deel {municipality}").format(municipality=p) for p in partners)),
        tuple(rows))


def costs_constant_table(model: ReportModel, teams: Sequence[MatrixSubject],
                         baseline: int) -> DataTable:
    """Per team and year the actual cost in prices of the baseline year: inflation removed."""
    blocks = {b.subject_id: b for b in model.costs}
    years = sorted({r.year for t in teams for r in (blocks[t.subject_id].rows
                                                    if t.subject_id in blocks else ())})
    rows = []
    for team in teams:
        block = blocks.get(team.subject_id)
        by_year = {r.year: r.actual_constant_value for r in (block.rows if block else ())}
        rows.append((team.name, *(say.euro(by_year[y]) if by_year.get(y) is not None else "–"
                                  for y in years)))
    return DataTable(
        _("Kosten per team per jaar, omgerekend naar prijzen van {baseline}").format(
            baseline=baseline),
        (_("Team"), *(str(y) for y in years)), tuple(rows))


def team_cost_table(model: ReportModel, team: MatrixSubject, partner: str | None,
                    partner_name: str | None) -> DataTable:
    """Begroting and realisatie per year in current prices, and each partner's part."""
    block = next((b for b in model.costs if b.subject_id == team.subject_id), None)
    rows = block.rows if block else ()
    shares = block.shares if block else ()
    partners: list[str] = []
    for share in shares:
        if share.partner not in partners and (partner is None or share.partner == partner_name):
            partners.append(share.partner)
    body = []
    for row in reversed(rows):  # the last year first
        parts = []
        for name in partners:
            found = next((s for s in shares if s.year == row.year and s.partner == name),
                         None)
            parts.append(found.amount if found else "–")
        body.append((str(row.year), row.budget, row.actual, *parts))
    return DataTable(
        _("Kosten van {team} per jaar, in euro's van dat jaar").format(team=team.name),
        (_("Jaar"), _("Begroot"), _("Werkelijk"),
         *(_("Deel {municipality}").format(municipality=p) for p in partners)),
        tuple(body))


# --- vulnerability ------------------------------------------------------------------------------

VULNERABILITY_FIGURES = ("busfactor_aantal", "eenmanstaken_kritiek_aantal",
                         "onbezette_taakdagen_verwacht")


def _figure_labels() -> dict[str, str]:
    return {
        "busfactor_aantal": _("Zoveel mensen kunnen tegelijk weg voordat de helft van het "
                              "werk stilligt"),
        "eenmanstaken_kritiek_aantal": _("Belangrijke taken die maar één persoon kan doen"),
        "onbezette_taakdagen_verwacht": _("Dagen per jaar dat een belangrijke taak blijft "
                                          "liggen"),
    }


def vulnerability_part(team: str, analyses: Sequence[TeamAnalysis],
                       organisation: Organisation) -> tuple[str, DataTable | None]:
    """One or two sentences (together versus alone) and a small table of three figures."""
    analysis = next((a for a in analyses if a.team == team), None)
    if analysis is None:
        return _("De kwetsbaarheid van dit team is nog niet gemeten."), None
    names = {m.code: m.name for m in organisation.municipalities}
    pooled = next((s for s in analysis.scopes if s.scope == POOLED), None)
    alone = [s for s in analysis.scopes if s.scope != POOLED]
    days = "onbezette_taakdagen_verwacht"
    together = pooled.aggregates.figures.get(days) if pooled else None
    sentence = ""
    if together is not None and together.value is not None:
        sentence = _("Samen blijven belangrijke taken ongeveer {days} dagen per jaar "
                     "liggen.").format(days=figure_text(together))
    for scope in alone:
        figure = scope.aggregates.figures.get(days)
        name = names.get(scope.scope, scope.scope)
        if figure is not None and figure.value is not None:
            sentence += " " + _("{municipality} alleen zou {days} dagen hebben.").format(
                municipality=name, days=figure_text(figure))
        else:
            sentence += " " + _("Voor {municipality} alleen zijn te weinig mensen om dit te "
                                "tonen.").format(municipality=name)
    columns = [_("Maat"), _("Samen")] + [_("{municipality} alleen").format(
        municipality=names.get(s.scope, s.scope)) for s in alone]
    rows = []
    for key, label in _figure_labels().items():
        scopes = ([pooled] if pooled else []) + alone
        rows.append((label, *(figure_text(s.aggregates.figures.get(key)) or "–"
                              for s in scopes)))
    table = DataTable(_("Kwetsbaarheid in {year}: samen en per gemeente alleen").format(
        year=analysis.year), tuple(columns), tuple(rows))
    return sentence.strip(), table


# --- process and norms ----------------------------------------------------------------------

def letters_in_register(organisation: Organisation, cooperations: set[str], year: int) -> int:
    """Council letters about the cooperation in `year`, as the process register lists them:
    the one count the text, the table and the cross-check use."""
    return sum(1 for d in organisation.process.council_documents
               if d.kind == LETTER and d.cooperation in cooperations and d.date.year == year)


def process_part(organisation: Organisation, findings: Sequence[Finding], run: AssessmentRun,
                 today: date) -> tuple[tuple[str, ...], DataTable]:
    cooperations = {c.slug for c in organisation.cooperations if c.slug in run.subjects}
    year = run.last_year
    texts = []
    for group in organisation.process.guidance_groups:
        if group.cooperation in cooperations:
            texts.append(_("Sinds {date} volgt een begeleidingsgroep van {members} raadsleden "
                           "de samenwerking.").format(date=long_date(group.established),
                                                      members=group.members))
    letters = letters_in_register(organisation, cooperations, year)
    texts.append(_("In {year} stuurde het college {letters} raadsinformatiebrieven over de "
                   "samenwerking.").format(year=year, letters=letters))
    counted = [f.value for f in findings if f.indicator == LETTERS_INDICATOR
               and f.subject in cooperations and f.year == year and f.value is not None]
    if counted and int(counted[0]) != letters:
        texts.append(_("De gegevens van de toetsing tellen er {counted}. Het register en de "
                       "gegevens moeten gelijk worden gemaakt.").format(counted=int(counted[0])))
    rows = []
    for evaluation in sorted(organisation.process.evaluations, key=lambda e: e.planned):
        if evaluation.cooperation not in cooperations:
            continue
        status, _on_time = evaluation_status(evaluation, today)
        rows.append((evaluation.title, long_date(evaluation.planned),
                     long_date(evaluation.held) if evaluation.held else "–", status))
    table = DataTable(_("Evaluaties van de samenwerking"),
                      (_("Evaluatie"), _("Gepland"), _("Gehouden"), _("Stand")), tuple(rows))
    return tuple(texts), table


def norms_part(model: ReportModel) -> tuple[tuple[str, ...], DataTable]:
    applied = [n for n in model.norms if n.applied]
    by_criterion: dict[str, list[int]] = {}
    for norm in applied:
        counts = by_criterion.setdefault(norm.criterion, [0, 0])
        counts[0] += 1
        counts[1] += int(norm.example)
    examples = sum(c[1] for c in by_criterion.values())
    texts = (
        _("Een norm zegt wat goed genoeg is. Bijvoorbeeld: ziekteverzuim hoogstens 5 %."),
        _("{examples} van de {total} normen zijn nog een voorbeeld.").format(
            examples=examples, total=len(applied)),
        _("De raad kan die normen vaststellen of andere waarden kiezen."),
        _("De Technische bijlage noemt elke norm met de bron."),
    )
    table = DataTable(_("Normen per criterium"),
                      (_("Criterium"), _("Normen"), _("Nog een voorbeeld")),
                      tuple((c, str(n), str(e)) for c, (n, e) in by_criterion.items()))
    return texts, table
