"""Use cases of frameworks: load a bundled framework or a file, validate it, count its burden.

Files are read through the FrameworkFiles port; adapters/frameworks/file.py implements it for
TOML (TomlFrameworkFiles). Content checks live in services/frameworks/checks.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from samenwerkingsmonitor.analysis.formula import parse, variables
from samenwerkingsmonitor.domain.framework import Framework, Indicator, IndicatorKind, SourceType
from samenwerkingsmonitor.domain.organisation import SubjectKind
from samenwerkingsmonitor.domain.validation import ValidationReport
from samenwerkingsmonitor.errors import FormulaError, FrameworkInvalid, refusal
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.frameworks import DEFAULT_FRAMEWORK
from samenwerkingsmonitor.services.frameworks.checks import check_framework
from samenwerkingsmonitor.services.frameworks.locations import KeyRef, key_path_only
from samenwerkingsmonitor.services.frameworks.ports import FrameworkFiles, ParsedFramework


def validate_parsed(parsed: ParsedFramework) -> Framework:
    """The framework if it has no problem at all; else FrameworkInvalid listing every problem."""
    report = ValidationReport()
    report.extend(parsed.report)
    if parsed.framework is not None:
        report.extend(check_framework(parsed.framework, parsed.locate, parsed.unresolved))
    if parsed.framework is None or not report.ok:
        raise refusal(FrameworkInvalid, report,
                      _("Het toetsingskader in {name} is niet geldig: 1 probleem."),
                      _("Het toetsingskader in {name} is niet geldig: {count} problemen."),
                      name=parsed.name)
    return parsed.framework


def load_framework(reference: str, files: FrameworkFiles) -> Framework:
    """A valid framework from a bundled id (e.g. 'standaardkader') or a file path."""
    return validate_parsed(files.read(reference))


def validate_framework(framework: Framework) -> ValidationReport:
    """Content problems of a framework that did not come from a file (key paths only)."""
    return check_framework(framework, key_path_only(framework.id))


# --- data burden ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SubjectBurden:
    """What a framework asks per subject of one kind per year."""

    subject_kind: SubjectKind
    inputs: tuple[str, ...]  # input ids to supply, each once
    pc_source: tuple[str, ...] = ()  # of which published in begroting/jaarrekening
    assessed: tuple[str, ...] = ()  # of which judged by a person (assessor, interviews)
    derived: tuple[str, ...] = field(default=())  # computed from the inputs, not asked

    @property
    def values(self) -> int:
        return len(self.inputs)


def _formula_inputs(indicator: Indicator) -> frozenset[str]:
    try:
        return variables(parse(indicator.formula or ""))
    except FormulaError:
        return frozenset()


def _inputs_behind(indicator: Indicator, framework: Framework, seen: set[str]) -> set[str]:
    """The input ids a derived indicator needs, through derived ones in between."""
    found: set[str] = set()
    for name in _formula_inputs(indicator):
        used = framework.indicator(name)
        if used is None or name in seen:
            continue
        seen.add(name)
        if used.kind is IndicatorKind.INPUT:
            found.add(name)
        else:
            found |= _inputs_behind(used, framework, seen)
    return found


@dataclass(frozen=True, slots=True)
class PublishedShare:
    """How many of the yearly inputs of a municipality and a cooperation together come from
    published data (issue 14: at least 40 % for the standaardkader)."""

    published: int
    inputs: int

    @property
    def percent(self) -> float:
        return 100.0 * self.published / self.inputs if self.inputs else 0.0


def published_share(framework: Framework) -> PublishedShare:
    burdens = [b for b in data_burden(framework)
               if b.subject_kind in (SubjectKind.MUNICIPALITY, SubjectKind.COOPERATION)]
    return PublishedShare(sum(len(b.pc_source) for b in burdens),
                          sum(b.values for b in burdens))


def data_burden(framework: Framework) -> tuple[SubjectBurden, ...]:
    """Per subject kind: the values asked per subject per year, and how many come from P&C."""
    burdens = []
    for kind in SubjectKind:
        applying = [i for i in framework.indicators if kind in i.applies_to]
        asked = {i.id for i in applying
                 if i.kind is IndicatorKind.INPUT and i.source_type is not SourceType.COMPUTED}
        for indicator in applying:
            if indicator.kind is IndicatorKind.DERIVED:
                asked |= _inputs_behind(indicator, framework, set())
        inputs = tuple(i for i in framework.indicators if i.id in asked)
        burdens.append(SubjectBurden(
            subject_kind=kind,
            inputs=tuple(i.id for i in inputs),
            # Published figures are published per municipality (begroting, jaarrekening, CBS)
            # or per cooperation (the text of the regeling, council decisions), so a team's
            # share of the same input is still asked of the team.
            pc_source=tuple(i.id for i in inputs
                            if i.pc_source and kind is not SubjectKind.TEAM),
            assessed=tuple(i.id for i in inputs if i.source_type is SourceType.ASSESSED),
            derived=tuple(i.id for i in applying if i.kind is IndicatorKind.DERIVED),
        ))
    return tuple(burdens)


# --- a plain description, for --format json and the web app --------------------------------

def _bound(bound: Any) -> Any:
    return None if bound is None else {"value": bound.value, "inclusive": bound.inclusive}


def describe_framework(framework: Framework) -> dict[str, Any]:
    """The criterion tree and the data burden as plain data (JSON-ready)."""

    def norm(n: Any) -> dict[str, Any]:
        return {
            "id": n.id, "kind": n.kind.value, "target": _bound(n.target),
            "signal": _bound(n.signal), "band_low": _bound(n.band_low),
            "band_high": _bound(n.band_high), "signal_low": _bound(n.signal_low),
            "signal_high": _bound(n.signal_high), "price_index": n.price_index,
            "peer_group": n.peer_group, "peer_rule": n.peer_rule, "years": n.years,
            "scale": {k: v.value for k, v in n.scale},
            "source": {"kind": n.source.kind.value, "reference": n.source.reference},
            "owner": n.source.owner, "example": n.source.example,
        }

    def indicator(i: Indicator) -> dict[str, Any]:
        return {
            "id": i.id, "name": i.name, "unit": i.unit, "kind": i.kind.value,
            "direction": i.direction.value, "formula": i.formula,
            "applies_to": [k.value for k in i.applies_to], "pc_source": i.pc_source,
            "norms": [norm(n) for n in framework.norms_for(i.id)],
        }

    def criterion(c_id: str) -> dict[str, Any]:
        c = framework.criterion(c_id)
        assert c is not None
        return {
            "id": c.id, "name": c.name, "area": [a.value for a in c.area],
            "levels": list(c.levels), "rollup": c.rollup.rule.value,
            "light_check": c.light_check,
            "indicators": [indicator(i) for i in framework.indicators_of(c.id)],
            "criteria": [criterion(child.id) for child in framework.children_of(c.id)],
        }

    share = published_share(framework)
    return {
        "id": framework.id, "version": framework.version, "title": framework.title,
        "status": framework.adoption.status.value, "source": framework.source,
        "period": {"first": framework.first_year, "last": framework.last_year},
        "criteria": [criterion(c.id) for c in framework.criteria if c.parent is None],
        "data_burden": {
            b.subject_kind.value: {"values": b.values, "pc_source": len(b.pc_source),
                                   "assessed": len(b.assessed), "inputs": list(b.inputs)}
            for b in data_burden(framework)
        },
        "published_share": {"published": share.published, "inputs": share.inputs,
                            "percent": round(share.percent, 1)},
    }


__all__ = [
    "DEFAULT_FRAMEWORK", "FrameworkFiles", "KeyRef", "ParsedFramework", "SubjectBurden",
    "PublishedShare", "data_burden", "describe_framework", "load_framework",
    "published_share", "validate_framework",
    "validate_parsed",
]
