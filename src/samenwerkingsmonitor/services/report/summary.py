"""The summary of a report: a few sentences generated from the stored facts of a run.

Which criteria are not met in the last year, what changed since the baseline year, where data
is missing and where it is of lower quality. No sentence is written by hand per report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict, Finding, Gap
from samenwerkingsmonitor.domain.measurements import BaselineStatus
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.explain import gap_text
from samenwerkingsmonitor.services.report.labels import quality_label

Name = Callable[[str], str]
LISTED = 6  # name at most this many cases in one sentence, then "and N more"


def listing(items: Sequence[str]) -> str:
    """`a, b en c`; beyond LISTED items `a, b, ... en nog 4 andere`."""
    if len(items) > LISTED:
        shown = ", ".join(items[:LISTED])
        return _("{items} en nog {count} andere").format(items=shown,
                                                         count=len(items) - LISTED)
    if len(items) <= 1:
        return "".join(items)
    return _("{items} en {last}").format(items=", ".join(items[:-1]), last=items[-1])


def _case(verdict: CriterionVerdict, subject_name: Name, criterion_name: Name) -> str:
    return _("{criterion} bij {subject}").format(criterion=criterion_name(verdict.criterion),
                                                subject=subject_name(verdict.subject))


def scope_sentence(run: AssessmentRun, framework_title: str, subjects: int) -> str:
    return _("Deze toetsing ({run}) beoordeelt {count} onderwerpen over {first}-{last} aan "
             "het toetsingskader ‘{framework}’, met {baseline} als jaar van de nulmeting.").format(
        run=run.id, count=subjects, first=run.first_year, last=run.last_year,
        framework=framework_title, baseline=run.baseline_year)


def not_met_sentence(run: AssessmentRun, verdicts: Sequence[CriterionVerdict],
                     subject_name: Name, criterion_name: Name) -> str:
    last = [v for v in verdicts if v.year == run.last_year]
    failing = [_case(v, subject_name, criterion_name) for v in last
               if v.verdict is Verdict.DOES_NOT_MEET]
    if failing:
        return _("In {year} voldoet niet: {cases}.").format(year=run.last_year,
                                                             cases=listing(failing))
    if any(v.verdict.assessable for v in last):
        return _("In {year} wordt aan elk beoordeeld criterium ten minste deels voldaan."
                 ).format(year=run.last_year)
    return _("In {year} kon geen enkel criterium worden beoordeeld.").format(year=run.last_year)


def change_sentence(run: AssessmentRun, verdicts: Sequence[CriterionVerdict],
                    subject_name: Name, criterion_name: Name) -> str:
    """Criterion verdicts of the last year against the baseline year (or the first year)."""
    start = run.baseline_year if run.first_year <= run.baseline_year <= run.last_year \
        else run.first_year
    if start == run.last_year:
        return _("De toetsing beslaat één jaar; een verandering sinds de nulmeting is nog niet "
                 "te zien.")
    before = {(v.subject, v.criterion): v for v in verdicts if v.year == start}
    better: list[str] = []
    worse: list[str] = []
    for now in (v for v in verdicts if v.year == run.last_year):
        then = before.get((now.subject, now.criterion))
        if then is None or now.verdict.score is None or then.verdict.score is None:
            continue
        if now.verdict.score > then.verdict.score:
            better.append(_case(now, subject_name, criterion_name))
        elif now.verdict.score < then.verdict.score:
            worse.append(_case(now, subject_name, criterion_name))
    if not better and not worse:
        return _("Sinds {start} is geen oordeel over een criterium veranderd.").format(
            start=start)
    parts = []
    if better:
        parts.append(_("beter: {cases}").format(cases=listing(better)))
    if worse:
        parts.append(_("slechter: {cases}").format(cases=listing(worse)))
    return _("Sinds {start} veranderde het oordeel in {year}; {changes}.").format(
        start=start, year=run.last_year, changes="; ".join(parts))


def missing_sentence(findings: Sequence[Finding]) -> str:
    gaps = Counter(f.gap for f in findings if f.gap and f.gap != Gap.BEFORE_NORM_START)
    if not gaps:
        return _("Alle bevindingen konden worden beoordeeld; er ontbreken geen gegevens.")
    common = ", ".join(_("{gap} ({count}×)").format(gap=gap_text(gap), count=count)
                       for gap, count in gaps.most_common(3))
    return _("{count} van de {total} bevindingen zijn niet te beoordelen omdat gegevens "
             "ontbreken; het vaakst: {common}.").format(
        count=sum(gaps.values()), total=len(findings), common=common)


def quality_sentence(findings: Sequence[Finding]) -> str:
    labels = Counter(label for f in findings for label in f.labels)
    baselines = Counter(f.baseline_status for f in
                        {(f.subject, f.indicator): f for f in findings}.values())
    parts = []
    if labels:
        counted = ", ".join(_("{label} ({count}×)").format(label=quality_label(label),
                                                             count=count)
                            for label, count in labels.most_common())
        parts.append(_("{count} bevindingen berusten op gegevens van mindere kwaliteit: "
                       "{labels}.").format(count=sum(1 for f in findings if f.labels),
                                            labels=counted))
    reconstructed = baselines.get(BaselineStatus.RECONSTRUCTED, 0)
    missing = baselines.get(BaselineStatus.MISSING, 0)
    if reconstructed or missing:
        parts.append(_("Van de onderwerp-indicatorcombinaties heeft {reconstructed} een "
                       "achteraf gereconstrueerde nulmeting en ontbreekt bij {missing} de "
                       "nulmeting.").format(reconstructed=reconstructed, missing=missing))
    if not parts:
        return _("Alle gebruikte gegevens zijn definitief en vergelijkbaar, met een "
                 "vastgelegde nulmeting.")
    return " ".join(parts)


def norms_not_met_sentence(run: AssessmentRun, findings: Sequence[Finding],
                           subject_name: Name, indicator_name: Name) -> str:
    """Which norms are not met in the last year, and where."""
    where: dict[str, list[str]] = {}
    for f in sorted(findings, key=lambda f: (f.indicator, f.subject)):
        if f.year == run.last_year and f.verdict is Verdict.DOES_NOT_MEET:
            names = where.setdefault(indicator_name(f.indicator), [])
            if subject_name(f.subject) not in names:
                names.append(subject_name(f.subject))
    if not where:
        return _("In {year} wordt elke norm ten minste deels gehaald.").format(year=run.last_year)
    cases = [_("{indicator} ({subjects})").format(indicator=i, subjects=listing(s))
             for i, s in where.items()]
    return _("Normen die in {year} niet worden gehaald: {cases}.").format(
        year=run.last_year, cases=listing(cases))


def previous_sentence(run: AssessmentRun, previous: AssessmentRun | None,
                      verdicts: Sequence[CriterionVerdict],
                      previous_verdicts: Sequence[CriterionVerdict], subject_name: Name,
                      criterion_name: Name) -> str:
    """Criterion verdicts against the last earlier run of the same subjects and framework."""
    if previous is None:
        return _("Er is geen eerdere toetsing van dezelfde onderwerpen aan dit toetsingskader; "
                 "een vergelijking met een vorige toetsing is nog niet mogelijk.")
    before = {(v.subject, v.criterion, v.year): v for v in previous_verdicts}
    better: list[str] = []
    worse: list[str] = []
    for now in verdicts:
        then = before.get((now.subject, now.criterion, now.year))
        if then is None or now.verdict is then.verdict:
            continue
        case = _("{case} ({year})").format(case=_case(now, subject_name, criterion_name),
                                           year=now.year)
        score_now, score_then = now.verdict.score, then.verdict.score
        if score_now is not None and (score_then is None or score_now > score_then):
            better.append(case)
        else:
            worse.append(case)
    if not better and not worse:
        return _("Ten opzichte van de vorige toetsing ({previous}) is geen oordeel over een "
                 "criterium veranderd.").format(previous=previous.id)
    parts = []
    if better:
        parts.append(_("beter of nu te beoordelen: {cases}").format(cases=listing(better)))
    if worse:
        parts.append(_("slechter of niet meer te beoordelen: {cases}").format(
            cases=listing(worse)))
    return _("Ten opzichte van de vorige toetsing ({previous}) veranderde: {changes}.").format(
        previous=previous.id, changes="; ".join(parts))


def judgements_note(count: int, scores: int = 0) -> str:
    """`count`: the verdicts a person judged after the computation; `scores`: findings whose
    value is itself a score a person gave (an assessed indicator)."""
    if count == 0 and scores == 0:
        return _("Er zijn (nog) geen oordelen van een externe beoordelaar vastgelegd: elk "
                 "oordeel in dit rapport is berekend uit de gegevens en de normen.")
    parts = []
    if count == 1:
        parts.append(_("1 oordeel is het oordeel van een beoordelaar na de berekening; het "
                       "staat als zodanig gemarkeerd, met het berekende oordeel ernaast."))
    elif count:
        parts.append(_("{count} oordelen zijn het oordeel van een beoordelaar na de berekening; "
                       "ze staan als zodanig gemarkeerd, met het berekende oordeel ernaast.")
                     .format(count=count))
    else:
        parts.append(_("Er zijn (nog) geen berekende oordelen door een beoordelaar bevestigd, "
                       "gekwalificeerd of overschreven."))
    if scores:
        parts.append(_("{count} bevindingen berusten op een score die een beoordelaar gaf "
                       "(bijvoorbeeld uit interviews); staat er een toelichting bij de score, dan "
                       "staat die bij de bevinding.")
                     .format(count=scores))
    return " ".join(parts)


def summary_sentences(run: AssessmentRun, findings: Sequence[Finding],
                      verdicts: Sequence[CriterionVerdict], *, framework_title: str,
                      subject_name: Name, criterion_name: Name,
                      indicator_name: Name = str, previous: AssessmentRun | None = None,
                      previous_verdicts: Sequence[CriterionVerdict] = (),
                      since_previous: str | None = None,
                      judged: str | None = None) -> tuple[str, ...]:
    """`since_previous`: the comparison with the previous run, finding by finding, in place of
    the criterion-only sentence; `judged`: the note on assessor judgements."""
    return (
        scope_sentence(run, framework_title, len(run.subjects)),
        not_met_sentence(run, verdicts, subject_name, criterion_name),
        norms_not_met_sentence(run, findings, subject_name, indicator_name),
        change_sentence(run, verdicts, subject_name, criterion_name),
        since_previous or previous_sentence(run, previous, verdicts, previous_verdicts,
                                            subject_name, criterion_name),
        missing_sentence(findings),
        quality_sentence(findings),
        judged or judgements_note(0),
    )
