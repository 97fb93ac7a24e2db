"""Builds the Raadsrapportage (council_model.py) from the stored run and the full report model.

The kernboodschap answers the council's question per team: the verdict per criterion in the
last year, the one cause of each verdict that is not 'voldoet', the cost and each partner's
share, and what changed. The decision points follow from the state of data and framework.
Numbers come from the same stored findings, verdicts and cost blocks as the Technische bijlage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict, Finding
from samenwerkingsmonitor.domain.framework import Direction, Framework, NormKind
from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.explain import gap_text, quantity
from samenwerkingsmonitor.services.report import sentences as say
from samenwerkingsmonitor.services.report.council_model import (
    CouncilReport,
    CriterionLine,
    DecisionPoint,
    TeamLine,
    TeamPage,
)
from samenwerkingsmonitor.services.report.council_parts import (
    costs_constant_table,
    costs_current_table,
    norms_part,
    process_part,
    team_cost_table,
    vulnerability_part,
)
from samenwerkingsmonitor.services.report.cover import long_date
from samenwerkingsmonitor.services.report.labels import verdict_text
from samenwerkingsmonitor.services.report.model import (
    DataTable,
    FindingEntry,
    MatrixRow,
    MatrixSubject,
    ReportModel,
)
from samenwerkingsmonitor.services.vulnerability.team import TeamAnalysis

RANK = {Verdict.MEETS: 3, Verdict.PARTLY_MEETS: 2, Verdict.DOES_NOT_MEET: 1}
"""Better or worse: 'niet te beoordelen' has no rank and never counts as a change."""
CAUSE_ORDER = (Verdict.DOES_NOT_MEET, Verdict.PARTLY_MEETS, Verdict.NOT_ASSESSABLE)
KEY_INDICATORS = ("ziekteverzuim_pct", "tijdigheid_pct", "klanttevredenheid_score")


@dataclass(frozen=True, slots=True)
class CouncilSources:
    """What the Raadsrapportage is made of, next to the full report model."""

    run: AssessmentRun
    findings: Sequence[Finding]
    verdicts: Sequence[CriterionVerdict]
    previous_run: str | None
    previous_verdicts: Sequence[CriterionVerdict]
    framework: Framework
    organisation: Organisation
    vulnerability: Sequence[TeamAnalysis]
    today: date


def council_report(model: ReportModel, src: CouncilSources,
                   partner: str | None = None) -> CouncilReport:
    """The Raadsrapportage; `partner` (a CBS code) gives that council's version: its teams,
    its share of the costs, the same verdicts."""
    run, organisation = src.run, src.organisation
    names = {m.code: m.name for m in organisation.municipalities}
    teams = _team_subjects(model, organisation, partner)
    year, baseline = run.last_year, model.cover.baseline_year
    lines = tuple(_team_line(t, model, src, partner) for t in teams)
    pages = tuple(_team_page(t, model, src, partner, lines[i]) for i, t in enumerate(teams))
    norms_text, norms_table = norms_part(model)
    process, process_table = process_part(src.organisation, src.findings, run, src.today)
    councils = ([names.get(partner, partner)] if partner else
                [names[s] for s in run.subjects if s in names])
    audience = (_("Voor de gemeenteraad van {municipality}").format(municipality=councils[0])
                if len(councils) == 1 else
                _("Voor de gemeenteraden van {municipalities}").format(
                    municipalities=say.listing(councils)))
    return CouncilReport(
        title=_("Raadsrapportage ambtelijke samenwerking {year}").format(year=year),
        audience=audience, partner=partner, organisation=model.cover.organisation,
        period=model.cover.period, year=year, baseline_year=baseline,
        facts=tuple((f.label, f.value) for f in model.cover.facts),
        fictitious_text=model.cover.fictitious_text if model.cover.fictitious else "",
        intro=_status(model) + say.intro_sentences(len(teams), year, baseline) + (
            (say.change_since_previous(None, 0, 0),) if src.previous_run is None else ())
        + _judged(model),
        teams=lines,
        decisions=_decisions(model, src, teams, norms_table),
        team_pages=pages,
        costs_intro=_costs_intro(model, src, teams, partner),
        costs_current=costs_current_table(model, teams, year, partner, names),
        costs_constant=costs_constant_table(model, teams, baseline),
        process=process, process_table=process_table,
        norms_text=norms_text, norms_table=norms_table,
        how_to_read=say.how_to_read(baseline),
        legend=model.legend,
    )


def _status(model: ReportModel) -> tuple[str, ...]:
    """Once the run is ter bespreking or vastgesteld, the first line says so (definitief)."""
    status = model.cover.report_status
    if not status or status == _("concept"):
        return ()
    return (_("Status van dit rapport: {status}.").format(status=status),)


def _judged(model: ReportModel) -> tuple[str, ...]:
    """A judgement of the assessor is named as such on the first pages, with the computed
    verdict beside it (the Technische bijlage lists them all, superseded ones too)."""
    if not model.judgements:
        return ()
    current = model.judgements[:model.judgements_current]  # the current ones come first
    return (model.judgements_note, *(_("Oordeel van de beoordelaar: {line}").format(line=j)
                                     for j in current))


def team_anchor(subject_id: str) -> str:
    return "team-" + subject_id.replace("/", "-")


def _team_subjects(model: ReportModel, organisation: Organisation,
                   partner: str | None) -> tuple[MatrixSubject, ...]:
    teams = [s for m in model.matrices if m.kind == "team" for s in m.subjects]
    if partner is None:
        return tuple(teams)
    kept = []
    for team in teams:
        cooperation = organisation.cooperation_of_unit(team.subject_id)
        partners = ({p.code for p in cooperation.partners} if cooperation is not None
                    else {team.subject_id.split("/", 1)[0]})
        if partner in partners:
            kept.append(team)
    return tuple(kept)


# --- one team ---------------------------------------------------------------------------------

def _team_line(team: MatrixSubject, model: ReportModel, src: CouncilSources,
               partner: str | None) -> TeamLine:
    year = src.run.last_year
    criteria = []
    for row in team.rows:
        cell = next((c for c in row.cells if c.year == year), None)
        verdict = cell.verdict if cell else verdict_text(None)
        cause = ""
        if verdict.code is not None and verdict.code is not Verdict.MEETS:
            cause = _cause(team.subject_id, row.criterion_id, year, verdict.code, src)
        criteria.append(CriterionLine(row.criterion, verdict, cause))
    return TeamLine(team.subject_id, team.name, team_anchor(team.subject_id), tuple(criteria),
                    _cost_sentences(team, model, year, partner),
                    _change_sentences(team, model, src))


def _cause(subject: str, criterion: str, year: int, verdict: Verdict,
           src: CouncilSources) -> str:
    """The one finding that explains a criterion verdict: the worst of that year."""
    candidates = [f for f in src.findings if f.subject == subject and f.criterion == criterion
                  and f.year == year]
    order = [i.id for i in src.framework.indicators]
    candidates.sort(key=lambda f: (CAUSE_ORDER.index(f.verdict) if f.verdict in CAUSE_ORDER
                                   else 9, order.index(f.indicator)
                                   if f.indicator in order else 99))
    wanted = [f for f in candidates if f.verdict is verdict]
    if not wanted:  # the verdict comes from a sub-criterion (kwetsbaarheid under flexibiliteit)
        children = [c for c in src.framework.criteria if c.parent == criterion]
        child = next((c for c in children if any(
            v.subject == subject and v.criterion == c.id and v.year == year
            and v.verdict is verdict for v in src.verdicts)), None)
        if child is not None:
            return say.cause_from_part(child.name)
    wanted = wanted or candidates
    return cause_of(wanted[0], src.framework) if wanted else ""


def cause_of(finding: Finding, framework: Framework) -> str:
    """A finding in words: value and norm, or why there is no verdict."""
    indicator = framework.indicator(finding.indicator)
    name = indicator.name if indicator else finding.indicator
    decimals = indicator.decimals if indicator else 1
    norm = next((n for n in framework.norms if n.id == finding.norm), None)
    if finding.gap or finding.verdict is Verdict.NOT_ASSESSABLE:
        return say.cause_missing(name, gap_text(finding.gap) if finding.gap else
                                 _("de gegevens zijn onvolledig"))
    if finding.scale_value is not None:
        wanted = [value for value, v in (norm.scale if norm else ()) if v is Verdict.MEETS]
        return say.cause_answer(name, finding.scale_value, say.listing(wanted) or "–")
    value = quantity(finding.value, finding.unit, decimals)
    kind = finding.norm_kind or (norm.kind.value if norm else "")
    if kind == NormKind.BASELINE and finding.compared is not None and finding.target is not None:
        return say.cause_growth(name, finding.compared, finding.baseline_year or 0,
                                finding.target, bool(norm and norm.price_index))
    if (kind == NormKind.BUDGET and finding.compared is not None and finding.target is not None
            and finding.value is not None and finding.reference is not None):
        amount = quantity(abs(finding.value - finding.reference), finding.unit, decimals)
        return say.cause_budget(name, finding.compared, amount, finding.target)
    if kind == NormKind.TREND and finding.compared is not None and finding.target is not None:
        return say.cause_trend(name, finding.compared, finding.target)
    if norm is not None and norm.is_band and norm.band_low and norm.band_high:
        return say.cause_between(name, value, quantity(norm.band_low.value, finding.unit,
                                                       decimals),
                                 quantity(norm.band_high.value, finding.unit, decimals))
    if finding.target is None:
        return say.cause_missing(name, _("er is geen norm"))
    limit = quantity(finding.target, finding.unit, decimals)
    if kind == NormKind.PEER:
        return say.cause_peer(name, value, limit)
    higher = indicator is not None and indicator.direction is Direction.HIGHER_IS_BETTER
    return (say.cause_at_least if higher else say.cause_at_most)(name, value, limit)


def _cost_sentences(team: MatrixSubject, model: ReportModel, year: int,
                    partner: str | None) -> tuple[str, ...]:
    block = next((b for b in model.costs if b.subject_id == team.subject_id), None)
    row = next((r for r in block.rows if r.year == year), None) if block else None
    if row is None or row.actual_value is None:
        return (say.no_cost_sentence(team.name, year),)
    texts = [say.cost_sentence(team.name, year, row.actual_value)]
    shares = [s for s in block.shares if s.year == year] if block else []
    for share in shares:
        if share.amount_value is None or share.share_value is None:
            continue
        if partner is None or share.partner == _partner_name(model, partner):
            texts.append(say.share_sentence(share.partner, share.amount_value,
                                            share.share_value))
    return tuple(texts)


def _partner_name(model: ReportModel, partner: str) -> str:
    return next((p.name for p in model.sections if p.subject_id == partner), partner)


def _change_sentences(team: MatrixSubject, model: ReportModel,
                      src: CouncilSources) -> tuple[str, ...]:
    baseline, year = model.cover.baseline_year, src.run.last_year
    better = worse = 0
    for row in team.rows:
        first = next((c.verdict.code for c in row.cells if c.year == baseline), None)
        last = next((c.verdict.code for c in row.cells if c.year == year), None)
        better, worse = _count(first, last, better, worse)
    previous = {(v.subject, v.criterion, v.year): v.verdict for v in src.previous_verdicts}
    p_better = p_worse = 0
    for row in team.rows:
        last = next((c.verdict.code for c in row.cells if c.year == year), None)
        p_better, p_worse = _count(previous.get((team.subject_id, row.criterion_id, year)),
                                   last, p_better, p_worse)
    if src.previous_run is None:  # said once, in the introduction
        return (say.change_since_baseline(baseline, better, worse),)
    return (say.change_since_baseline(baseline, better, worse),
            say.change_since_previous(src.previous_run, p_better, p_worse))


def _count(before: Verdict | None, after: Verdict | None, better: int,
           worse: int) -> tuple[int, int]:
    if before is None or after is None or before not in RANK or after not in RANK:
        return better, worse
    if RANK[after] > RANK[before]:
        return better + 1, worse
    if RANK[after] < RANK[before]:
        return better, worse + 1
    return better, worse


def _team_page(team: MatrixSubject, model: ReportModel, src: CouncilSources,
               partner: str | None, line: TeamLine) -> TeamPage:
    years = tuple(range(src.run.first_year, src.run.last_year + 1))
    recent = tuple(reversed(years))  # last year first: the answer before the history
    table = DataTable(
        _("Oordeel per criterium van {team}, het laatste jaar eerst").format(team=team.name),
        (_("Criterium"), *(str(y) for y in recent)),
        tuple((row.criterion, *(_cell_text(row, y) for y in recent)) for row in team.rows))
    section = next((s for s in model.sections if s.subject_id == team.subject_id), None)
    cooperation = src.organisation.cooperation_of_unit(team.subject_id)
    intro = (_("{team} is een gedeeld team van {cooperation}.").format(
        team=team.name, cooperation=cooperation.name) if cooperation else
        _("{team} is een team van één gemeente.").format(team=team.name))
    sentence, vulnerability = vulnerability_part(team.subject_id, src.vulnerability,
                                                 src.organisation)
    return TeamPage(team.subject_id, team.name, line.anchor, intro, table,
                    tuple(say.cause_of_criterion(c.criterion, c.cause)
                          for c in line.criteria if c.cause),
                    _trends(section.findings if section else (), model.cover.baseline_year,
                            src.run.last_year),
                    team_cost_table(model, team, partner, _partner_name(model, partner)
                                    if partner else None),
                    sentence, vulnerability)


def _cell_text(row: MatrixRow, year: int) -> str:
    cell = next((c for c in row.cells if c.year == year), None)
    if cell is None or cell.verdict.code is None:
        return "–"
    return f"{cell.verdict.symbol} {cell.verdict.label}"


def _trends(findings: Sequence[FindingEntry], baseline: int, year: int) -> tuple[str, ...]:
    texts = []
    for indicator in KEY_INDICATORS:
        rows = [f for f in findings if f.indicator_id == indicator]
        first = next((f for f in rows if f.year == baseline and f.value is not None), None)
        last = next((f for f in rows if f.year == year and f.value is not None), None)
        if first is None or last is None:
            continue
        assert first.value is not None and last.value is not None  # filtered above
        texts.append(say.change_of_value(say.lowercase_first(first.indicator), first.unit,
                                         first.value, last.value, baseline, year))
    return tuple(texts)


# --- the council's decisions --------------------------------------------------------------------

def _decisions(model: ReportModel, src: CouncilSources, teams: Sequence[MatrixSubject],
               norms_table: DataTable) -> tuple[DecisionPoint, ...]:
    points = []
    applied = [n for n in model.norms if n.applied]
    examples = [n for n in applied if n.example]
    if examples:
        points.append(DecisionPoint(say.decide_norms(len(examples), len(applied)), "normen",
                                    _("Normen die de raad nog vaststelt")))
    partners = set(src.run.subjects)
    for evaluation in src.organisation.process.evaluations:
        if evaluation.held is not None or evaluation.cooperation not in partners:
            continue
        planned = long_date(evaluation.planned)
        if evaluation.planned < src.today:
            text = say.decide_overdue_evaluation(evaluation.title, planned)
        elif (evaluation.planned - src.today).days <= 366:
            text = say.decide_due_evaluation(evaluation.title, planned)
        else:
            continue
        points.append(DecisionPoint(text, "proces", _("Proces en betrokkenheid van de raad")))
    year = src.run.last_year
    for team in teams:
        missing = [row.criterion for row in team.rows
                   if _code(row, year) is Verdict.NOT_ASSESSABLE]
        if missing:
            points.append(DecisionPoint(say.decide_missing_data(team.name, say.listing(missing),
                                                                year),
                                        team_anchor(team.subject_id), team.name))
        failing = [row.criterion for row in team.rows
                   if _code(row, year) is Verdict.DOES_NOT_MEET
                   and _code(row, year - 1) is Verdict.DOES_NOT_MEET]
        if failing:
            points.append(DecisionPoint(say.decide_failing_twice(team.name, failing,
                                                                 (year - 1, year)),
                                        team_anchor(team.subject_id), team.name))
    pages = {team.subject_id: team.name for team in teams}
    for chapter in model.scenarios:  # issue 13: a scenario set asks the council to choose
        if chapter.subject_id in pages:
            points.append(DecisionPoint(chapter.decision, team_anchor(chapter.subject_id),
                                        pages[chapter.subject_id]))
        else:
            points.append(DecisionPoint(chapter.decision, "kernboodschap", _("Kernboodschap")))
    return tuple(points)


def _code(row: MatrixRow, year: int) -> Verdict | None:
    cell = next((c for c in row.cells if c.year == year), None)
    return cell.verdict.code if cell else None


def _costs_intro(model: ReportModel, src: CouncilSources, teams: Sequence[MatrixSubject],
                 partner: str | None) -> tuple[str, ...]:
    year, baseline = src.run.last_year, model.cover.baseline_year
    blocks = [b for b in model.costs if b.subject_id in {t.subject_id for t in teams}]
    total = sum(r.actual_value or 0.0 for b in blocks for r in b.rows if r.year == year)
    texts = [_("De {teams} teams kostten samen {amount} in {year}.").format(
        teams=len(teams), amount=say.euro(total), year=year)]
    if partner is not None:
        name = _partner_name(model, partner)
        share = sum(s.amount_value or 0.0 for b in blocks for s in b.shares
                    if s.year == year and s.partner == name)
        texts.append(_("Het deel van {municipality} is {amount}.").format(
            municipality=name, amount=say.euro(share)))
    texts.append(_("De eerste tabel toont de bedragen van {year} zoals ze zijn betaald.").format(
        year=year))
    texts.append(_("De tweede tabel rekent alle jaren om naar prijzen van {baseline}. Zo telt "
                   "inflatie niet mee.").format(baseline=baseline))
    texts.append(_("Het oordeel over kosten gebruikt de bedragen in prijzen van {baseline}.")
                 .format(baseline=baseline))
    return tuple(texts)
