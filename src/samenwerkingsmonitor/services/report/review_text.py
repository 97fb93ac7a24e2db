"""The human side of a run in the report: assessor judgements (marked as judgements, with the
computed verdict beside them), the toelichting of an assessed score, the run's status
(definitief once vastgesteld), the signals and the comparison with the previous run.
Sentences are made here, in the current language; the writers only print them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from samenwerkingsmonitor.analysis.signals import Signal, SignalKind
from samenwerkingsmonitor.domain.assessment import CriterionVerdict, Finding
from samenwerkingsmonitor.domain.framework import Framework, SignalSettings, SourceType
from samenwerkingsmonitor.domain.judgements import (
    Judgement,
    JudgementAction,
    RunStatus,
    criterion_key,
    finding_key,
)
from samenwerkingsmonitor.i18n import _, number
from samenwerkingsmonitor.services.assessment.code_words import verdict_label
from samenwerkingsmonitor.services.assessment.compare import Comparison, VersionChange
from samenwerkingsmonitor.services.assessment.review import Review
from samenwerkingsmonitor.services.report.cover import long_date
from samenwerkingsmonitor.services.report.labels import verdict_text
from samenwerkingsmonitor.services.report.model import FindingEntry, MatrixCell
from samenwerkingsmonitor.services.report.sentences import listing
from samenwerkingsmonitor.services.storage.ports import StoredMeasurement

Name = Callable[[str], str]


def action_text(action: JudgementAction) -> str:
    return {JudgementAction.CONFIRM: _("bevestigd"),
            JudgementAction.QUALIFY: _("bevestigd met kanttekening"),
            JudgementAction.OVERRIDE: _("overschreven")}[action]


def who_when(judgement: Judgement) -> str:
    when = long_date(judgement.created) if judgement.created else ""
    return _("{user} ({role}), {when}").format(user=judgement.user,
                                               role=judgement.role.value, when=when)


def judgement_sentence(judgement: Judgement, about: str) -> str:
    """'Communicatie – Kwaliteit 2020: voldoet deels (berekend: voldoet), overschreven door …'"""
    text = _("{about}: {verdict} (berekend: {computed}), {action} door {who}. "
             "Onderbouwing: {rationale}").format(
        about=about, verdict=verdict_label(judgement.verdict),
        computed=verdict_label(judgement.computed_verdict), action=action_text(judgement.action),
        who=who_when(judgement), rationale=judgement.rationale.rstrip("."))
    text += "."
    if judgement.evidence:
        text += " " + _("Bewijs: {files}.").format(files=listing(
            [f"{e.file_name} (SHA-256 {e.sha256[:12]}…)" for e in judgement.evidence]))
    if judgement.notes:
        text += " " + _("Aantekeningen: {notes}").format(notes=judgement.notes)
    return text


def judged_entry(entry: FindingEntry, judgement: Judgement | None) -> FindingEntry:
    """The finding as the assessor judged it: the judged verdict in the cell, the computed
    verdict and who judged it beside it, the rationale in front of the explanation."""
    if judgement is None:
        return entry
    mark = _("oordeel van de beoordelaar; berekend: {computed}").format(
        computed=verdict_label(judgement.computed_verdict))
    said = _("Oordeel van de beoordelaar: {verdict}, {action} door {who}; berekend was "
             "{computed}. Onderbouwing: {rationale}.").format(
        verdict=verdict_label(judgement.verdict), action=action_text(judgement.action),
        who=who_when(judgement), computed=verdict_label(judgement.computed_verdict),
        rationale=judgement.rationale.rstrip("."))
    return replace(entry, verdict=verdict_text(judgement.verdict),
                   quality=(mark, *entry.quality), explanation=f"{said} {entry.explanation}")


def judged_cell(cell: MatrixCell, judgement: Judgement | None) -> MatrixCell:
    """A criterion verdict as the assessor judged it, with the computed verdict beside it."""
    if judgement is None:
        return cell
    mark = _("oordeel van de beoordelaar; berekend: {computed}").format(
        computed=verdict_label(judgement.computed_verdict))
    return replace(cell, verdict=verdict_text(judgement.verdict),
                   note="; ".join(n for n in (mark, cell.note) if n))


def assessor_note(finding: Finding, framework: Framework,
                  notes: Mapping[tuple[str, str, int], str]) -> str:
    """The toelichting that came with an assessed (qualitative) score, if any."""
    indicator = framework.indicator(finding.indicator)
    if indicator is None or indicator.source_type is not SourceType.ASSESSED:
        return ""
    note = notes.get((finding.subject, finding.indicator, finding.year), "")
    return _("Toelichting bij de score: {note}").format(note=note.rstrip(".")) + "." \
        if note else ""


def measurement_notes(measurements: Sequence[StoredMeasurement]
                      ) -> dict[tuple[str, str, int], str]:
    return {(s.measurement.subject, s.measurement.indicator, s.measurement.year):
            s.measurement.note for s in measurements if s.measurement.note}


def with_assessor_note(entry: FindingEntry, note: str) -> FindingEntry:
    if not note:
        return entry
    return replace(entry, explanation=f"{entry.explanation} {note}",
                   quality=(*entry.quality, _("score van een beoordelaar")))


def status_text(review: Review | None) -> str:
    if review is None or review.status is RunStatus.CONCEPT:
        return _("concept")
    if review.status is RunStatus.IN_REVIEW:
        return _("ter bespreking (de begeleidingsgroep kan opmerkingen maken)")
    adopted = review.adopted
    assert adopted is not None
    return _("definitief: vastgesteld bij raadsbesluit {number} van {date}").format(
        number=adopted.decision_number,
        date=long_date(adopted.decision_date) if adopted.decision_date else "")


def comment_sentences(review: Review | None,
                      about: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """`about`: readable names of finding and criterion keys (`about_names`)."""
    if review is None:
        return ()
    names = about or {}
    return tuple(_("Opmerking van {user} ({role}, {when}){about}: {text}").format(
        user=c.user, role=c.role.value, when=long_date(c.created) if c.created else "",
        about=" " + _("over {key}").format(key=names.get(c.key, c.key)) if c.key else "",
        text=c.text)
        for c in review.comments)


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return number(value, 0 if float(value).is_integer() else 2)


def signal_sentence(signal: Signal, about: str, previous: str) -> str:
    if signal.kind is SignalKind.NORM_CROSSED:
        key = (_("{about}: de norm wordt niet meer gehaald; in {previous} was het oordeel "
                 "{before}, nu {now}.") if signal.worse else
               _("{about}: de norm wordt weer gehaald; in {previous} was het oordeel {before}, "
                 "nu {now}."))
        return key.format(about=about, previous=previous,
                          before=verdict_label(signal.before) if signal.before else "–",
                          now=verdict_label(signal.verdict))
    if signal.kind is SignalKind.WORSE_YEARS:
        return _("{about}: {n} jaar op rij slechter ({values}), maar nog {verdict}.").format(
            about=about, n=len(signal.years) - 1,
            values=" → ".join(_number(v) for v in signal.values),
            verdict=verdict_label(signal.verdict))
    if signal.kind is SignalKind.JUMP:
        return _("{about}: de waarde {value} wijkt {pct} % af van de trend van de jaren "
                 "ervoor ({expected}).").format(
            about=about, value=_number(signal.values[-1] if signal.values else None),
            pct=number(signal.deviation_pct or 0, 0), expected=_number(signal.expected))
    return _("{about}: geen oordeel over {year} omdat gegevens ontbreken.").format(
        about=about, year=signal.year)


def signal_sentences(signals: Sequence[Signal], subject_name: Name, indicator_name: Name,
                     previous: str) -> tuple[str, ...]:
    return tuple(signal_sentence(s, f"{subject_name(s.subject)} – {indicator_name(s.indicator)} "
                                    f"{s.year}", previous) for s in signals)


def _version(v: VersionChange) -> str:
    return _("meetversie {version} van {indicator} {year} ({before} → {after}, {user}: "
             "{reason})").format(version=v.after_version or "–", indicator=v.indicator,
                                 year=v.year, before=_shown(v.before), after=_shown(v.after),
                                 user=v.user, reason=v.reason or _("geen reden opgegeven"))


def _shown(value: float | str | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return number(value, 0 if float(value).is_integer() else 2)


def comparison_sentences(comparison: Comparison, subject_name: Name,
                         indicator_name: Name) -> tuple[str, ...]:
    """'Since the previous run', about findings: how many changed, each verdict change with
    the measurement versions that caused it, and the subjects only one run holds."""
    a = comparison.run_a.id
    if not comparison.changed:
        sentences = [_("Ten opzichte van de vorige toetsing ({previous}) is geen bevinding "
                       "veranderd ({count} vergeleken).").format(previous=a,
                                                                 count=comparison.compared)]
    else:
        sentences = [_("Ten opzichte van de vorige toetsing ({previous}) veranderden {changed} "
                       "van de {count} bevindingen: {better} beter, {worse} slechter.").format(
            previous=a, changed=len(comparison.changed), count=comparison.compared,
            better=comparison.better, worse=comparison.worse)]
    for change in comparison.changed:
        verdict = next((c for c in change.changes if c.field == "verdict"), None)
        if verdict is None:
            continue
        cause = listing([_version(v) for v in change.causes]) if change.causes else _(
            "een andere norm, nulmeting of berekening")
        sentences.append(_("{about}: {before} → {after}, door {cause}.").format(
            about=f"{subject_name(change.subject)} – {indicator_name(change.indicator)} "
                  f"{change.year}", before=verdict_label(verdict.before),
            after=verdict_label(verdict.after), cause=cause))
    if comparison.only_a or comparison.only_b:
        sentences.append(_("Alleen in de vorige toetsing: {a}; alleen in deze: {b}.").format(
            a=listing([subject_name(s) for s in comparison.only_a]) or "–",
            b=listing([subject_name(s) for s in comparison.only_b]) or "–"))
    return tuple(sentences)


def about_names(findings: Sequence[Finding], verdicts: Sequence[CriterionVerdict],
                subject_name: Name, indicator_name: Name, criterion_name: Name,
                ) -> dict[str, str]:
    """'Communicatie – Klanttevredenheid 2020' for each finding and criterion key (the two kinds
    of key never collide: indicator and criterion ids differ)."""
    about = {finding_key(f.subject, f.indicator, f.year, f.norm):
             f"{subject_name(f.subject)} – {indicator_name(f.indicator)} {f.year}"
             for f in findings}
    about.update({criterion_key(v.subject, v.criterion, v.year):
                  f"{subject_name(v.subject)} – {_('criterium')} {criterion_name(v.criterion)} "
                  f"{v.year}" for v in verdicts})
    return about


def judgement_lines(review: Review | None, findings: Sequence[Finding],
                    verdicts: Sequence[CriterionVerdict], subject_name: Name,
                    indicator_name: Name, criterion_name: Name) -> tuple[str, ...]:
    """Every judgement, current ones first; a superseded one says so."""
    if review is None or not review.judgements:
        return ()
    current = {j.id for j in review.current.values()}
    about = about_names(findings, verdicts, subject_name, indicator_name, criterion_name)
    ordered = sorted(review.judgements, key=lambda j: (j.id not in current, j.id))
    lines = []
    for j in ordered:
        line = judgement_sentence(j, about.get(j.key, j.key))
        lines.append(line if j.id in current else _("Vervangen door een later oordeel: "
                                                    "{line}").format(line=line))
    return tuple(lines)


def signals_note(settings: SignalSettings, count: int) -> str:
    said = _("Een signaal wijst op een bevinding om op te letten: een norm die sinds de vorige "
             "toetsing wel of niet meer wordt gehaald, een waarde die {years} jaar op rij "
             "slechter werd terwijl de norm nog wordt gehaald, een waarde die meer dan "
             "{pct} % van de trend afwijkt, of een gat in de gegevens van het laatste jaar.")\
        .format(years=settings.worse_years, pct=number(settings.jump_tolerance_pct, 0))
    if count == 0:
        return said + " " + _("Deze toetsing geeft geen signalen.")
    return said + " " + _("Deze toetsing geeft {count} signalen.").format(count=count)
