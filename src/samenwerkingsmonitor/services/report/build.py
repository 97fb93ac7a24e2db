"""Use case: build the report model of a stored run (services/report/model.py).

Everything comes from storage through the Repository port: the run, its findings and criterion
verdicts as stored (never recomputed), the framework and organisation documents in the versions
the run used, and the measurements as they stood after the run's last batch. The model is built
once and rendered by every renderer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from samenwerkingsmonitor.analysis.signals import Signal
from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict, Finding
from samenwerkingsmonitor.domain.framework import Framework, Indicator, IndicatorKind, SourceType
from samenwerkingsmonitor.domain.organisation import Organisation, Subject, SubjectKind
from samenwerkingsmonitor.errors import NotFound
from samenwerkingsmonitor.i18n import _, current_language
from samenwerkingsmonitor.services.assessment.compare import (
    Comparison,
    compare_runs,
    previous_comparable_run,
    run_signals,
)
from samenwerkingsmonitor.services.assessment.review import Review, load_review
from samenwerkingsmonitor.services.assessment.stored_run import load_stored_run
from samenwerkingsmonitor.services.frameworks.ports import FrameworkFiles
from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
from samenwerkingsmonitor.services.report.costs import cost_blocks, costs_note
from samenwerkingsmonitor.services.report.council import CouncilSources, council_report
from samenwerkingsmonitor.services.report.council_model import CouncilReport
from samenwerkingsmonitor.services.report.cover import cover, long_date
from samenwerkingsmonitor.services.report.details import (
    finding_entry,
    gap_entries,
    provenance_entries,
    provenance_groups,
    rule_entries,
)
from samenwerkingsmonitor.services.report.labels import (
    legend,
    subject_kind_label,
)
from samenwerkingsmonitor.services.report.matrices import KIND_ORDER, verdict_matrices
from samenwerkingsmonitor.services.report.model import (
    ReportModel,
    SubjectSection,
    TocEntry,
)
from samenwerkingsmonitor.services.report.names import (
    anchor,
    criterion_name,
    criterion_position,
    indicator_name,
)
from samenwerkingsmonitor.services.report.norms import norm_entries
from samenwerkingsmonitor.services.report.pc import (
    operations_tables,
    related_parties,
    relevant_cooperations,
)
from samenwerkingsmonitor.services.report.process import (
    process_section,
    vulnerability_entries,
    vulnerability_note,
)
from samenwerkingsmonitor.services.report.review_text import (
    about_names,
    assessor_note,
    comment_sentences,
    comparison_sentences,
    judged_entry,
    judgement_lines,
    measurement_notes,
    signal_sentences,
    signals_note,
    status_text,
    with_assessor_note,
)
from samenwerkingsmonitor.services.report.scenarios import scenario_chapters
from samenwerkingsmonitor.services.report.summary import judgements_note, summary_sentences
from samenwerkingsmonitor.services.report.trends import PeerValues, peer_values, trend_charts
from samenwerkingsmonitor.services.scenarios.ports import ScenarioReader
from samenwerkingsmonitor.services.scenarios.use_cases import stored_outcomes
from samenwerkingsmonitor.services.storage.ports import Repository, StoredMeasurement
from samenwerkingsmonitor.services.vulnerability.team import TeamAnalysis, analyse_team


@dataclass(frozen=True, slots=True)
class ReportSources:
    """What a report is made of, read once from storage."""

    run: AssessmentRun
    findings: list[Finding]
    verdicts: list[CriterionVerdict]
    framework: Framework
    organisation: Organisation
    measurements: list[StoredMeasurement]
    previous: AssessmentRun | None = None  # the last earlier run of the same subjects
    previous_verdicts: tuple[CriterionVerdict, ...] = ()
    vulnerability: tuple[TeamAnalysis, ...] = ()  # closed-form figures of teams with input
    review: Review | None = None  # status, assessor judgements, comments
    signals: tuple[Signal, ...] = ()
    signals_against: AssessmentRun | None = None  # the run norm crossings are measured against
    comparison: Comparison | None = None  # with the newest earlier run sharing a subject


def load_sources(repo: Repository, run_id: str, *, framework_files: FrameworkFiles,
                 organisation_reader: OrganisationReader) -> ReportSources:
    stored = load_stored_run(repo, run_id, framework_files=framework_files,
                             organisation_reader=organisation_reader)
    run, organisation = stored.run, stored.organisation
    previous = previous_run(repo, run)
    signals, against = run_signals(repo, run, stored.framework)
    comparable = previous_comparable_run(repo, run)
    return ReportSources(run, repo.findings(run.id), repo.criterion_verdicts(run.id),
                         stored.framework, organisation,
                         repo.current_measurements(as_of_batch=run.data_batch), previous,
                         tuple(repo.criterion_verdicts(previous.id)) if previous else (),
                         team_analyses(repo, organisation, run), load_review(repo, run.id),
                         tuple(signals), against,
                         compare_runs(repo, comparable.id, run.id) if comparable else None)


def team_analyses(repo: Repository, organisation: Organisation,
                  run: AssessmentRun) -> tuple[TeamAnalysis, ...]:
    """Vulnerability of the run's teams from their stored input of the run's last year (or the
    newest earlier year), closed form only: the simulation is for `vulnerability TEAM`."""
    analyses = []
    known = organisation.subjects()
    for subject in run.subjects:
        if subject not in known or known[subject].kind is not SubjectKind.TEAM:
            continue
        try:
            analyses.append(analyse_team(repo, organisation, subject, None, runs=None))
        except NotFound:
            continue
    return tuple(a for a in analyses if a.year <= run.last_year)


def previous_run(repo: Repository, run: AssessmentRun) -> AssessmentRun | None:
    """The newest earlier run (R-0003 before R-0004) of the same subjects and framework."""
    found = re.fullmatch(r"R-(\d+)", run.id)
    if found is None:
        return None
    width = len(found.group(1))
    for number in range(int(found.group(1)) - 1, 0, -1):
        candidate = repo.run(f"R-{number:0{width}d}")
        if (candidate is not None and set(candidate.subjects) == set(run.subjects)
                and candidate.framework_id == run.framework_id):
            return candidate
    return None


def build_report_model(repo: Repository, run_id: str, *, framework_files: FrameworkFiles,
                       organisation_reader: OrganisationReader,
                       today: date | None = None) -> ReportModel:
    """The report of stored run `run_id` ('latest' for the newest), in the current language."""
    sources = load_sources(repo, run_id, framework_files=framework_files,
                           organisation_reader=organisation_reader)
    return model_from_sources(sources, today or date.today())


@dataclass(frozen=True, slots=True)
class ReportProducts:
    """Both products of one run, built once: the Raadsrapportage and the full model that the
    Technische bijlage prints."""

    council: CouncilReport
    model: ReportModel


def build_report_products(repo: Repository, run_id: str, *, framework_files: FrameworkFiles,
                          organisation_reader: OrganisationReader, today: date | None = None,
                          partner: str | None = None,
                          scenario_reader: ScenarioReader | None = None) -> ReportProducts:
    """Raadsrapportage and full model of stored run `run_id`; `partner` (a CBS code of a
    municipality in the run) gives the Raadsrapportage for that council."""
    sources = load_sources(repo, run_id, framework_files=framework_files,
                           organisation_reader=organisation_reader)
    day = today or date.today()
    if partner is not None and partner not in {m.code for m in
                                               sources.organisation.municipalities}:
        raise NotFound(_("Gemeente {code} staat niet in het organisatiebestand. Kies een "
                         "CBS-code van een partner, zoals GM0377.").format(code=partner))
    model = model_from_sources(sources, day)
    if scenario_reader is not None:  # the stored scenario runs of the run's subjects (issue 13)
        names = {i.id: i.name for i in sources.framework.indicators}
        model = replace(model, scenarios=scenario_chapters(
            stored_outcomes(repo, scenario_reader), sources.run.subjects, names))
        model = replace(model, contents=contents(model))
    council = council_report(model, CouncilSources(
        sources.run, sources.findings, sources.verdicts,
        sources.previous.id if sources.previous else None, sources.previous_verdicts,
        sources.framework, sources.organisation, sources.vulnerability, day), partner)
    return ReportProducts(council, model)


def model_from_sources(sources: ReportSources, today: date) -> ReportModel:
    run, framework, organisation = sources.run, sources.framework, sources.organisation
    known = organisation.subjects()
    subjects = _ordered_subjects(run.subjects, known)
    anchors = {s.id: anchor("onderwerp", s.id) for s in subjects}
    matrices = verdict_matrices(sources.run, sources.framework, sources.verdicts, sources.review,
                                subjects, anchors)
    peers = peer_values(sources.measurements, framework, organisation)
    sections = tuple(_section(s, sources, anchors[s.id], peers) for s in subjects)
    subject_name = lambda sid: known[sid].name if sid in known else sid  # noqa: E731
    name_of_indicator = lambda iid: indicator_name(framework, iid)  # noqa: E731
    judged = judgement_lines(sources.review, sources.findings, sources.verdicts, subject_name,
                             name_of_indicator, lambda cid: criterion_name(framework, cid))
    scores = sum(1 for f in sources.findings if (i := framework.indicator(f.indicator))
                 and i.source_type is SourceType.ASSESSED and f.value is not None)
    note = judgements_note(len(sources.review.current) if sources.review else 0, scores)
    since = comparison_sentences(sources.comparison, subject_name, name_of_indicator) \
        if sources.comparison else None
    summary = summary_sentences(
        run, sources.findings, sources.verdicts, framework_title=framework.title,
        subject_name=subject_name,
        criterion_name=lambda cid: criterion_name(framework, cid),
        indicator_name=name_of_indicator,
        previous=sources.previous, previous_verdicts=sources.previous_verdicts,
        since_previous=" ".join(since) if since else None, judged=note,
    )
    against = sources.signals_against.id if sources.signals_against else ""
    cooperations = relevant_cooperations(subjects, organisation)
    provenance = provenance_entries(run, sources.findings, sources.measurements, framework,
                                    organisation, known)
    model = ReportModel(
        language=current_language(),
        cover=cover(run, framework, organisation, subjects, today, status_text(sources.review)),
        summary=summary, contents=(), legend=legend(), matrices=matrices,
        sections=sections,
        norms=norm_entries(framework, {f.norm for f in sources.findings if f.norm}),
        rules=rule_entries(framework, sources.verdicts),
        gaps=gap_entries(sources.findings, framework, known),
        provenance=provenance, provenance_groups=provenance_groups(provenance),
        run_id=run.id, previous_run_id=sources.previous.id if sources.previous else None,
        judgements=judged, judgements_note=note,
        judgements_current=len(sources.review.current) if sources.review else 0,
        comments=comment_sentences(sources.review, about_names(
            sources.findings, sources.verdicts, subject_name, name_of_indicator,
            lambda cid: criterion_name(framework, cid))),
        signals=signal_sentences(sources.signals, subject_name, name_of_indicator, against),
        signals_note=signals_note(framework.signals, len(sources.signals)),
        vulnerability=vulnerability_entries(subjects, sources.vulnerability, organisation),
        vulnerability_note=vulnerability_note(bool(sources.vulnerability)),
        costs=cost_blocks(run, subjects, organisation, sources.measurements, anchors),
        costs_note=costs_note(),
        operations=operations_tables(run, subjects, sources.findings, framework, anchors),
        related_parties=related_parties(run, subjects, organisation),
        process=process_section(cooperations, organisation, today, long_date),
    )
    return replace(model, contents=contents(model))


def _ordered_subjects(ids: Sequence[str], known: dict[str, Subject]) -> list[Subject]:
    subjects = [known[s] for s in ids if s in known]
    return sorted(subjects, key=lambda s: (KIND_ORDER.index(s.kind), s.name, s.id))


def _indicator(framework: Framework, finding: Finding) -> Indicator:
    found = framework.indicator(finding.indicator)
    return found or Indicator(finding.indicator, finding.indicator, finding.unit,
                              IndicatorKind.INPUT)


# --- sections ----------------------------------------------------------------------------

def _section(subject: Subject, sources: ReportSources, anchor_id: str,
             peers: PeerValues) -> SubjectSection:
    framework = sources.framework
    findings = sorted(
        (f for f in sources.findings if f.subject == subject.id),
        key=lambda f: (criterion_position(framework, f.criterion),
                       [i.id for i in framework.indicators].index(f.indicator)
                       if framework.indicator(f.indicator) else 0,
                       f.indicator, f.year, f.norm or ""),
    )
    norms = {n.id: n for n in framework.norms}
    names = {i.id: i.name for i in framework.indicators}
    review = sources.review
    notes = measurement_notes(sources.measurements)
    entries = tuple(
        judged_entry(with_assessor_note(
            finding_entry(f, _indicator(framework, f), norms.get(f.norm or ""),
                          criterion_name(framework, f.criterion or "") if f.criterion else "–",
                          names), assessor_note(f, framework, notes)),
            review.judgement_of(f) if review else None)
        for f in findings
    )
    own = [f for f in sources.findings if f.subject == subject.id]
    charts = trend_charts(subject, own, framework, sources.run, sources.organisation, peers,
                          anchor_id)
    return SubjectSection(anchor_id, subject.id, subject.name, subject.kind.value,
                          subject_kind_label(subject.kind),
                          _context(subject, sources.organisation), entries, charts,
                          tuple(range(sources.run.first_year, sources.run.last_year + 1)))


def _context(subject: Subject, organisation: Organisation) -> str:
    if subject.kind is SubjectKind.TEAM:
        cooperation = organisation.cooperation_of_unit(subject.id)
        if cooperation is not None:
            return _("Gedeeld team van {cooperation}.").format(cooperation=cooperation.name)
        owner = subject.id.split("/", 1)[0]
        names = {m.code: m.name for m in organisation.municipalities}
        return _("Team van de gemeente {municipality}.").format(
            municipality=names.get(owner, owner))
    if subject.kind is SubjectKind.COOPERATION:
        return _("Samenwerking op niveau {level}.").format(level=subject.level)
    return _("Gemeente met CBS-code {code}.").format(code=subject.id)


def contents(model: ReportModel) -> tuple[TocEntry, ...]:
    """Chapters (level 2) and their sections (level 3), in the order of the report."""
    entries = [TocEntry("samenvatting", _("Samenvatting"), 2),
               TocEntry("oordelen", _("Oordelen per criterium"), 2)]
    entries += [TocEntry(m.anchor, m.title, 3) for m in model.matrices]
    entries.append(TocEntry("bevindingen", _("Bevindingen per onderwerp"), 2))
    entries += [TocEntry(s.anchor, s.name, 3) for s in model.sections]
    if model.vulnerability:
        entries.append(TocEntry("kwetsbaarheid", _("Kwetsbaarheid per team"), 2))
    entries.append(TocEntry("kosten", _("Kosten"), 2))
    entries += [TocEntry(b.anchor, b.name, 3) for b in model.costs]
    entries.append(TocEntry("paragraaf-bedrijfsvoering", _("Paragraaf bedrijfsvoering"), 2))
    entries.append(TocEntry("verbonden-partijen", _("Verbonden partijen"), 2))
    entries += [TocEntry(p.anchor, p.name, 3) for p in model.related_parties]
    entries.append(TocEntry("proces", _("Proces en betrokkenheid van de raad"), 2))
    if model.scenarios:
        entries.append(TocEntry("scenarios", _("Scenario's"), 2))
        entries += [TocEntry(c.anchor, c.title, 3) for c in model.scenarios]
    entries += [TocEntry("normen", _("Bijlage: toetsingskader en normen"), 2),
                TocEntry("regels", _("Regels voor het oordeel per criterium"), 2),
                TocEntry("ontbrekende-gegevens", _("Ontbrekende gegevens"), 2),
                TocEntry("herkomst", _("Herkomst van de gegevens"), 2)]
    return tuple(entries)
