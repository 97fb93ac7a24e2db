"""Use case: what changed between two runs, finding by finding, and which measurement
versions caused it (`compare RUN_A RUN_B`); also the signals of a run (`signals RUN`).

Runs may cover different subjects: the overlap is compared, the rest is listed. A finding is
matched by subject, indicator, year and norm. For each changed finding, the measurement
versions that differ between the two runs' data versions and feed the finding (its indicator
or one of its formula inputs, in its year or its baseline year) are named with who, when and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from samenwerkingsmonitor.analysis.signals import Signal, compute_signals
from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict, Finding
from samenwerkingsmonitor.domain.framework import Framework
from samenwerkingsmonitor.domain.judgements import (
    Judgement,
    JudgementTarget,
    criterion_key,
    current_judgements,
    finding_key,
)
from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.services.assessment.stored_run import find_run
from samenwerkingsmonitor.services.storage.ports import Repository, StoredMeasurement

COMPARED_FIELDS = ("verdict", "value", "scale_value", "target", "signal", "norm_kind",
                   "baseline_value", "baseline_status", "gap")


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str  # verdict, value, scale_value, target, signal, norm_kind, baseline_value,
    # baseline_status, gap, judgement
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class VersionChange:
    """A measurement whose version differs between the two runs' data."""

    subject: str
    indicator: str
    year: int
    kind: str
    before_version: int | None  # None: no value when run A was made
    after_version: int | None
    before: float | str | None
    after: float | str | None
    user: str
    created: datetime | None
    reason: str
    file_name: str


@dataclass(frozen=True, slots=True)
class FindingChange:
    key: str
    subject: str
    indicator: str
    year: int
    norm: str | None
    changes: tuple[FieldChange, ...]
    causes: tuple[VersionChange, ...] = ()


@dataclass(frozen=True, slots=True)
class CriterionChange:
    key: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Comparison:
    run_a: AssessmentRun
    run_b: AssessmentRun
    common_subjects: tuple[str, ...]
    only_a: tuple[str, ...]  # subjects only run A assessed
    only_b: tuple[str, ...]
    compared: int  # findings present in both runs
    changed: tuple[FindingChange, ...]
    criteria: tuple[CriterionChange, ...]
    findings_only_a: tuple[str, ...] = ()  # keys of common subjects' findings only in A
    findings_only_b: tuple[str, ...] = ()
    versions: tuple[VersionChange, ...] = field(default_factory=tuple)  # all of them
    labels: dict[str, str] = field(default_factory=dict)  # finding key → readable name

    @property
    def better(self) -> int:
        return sum(1 for c in self.changed if _direction(c) > 0)

    @property
    def worse(self) -> int:
        return sum(1 for c in self.changed if _direction(c) < 0)


_RANK = {"voldoet": 2, "voldoet_deels": 1, "voldoet_niet": 0}


def _direction(change: FindingChange) -> int:
    for item in change.changes:
        if item.field == "verdict" and item.before in _RANK and item.after in _RANK:
            return _RANK[item.after] - _RANK[item.before]
    return 0


def _value(stored: StoredMeasurement) -> float | str | None:
    m = stored.measurement
    return m.scale_value if m.scale_value is not None else m.value


def version_changes(repo: Repository, run_a: AssessmentRun,
                    run_b: AssessmentRun) -> list[VersionChange]:
    before = {s.measurement.key: s for s in repo.current_measurements(run_a.data_batch)}
    after = {s.measurement.key: s for s in repo.current_measurements(run_b.data_batch)}
    changes = []
    for key in sorted(before.keys() | after.keys(), key=str):
        old, new = before.get(key), after.get(key)
        if old is not None and new is not None and old.version_id == new.version_id:
            continue
        shown = new or old
        assert shown is not None
        m = shown.measurement
        changes.append(VersionChange(
            m.subject, m.indicator, m.year, m.kind.value,
            old.version_id if old else None, new.version_id if new else None,
            _value(old) if old else None, _value(new) if new else None,
            shown.user, shown.created, shown.reason, shown.file_name))
    return changes


def _causes(finding: Finding, versions: Sequence[VersionChange]) -> tuple[VersionChange, ...]:
    feeds = {finding.indicator, *(name for name, _value in finding.inputs)}
    years = {finding.year, finding.baseline_year}
    return tuple(v for v in versions
                 if v.subject == finding.subject and v.indicator in feeds and v.year in years)


def _normal(value: Any) -> Any:
    return value.value if hasattr(value, "value") and not isinstance(value, float) else value


def compare_runs(repo: Repository, run_a_id: str, run_b_id: str) -> Comparison:
    run_a, run_b = find_run(repo, run_a_id), find_run(repo, run_b_id)
    common = tuple(sorted(set(run_a.subjects) & set(run_b.subjects)))
    findings_a = {_fkey(f): f for f in repo.findings(run_a.id) if f.subject in common}
    findings_b = {_fkey(f): f for f in repo.findings(run_b.id) if f.subject in common}
    judged_a = _judged(repo.judgements(run_a.id))
    judged_b = _judged(repo.judgements(run_b.id))
    versions = version_changes(repo, run_a, run_b)
    changed = []
    for key in sorted(findings_a.keys() & findings_b.keys()):
        a, b = findings_a[key], findings_b[key]
        changes = [FieldChange(name, _normal(getattr(a, name)), _normal(getattr(b, name)))
                   for name in COMPARED_FIELDS if getattr(a, name) != getattr(b, name)]
        if judged_a.get(key) != judged_b.get(key):
            changes.append(FieldChange("judgement", judged_a.get(key), judged_b.get(key)))
        if changes:
            changed.append(FindingChange(key, b.subject, b.indicator, b.year, b.norm,
                                         tuple(changes), _causes(b, versions)))
    criteria = _criterion_changes(repo.criterion_verdicts(run_a.id),
                                  repo.criterion_verdicts(run_b.id), common)
    return Comparison(
        run_a, run_b, common, tuple(sorted(set(run_a.subjects) - set(common))),
        tuple(sorted(set(run_b.subjects) - set(common))),
        len(findings_a.keys() & findings_b.keys()), tuple(changed), criteria,
        tuple(sorted(findings_a.keys() - findings_b.keys())),
        tuple(sorted(findings_b.keys() - findings_a.keys())), tuple(versions))


def _fkey(f: Finding) -> str:
    return finding_key(f.subject, f.indicator, f.year, f.norm)


def _judged(judgements: Sequence[Judgement]) -> dict[str, str]:
    """Per finding key: 'overschreven: voldoet_deels' etc., for the current judgement."""
    return {key: f"{j.action.value}: {j.verdict.value}"
            for (target, key), j in current_judgements(judgements).items()
            if target == JudgementTarget.FINDING.value}


def _criterion_changes(before: Sequence[CriterionVerdict], after: Sequence[CriterionVerdict],
                       common: Sequence[str]) -> tuple[CriterionChange, ...]:
    old = {criterion_key(v.subject, v.criterion, v.year): v.verdict.value for v in before
           if v.subject in common}
    new = {criterion_key(v.subject, v.criterion, v.year): v.verdict.value for v in after
           if v.subject in common}
    return tuple(CriterionChange(key, old[key], new[key])
                 for key in sorted(old.keys() & new.keys()) if old[key] != new[key])


def finding_labels(findings: Sequence[Finding], verdicts: Sequence[CriterionVerdict],
                   framework: Framework, organisation: Organisation) -> dict[str, str]:
    """'Communicatie – Klanttevredenheid 2020' per finding key and criterion key, for pages."""
    subjects = {sid: s.name for sid, s in organisation.subjects().items()}
    indicators = {i.id: i.name for i in framework.indicators}
    criteria = {c.id: c.name for c in framework.criteria}
    labels = {finding_key(f.subject, f.indicator, f.year, f.norm):
              f"{subjects.get(f.subject, f.subject)} – "
              f"{indicators.get(f.indicator, f.indicator)} {f.year}" for f in findings}
    labels.update({criterion_key(v.subject, v.criterion, v.year):
                   f"{subjects.get(v.subject, v.subject)} – "
                   f"{criteria.get(v.criterion, v.criterion)} {v.year}" for v in verdicts})
    return labels


def previous_comparable_run(repo: Repository, run: AssessmentRun) -> AssessmentRun | None:
    """The newest earlier run of the same framework and the same subjects; failing that, the
    newest earlier one that shares at least one subject (its overlap is compared)."""
    earlier = sorted((r for r in repo.runs() if _number(r.id) < _number(run.id)
                      and r.framework_id == run.framework_id
                      and set(r.subjects) & set(run.subjects)), key=lambda r: _number(r.id))
    same = [r for r in earlier if set(r.subjects) == set(run.subjects)]
    return (same or earlier or [None])[-1]


def _number(run_id: str) -> int:
    digits = run_id.rsplit("-", 1)[-1]
    return int(digits) if digits.isdigit() else 0


def run_signals(repo: Repository, run: AssessmentRun, framework: Framework,
                ) -> tuple[list[Signal], AssessmentRun | None]:
    """The run's signals, and the run its norm crossings were measured against."""
    previous = previous_comparable_run(repo, run)
    before = repo.findings(previous.id) if previous is not None else []
    return compute_signals(repo.findings(run.id), framework, run.last_year, before), previous
