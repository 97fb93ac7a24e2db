"""What goes into a template to fill in: the expected rows, the lists and the explanation.

Built from a framework, the registered organisation, the chosen subjects and a year range
(docs/adr/0012-templates.md). The writers (adapters/workbooks/xlsx.py, ods.py) only
render this model, so XLSX and ODS carry the same rows, dropdowns and Dutch explanation.

A template asks for the **inputs** a controller supplies: every input indicator that applies to
a subject (its kind, area and level, as the engine decides), plus the inputs behind each derived
indicator that applies. Derived indicators are computed, so they get no row, unless
`with_derived` asks for rows for the published ones (`pc_source`, the BBV indicators): a value
from the begroting may then be entered under the derived id and is not recomputed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from samenwerkingsmonitor.analysis.formula import parse, variables
from samenwerkingsmonitor.domain.framework import (
    SCALE_UNITS,
    Framework,
    Indicator,
    IndicatorKind,
    SourceType,
)
from samenwerkingsmonitor.domain.measurements import MeasurementKind, MeasurementStatus
from samenwerkingsmonitor.domain.organisation import Organisation, Subject, SubjectKind
from samenwerkingsmonitor.errors import FormulaError, UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.frameworks.load import data_burden
from samenwerkingsmonitor.services.measurements.columns import COLUMNS

SHEET_MEASUREMENTS = "Metingen"
SHEET_GUIDE = "Toelichting"
SHEET_LISTS = "Lijsten"
HEADERS: tuple[str, ...] = tuple(c.name for c in COLUMNS)
"""The Dutch headers of the long format, exactly as the import reads them."""
PREFILLED: tuple[str, ...] = ("onderwerp", "indicator", "jaar", "soort", "eenheid")
TO_FILL: tuple[str, ...] = ("waarde", "bron")
YES_NO: tuple[str, ...] = ("ja", "nee")
EXTRA_ROWS = 200  # empty rows below the expected ones that keep the dropdowns, for additions


@dataclass(frozen=True, slots=True)
class TemplateRow:
    """One expected value: subject × indicator × year × soort, with the unit it must have."""

    subject: str
    indicator: str
    year: int
    kind: MeasurementKind
    unit: str
    scale: tuple[str, ...] = ()  # the allowed values of a scale indicator, else ()
    derived: bool = False  # a published value under a derived id; optional to fill


@dataclass(frozen=True, slots=True)
class IndicatorGuide:
    """The Dutch explanation of one indicator on the sheet Toelichting."""

    id: str
    name: str
    kind: str  # "invoer" or "afgeleid", as a Dutch label
    unit: str
    unit_text: str
    definition: str
    source_hint: str
    minimum: float | None
    maximum: float | None
    scale: tuple[str, ...]
    how: str  # how to fill it in: a number, a scale value, or that it is computed
    criterion: str
    subject_kinds: str
    pc_source: bool
    assessed: bool
    decimals: int


@dataclass(frozen=True, slots=True)
class BurdenLine:
    """The data burden for one kind of subject: per subject per year, and in this template."""

    subject_kind: str
    subjects: int
    per_subject_year: int  # values asked of one such subject in one year (at most)
    pc_source: int  # of which published in begroting or jaarrekening
    assessed: int  # of which judged by a person
    framework_values: int  # inputs the whole framework asks of such a subject per year
    rows: int  # rows of this kind of subject in this template


@dataclass(frozen=True, slots=True)
class TemplateModel:
    framework_id: str
    framework_version: str
    framework_title: str
    organisation_title: str
    fictitious: bool
    first_year: int
    last_year: int
    kinds: tuple[MeasurementKind, ...]
    subjects: tuple[Subject, ...]
    rows: tuple[TemplateRow, ...]
    guides: tuple[IndicatorGuide, ...]
    burden: tuple[BurdenLine, ...]
    vulnerability: bool = False  # also the sheets Taken, Medewerkers, Competenties
    teams: tuple[str, ...] = ()  # the municipal teams those sheets accept, for a dropdown

    @property
    def lists(self) -> dict[str, tuple[str, ...]]:
        """The dropdown lists by column header, in the order of the hidden sheet Lijsten."""
        return {
            "onderwerp": tuple(s.id for s in self.subjects),
            "indicator": tuple(g.id for g in self.guides),
            "soort": tuple(k.value for k in MeasurementKind),
            "status": tuple(s.value for s in MeasurementStatus),
            "vergelijkbaar": YES_NO,
        }

    def guide(self, indicator_id: str) -> IndicatorGuide:
        return next(g for g in self.guides if g.id == indicator_id)


def applies_to_subject(indicator: Indicator, subject: Subject) -> bool:
    """The engine's rule (analysis/assessment_grid.py): kind, area and level must fit."""
    return (subject.kind in indicator.applies_to
            and (subject.area is None or subject.area in indicator.area)
            and (subject.level is None or subject.level in indicator.levels))


def inputs_behind(indicator: Indicator, framework: Framework) -> set[str]:
    """The input ids a derived indicator needs, through derived ones in between."""
    found: set[str] = set()
    pending, seen = [indicator], {indicator.id}
    while pending:
        current = pending.pop()
        try:
            names = variables(parse(current.formula or ""))
        except FormulaError:
            continue
        for name in names - seen:
            seen.add(name)
            used = framework.indicator(name)
            if used is None:
                continue
            if used.kind is IndicatorKind.INPUT:
                found.add(name)
            else:
                pending.append(used)
    return found


def asked_indicators(framework: Framework, subject: Subject,
                     with_derived: bool = False) -> tuple[Indicator, ...]:
    """The indicators a template asks of one subject, in framework order."""
    applying = [i for i in framework.indicators if applies_to_subject(i, subject)]
    asked = {i.id for i in applying
             if i.kind is IndicatorKind.INPUT and i.source_type is not SourceType.COMPUTED}
    for indicator in applying:
        if indicator.kind is IndicatorKind.DERIVED:
            asked |= inputs_behind(indicator, framework)
            if with_derived and indicator.pc_source:
                asked.add(indicator.id)
    # The import accepts an input only for the subject kinds it names.
    return tuple(i for i in framework.indicators
                 if i.id in asked and subject.kind in i.applies_to)


def norm_kinds(framework: Framework) -> dict[str, set[MeasurementKind]]:
    """The soorten the norms judge, per indicator and per input behind a derived one."""
    kinds: dict[str, set[MeasurementKind]] = {}
    for norm in framework.norms:
        kind = MeasurementKind(norm.measurement_kind)
        indicator = framework.indicator(norm.indicator)
        if indicator is None:
            continue
        for name in {indicator.id} | inputs_behind(indicator, framework):
            kinds.setdefault(name, set()).add(kind)
    return kinds


def _check_years(framework: Framework, first_year: int, last_year: int) -> None:
    if first_year > last_year:
        raise UsageError(_("Het eerste jaar ({first}) ligt na het laatste ({last}).").format(
            first=first_year, last=last_year))
    if first_year < framework.first_year or last_year > framework.last_year:
        raise UsageError(_("De jaren moeten binnen de periode van het kader liggen: "
                           "{first}-{last}.").format(first=framework.first_year,
                                                     last=framework.last_year))


def expected_rows(framework: Framework, subjects: Iterable[Subject], first_year: int,
                  last_year: int, kinds: tuple[MeasurementKind, ...],
                  with_derived: bool = False) -> tuple[TemplateRow, ...]:
    """Subject × year × soort × indicator, only in years the subject exists.

    Ordered so that one document (a jaarrekening of one year) is copied from top to bottom.
    """
    by_norm = norm_kinds(framework)
    rows: list[TemplateRow] = []
    for subject in subjects:
        indicators = asked_indicators(framework, subject, with_derived)
        for year in range(first_year, last_year + 1):
            if not subject.validity.covers(year):
                continue
            for kind in MeasurementKind:
                for indicator in indicators:
                    wanted = set(kinds) | by_norm.get(indicator.id, set())
                    if kind in wanted:
                        rows.append(TemplateRow(
                            subject.id, indicator.id, year, kind, indicator.unit,
                            SCALE_UNITS.get(indicator.unit, ()),
                            indicator.kind is IndicatorKind.DERIVED))
    return tuple(rows)


def build_template(framework: Framework, organisation: Organisation,
                   subjects: tuple[Subject, ...], first_year: int, last_year: int,
                   kinds: tuple[MeasurementKind, ...] = (MeasurementKind.ACTUAL,),
                   with_derived: bool = False, vulnerability: bool = False) -> TemplateModel:
    """The whole template; UsageError for years outside the framework or no subject."""
    _check_years(framework, first_year, last_year)
    if not subjects:
        raise UsageError(_("Kies ten minste één onderwerp met --subjects."))
    rows = expected_rows(framework, subjects, first_year, last_year, kinds, with_derived)
    if not rows:
        raise UsageError(_("Het kader vraagt geen waarden van deze onderwerpen in "
                           "{first}-{last}.").format(first=first_year, last=last_year))
    listed = {i.id for s in subjects for i in framework.indicators if applies_to_subject(i, s)}
    listed |= {r.indicator for r in rows}
    guides = tuple(indicator_guide(i, framework) for i in framework.indicators
                   if i.id in listed)
    return TemplateModel(
        framework_id=framework.id, framework_version=framework.version,
        framework_title=framework.title, organisation_title=organisation.title,
        fictitious=organisation.fictitious, first_year=first_year, last_year=last_year,
        kinds=kinds, subjects=subjects, rows=rows, guides=guides,
        burden=burden_lines(framework, subjects, rows), vulnerability=vulnerability,
        teams=municipal_teams(organisation, subjects) if vulnerability else (),
    )


def municipal_teams(organisation: Organisation, subjects: tuple[Subject, ...]) -> tuple[str, ...]:
    """The teams among `subjects`, a shared team as the municipal teams it unites: the
    vulnerability import wants the team of the municipality (services/vulnerability/cells.py)."""
    shared = {u.id: u.members for c in organisation.cooperations for u in c.shared_units}
    teams = [t for s in subjects if s.kind is SubjectKind.TEAM
             for t in shared.get(s.id) or (s.id,)]
    return tuple(dict.fromkeys(teams))


def burden_lines(framework: Framework, subjects: tuple[Subject, ...],
                 rows: tuple[TemplateRow, ...]) -> tuple[BurdenLine, ...]:
    """Per kind of subject: what the busiest subject-year of this template asks, and what the
    framework as a whole asks (services/frameworks.data_burden)."""
    kind_of = {s.id: s.kind for s in subjects}
    asked: dict[tuple[str, int], list[str]] = {}
    for row in rows:
        asked.setdefault((row.subject, row.year), []).append(row.indicator)
    lines = []
    for burden in data_burden(framework):
        mine = [ids for (subject, _year), ids in asked.items()
                if kind_of[subject] is burden.subject_kind]
        if not mine:
            continue
        busiest = max(mine, key=len)
        lines.append(BurdenLine(
            subject_kind=subject_kind_plural(burden.subject_kind),
            subjects=sum(1 for s in subjects if s.kind is burden.subject_kind),
            per_subject_year=len(busiest),
            pc_source=sum(1 for i in busiest if i in burden.pc_source),
            assessed=sum(1 for i in busiest if i in burden.assessed),
            framework_values=burden.values,
            rows=sum(len(ids) for ids in mine)))
    return tuple(lines)


def subject_kind_plural(kind: SubjectKind) -> str:
    names = {SubjectKind.MUNICIPALITY: _("gemeenten"), SubjectKind.TEAM: _("teams"),
             SubjectKind.COOPERATION: _("samenwerkingen")}
    return names[kind]


def unit_text(unit: str) -> str:
    """The unit in words, with what a person must type."""
    texts = {
        "aantal": _("aantal"),
        "fte": _("fte (voltijdbanen)"),
        "eur": _("euro, zonder €-teken"),
        "pct": _("procent: 12,5 betekent 12,5 % (niet 0,125)"),
        "fte_per_1000": _("fte per 1.000 inwoners"),
        "eur_per_inwoner": _("euro per inwoner"),
        "score_1_5": _("score van 1 tot en met 5"),
        "score_1_10": _("cijfer van 1 tot en met 10"),
        "ja_nee": _("ja of nee"),
        "dagen": _("dagen"),
        "uren": _("uren"),
        "index": _("indexcijfer"),
        "jaren": _("jaren"),
    }
    return texts.get(unit, unit)


def _how(indicator: Indicator) -> str:
    if indicator.kind is IndicatorKind.DERIVED:
        return _("Berekend uit {formula}; vul alleen een gepubliceerde waarde in (bijvoorbeeld "
                 "uit de begroting), die dan niet opnieuw wordt berekend.").format(
                     formula=indicator.formula or "")
    if indicator.is_scale:
        return _("Kies uit de keuzelijst: {values}.").format(
            values=", ".join(SCALE_UNITS[indicator.unit]))
    return _("Vul een getal in; eenheid: {unit}.").format(unit=unit_text(indicator.unit))


def indicator_guide(indicator: Indicator, framework: Framework) -> IndicatorGuide:
    criterion = framework.criterion(indicator.criterion) if indicator.criterion else None
    return IndicatorGuide(
        id=indicator.id, name=indicator.name,
        kind=_("afgeleid") if indicator.kind is IndicatorKind.DERIVED else _("invoer"),
        unit=indicator.unit, unit_text=unit_text(indicator.unit),
        definition=indicator.definition, source_hint=indicator.source_hint,
        minimum=indicator.minimum, maximum=indicator.maximum,
        scale=SCALE_UNITS.get(indicator.unit, ()), how=_how(indicator),
        criterion=criterion.name if criterion else _("(bouwsteen van een afgeleide indicator)"),
        subject_kinds=", ".join(subject_kind_plural(k) for k in indicator.applies_to),
        pc_source=indicator.pc_source,
        assessed=indicator.source_type is SourceType.ASSESSED,
        decimals=indicator.decimals,
    )



__all__ = [
    "EXTRA_ROWS", "HEADERS", "PREFILLED", "SHEET_GUIDE", "SHEET_LISTS", "SHEET_MEASUREMENTS",
    "TO_FILL", "YES_NO", "BurdenLine", "IndicatorGuide", "TemplateModel", "TemplateRow",
    "applies_to_subject", "asked_indicators", "build_template", "expected_rows",
    "indicator_guide", "inputs_behind", "municipal_teams", "norm_kinds", "unit_text",
]
