"""The detailed parts of the report model: findings with explanations, roll-up rules, data
gaps and the provenance of every measurement the run used."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from samenwerkingsmonitor.domain.assessment import (
    AssessmentRun,
    CriterionVerdict,
    Finding,
    Gap,
)
from samenwerkingsmonitor.domain.framework import Framework, Indicator, Norm, NormKind
from samenwerkingsmonitor.domain.measurements import BaselineStatus
from samenwerkingsmonitor.domain.organisation import Organisation, Subject
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.explain import explain, gap_text, quantity
from samenwerkingsmonitor.services.report.labels import (
    baseline_status_label,
    measurement_kind_label,
    measurement_status_label,
    quality_label,
    rule_explanation,
    rule_label,
    verdict_text,
)
from samenwerkingsmonitor.services.report.model import (
    FindingEntry,
    GapEntry,
    ProvenanceEntry,
    ProvenanceGroup,
    RuleEntry,
)
from samenwerkingsmonitor.services.report.norms import finding_norm_text, with_band_detail
from samenwerkingsmonitor.services.storage.ports import StoredMeasurement

NOT_MISSING_DATA = frozenset({Gap.BEFORE_NORM_START.value})
"""Gaps that are no missing data: a baseline-relative norm does not judge its own start year."""


def value_text(finding: Finding, indicator: Indicator) -> str:
    if finding.scale_value is not None:
        return finding.scale_value
    return quantity(finding.value, finding.unit, indicator.decimals)


def baseline_text(finding: Finding, indicator: Indicator) -> str:
    status = baseline_status_label(finding.baseline_status)
    if (finding.baseline_status is BaselineStatus.MISSING or finding.baseline_year is None
            or finding.baseline_value is None):
        return status
    value = quantity(finding.baseline_value, finding.unit, indicator.decimals)
    return _("{year}: {value} ({status})").format(year=finding.baseline_year, value=value,
                                                  status=status)


IDENTIFIER = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")


def readable_ids(text: str, names: Mapping[str, str]) -> str:
    """Indicator ids in a stored text (a missing input, 'lasten_eur') as their names: a reader
    never sees an internal identifier."""
    return IDENTIFIER.sub(lambda m: names.get(m.group(0), m.group(0)), text)


def full_gap_text(finding: Finding, names: Mapping[str, str] | None = None) -> str:
    if not finding.gap:
        return ""
    text = gap_text(finding.gap)
    missing = dict(finding.detail).get("ontbrekende_invoer")
    if missing:
        text = f"{text} ({readable_ids(missing, names or {})})"
    return text


def finding_entry(finding: Finding, indicator: Indicator, norm: Norm | None,
                  criterion: str, names: Mapping[str, str] | None = None) -> FindingEntry:
    names = names or {}
    return FindingEntry(
        indicator_id=finding.indicator, indicator=indicator.name, criterion=criterion,
        year=finding.year, verdict=verdict_text(finding.verdict),
        value_text=value_text(finding, indicator),
        norm_text=finding_norm_text(finding, norm, indicator),
        baseline_text=baseline_text(finding, indicator),
        explanation=readable_ids(explain(with_band_detail(finding, norm, indicator), indicator),
                                 names),
        quality=tuple(quality_label(label) for label in finding.labels),
        gap=full_gap_text(finding, names), value=finding.value, scale_value=finding.scale_value,
        unit=finding.unit, target=finding.target, signal=finding.signal,
        baseline_value=finding.baseline_value, norm_id=finding.norm or "",
    )


def rule_entries(framework: Framework,
                 verdicts: Sequence[CriterionVerdict]) -> tuple[RuleEntry, ...]:
    used = {v.criterion for v in verdicts}
    return tuple(
        RuleEntry(c.name, rule_label(c.rollup.rule), rule_explanation(c.rollup.rule))
        for c in framework.criteria if c.id in used
    )


def gap_entries(findings: Sequence[Finding], framework: Framework,
                known: dict[str, Subject]) -> tuple[GapEntry, ...]:
    gaps = [f for f in findings if f.gap and f.gap not in NOT_MISSING_DATA]
    entries = {
        (f.subject, f.indicator, f.year,
         full_gap_text(f, {i.id: i.name for i in framework.indicators})) for f in gaps
    }  # a finding per norm: one gap line is enough
    return tuple(
        GapEntry(_name(known, subject), _indicator_name(framework, indicator), year, text)
        for subject, indicator, year, text in sorted(entries)
    )


def _name(known: dict[str, Subject], subject: str) -> str:
    return known[subject].name if subject in known else subject


def _indicator_name(framework: Framework, indicator_id: str) -> str:
    indicator = framework.indicator(indicator_id)
    return indicator.name if indicator else indicator_id


def _peer_members(findings: Sequence[Finding], framework: Framework,
                  organisation: Organisation) -> set[str]:
    """Municipalities whose values entered a peer-group norm of the run."""
    norms = {n.id: n for n in framework.norms}
    groups = {norms[f.norm].peer_group for f in findings
              if f.norm in norms and norms[f.norm].kind is NormKind.PEER}
    return {code for g in organisation.peer_groups if g.id in groups for code in g.members}


def provenance_entries(run: AssessmentRun, findings: Sequence[Finding],
                       measurements: Sequence[StoredMeasurement], framework: Framework,
                       organisation: Organisation,
                       known: dict[str, Subject]) -> tuple[ProvenanceEntry, ...]:
    """Every stored value the run could use: its subjects and peers, up to its last year;
    each with the findings that drew on it (the value itself or an input of its formula)."""
    subjects = set(run.subjects) | _peer_members(findings, framework, organisation)
    used = [s for s in measurements
            if s.measurement.subject in subjects and s.measurement.year <= run.last_year]
    used.sort(key=lambda s: (s.measurement.subject, s.measurement.indicator,
                             s.measurement.year, s.measurement.kind.value))
    users = _finding_users(findings)
    entries = []
    for stored in used:
        m = stored.measurement
        indicator = framework.indicator(m.indicator)
        decimals = indicator.decimals if indicator else 1
        value = m.scale_value if m.scale_value is not None else quantity(m.value, m.unit,
                                                                        decimals)
        entries.append(ProvenanceEntry(
            subject=_name(known, m.subject), indicator=_indicator_name(framework, m.indicator),
            year=m.year, kind=measurement_kind_label(m.kind), value=value,
            status=measurement_status_label(m.status), source=m.source,
            file_name=stored.file_name, batch=stored.batch, version=stored.version_id,
            subject_id=m.subject, indicator_id=m.indicator,
            number=m.value if m.scale_value is None else None, unit=m.unit,
            sheet=stored.sheet or "", row=stored.row,
            used_in=users.get((m.subject, m.indicator, m.year), ()),
        ))
    return tuple(entries)


def _finding_users(findings: Sequence[Finding]) -> dict[tuple[str, str, int], tuple[str, ...]]:
    """(subject, indicator or input, year) -> the findings that used that value, as
    "subject/indicator/year"; a peer's value is named by the peer norm's finding too."""
    users: dict[tuple[str, str, int], list[str]] = {}
    for f in findings:
        key = f"{f.subject}/{f.indicator}/{f.year}"
        for name in (f.indicator, *(i for i, _v in f.inputs)):
            found = users.setdefault((f.subject, name, f.year), [])
            if key not in found:
                found.append(key)
    return {k: tuple(v) for k, v in users.items()}


def provenance_groups(entries: Sequence[ProvenanceEntry]) -> tuple[ProvenanceGroup, ...]:
    """The provenance per subject and file: how many values, which years, batches and
    source documents. The report prints this; the file next to it holds every value."""
    groups: dict[tuple[str, str], list[ProvenanceEntry]] = {}
    for entry in entries:
        groups.setdefault((entry.subject, entry.file_name), []).append(entry)
    return tuple(
        ProvenanceGroup(
            subject=subject, file_name=file_name or "–",
            batches=", ".join(str(b) for b in sorted({e.batch for e in group})),
            values=len(group), years=_year_span([e.year for e in group]),
            sources=tuple(dict.fromkeys(e.source for e in group)),
        )
        for (subject, file_name), group in groups.items()
    )


def _year_span(years: Sequence[int]) -> str:
    """2018–2022 when every year between is there, else 2018, 2020, 2021."""
    ordered = sorted(set(years))
    if len(ordered) > 1 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{ordered[0]}–{ordered[-1]}"
    return ", ".join(str(y) for y in ordered)
