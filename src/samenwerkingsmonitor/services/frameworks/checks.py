"""Content checks of a framework: references, formulas, roll-ups, the light check.

The file's structure and types are checked by the schema (adapters/frameworks/schema.py); these
checks see the domain values and report every problem at once, each with its key path and a
hint. Norms are checked in services/frameworks/norm_checks.py.
"""

from __future__ import annotations

from collections import Counter

from samenwerkingsmonitor.analysis.formula import parse, variables
from samenwerkingsmonitor.domain.framework import (
    SCALE_UNITS,
    UNITS,
    Criterion,
    Framework,
    Indicator,
    IndicatorKind,
    RollupRule,
)
from samenwerkingsmonitor.domain.validation import ValidationReport
from samenwerkingsmonitor.errors import FormulaError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.frameworks.locations import KeyRef, Locate, key_path_only
from samenwerkingsmonitor.services.frameworks.norm_checks import check_norms

LIGHT_CHECK_MAX_QUESTIONS = 5
NON_NUMERIC_UNITS = frozenset({"ja_nee"})


class _Checks:
    def __init__(self, framework: Framework, locate: Locate, unresolved: frozenset[str],
                 report: ValidationReport) -> None:
        self.fw = framework
        self.locate = locate
        self.unresolved = unresolved
        self.report = report
        self.criterion_ids = [c.id for c in framework.criteria]
        self.indicators = {i.id: i for i in framework.indicators}

    def add(self, ref: KeyRef, message: str, hint: str = "") -> None:
        self.report.add(self.locate(ref), message, hint)

    def known_criteria_hint(self) -> str:
        return _("Bekende criteria: {ids}.").format(ids=", ".join(self.criterion_ids))

    # --- top level ------------------------------------------------------------------------

    def period(self) -> None:
        if self.fw.first_year > self.fw.last_year:
            self.add(KeyRef("", None, ("period", "first")),
                     _("Het eerste jaar ({first}) ligt na het laatste jaar ({last}).").format(
                         first=self.fw.first_year, last=self.fw.last_year),
                     _("Verwissel first en last onder [period]."))

    def duplicates(self) -> None:
        sections = (("criteria", [c.id for c in self.fw.criteria]),
                    ("indicators", [i.id for i in self.fw.indicators]),
                    ("norms", [n.id for n in self.fw.norms]))
        for section, ids in sections:
            seen: Counter[str] = Counter()
            for ident in ids:
                seen[ident] += 1
                if seen[ident] == 2:
                    self.add(KeyRef(section, ident, ("id",), occurrence=2),
                             _("De id '{id}' komt vaker dan één keer voor in [[{section}]]."
                               ).format(id=ident, section=section),
                             _("Geef elk onderdeel een eigen id."))

    # --- criteria -------------------------------------------------------------------------

    def criteria(self) -> None:
        for criterion in self.fw.criteria:
            self.parent(criterion)
            self.has_content(criterion)
            self.rollup(criterion)

    def parent(self, criterion: Criterion) -> None:
        if criterion.parent is None or criterion.parent in self.unresolved:
            return
        if criterion.parent not in self.criterion_ids:
            self.add(KeyRef("criteria", criterion.id, ("parent",)),
                     _("Onbekend bovenliggend criterium '{id}'.").format(id=criterion.parent),
                     self.known_criteria_hint())
            return
        chain = [criterion.id]
        current = self.fw.criterion(criterion.parent)
        while current is not None and current.id not in chain:
            chain.append(current.id)
            current = self.fw.criterion(current.parent) if current.parent else None
        if current is not None and current.id == criterion.id:
            self.add(KeyRef("criteria", criterion.id, ("parent",)),
                     _("Criterium '{id}' valt via parent onder zichzelf: {chain}.").format(
                         id=criterion.id, chain=" → ".join([*chain, criterion.id])),
                     _("Verwijder parent bij één van deze criteria."))

    def has_content(self, criterion: Criterion) -> None:
        if self.fw.indicators_of(criterion.id) or self.fw.children_of(criterion.id):
            return
        if self.unresolved:  # an entry the schema refused may have belonged here
            return
        self.add(KeyRef("criteria", criterion.id),
                 _("Criterium '{id}' heeft geen indicatoren en geen subcriteria.").format(
                     id=criterion.id),
                 _("Koppel indicatoren met criterion = \"{id}\" of verwijder het criterium."
                   ).format(id=criterion.id))

    def rollup(self, criterion: Criterion) -> None:
        rows = criterion.rollup.decision_rows
        ref = KeyRef("criteria", criterion.id, ("rollup", "rows"))
        if criterion.rollup.rule is RollupRule.DECISION_TABLE and not rows:
            self.add(ref, _("Een beslistabel heeft rijen nodig."),
                     _("Voeg [[criteria.rollup.rows]] toe met when en verdict."))
        if rows and criterion.rollup.rule is not RollupRule.DECISION_TABLE:
            self.add(ref, _("Rijen horen alleen bij rule = \"beslistabel\"."),
                     _("Zet rule = \"beslistabel\" of verwijder de rijen."))
        members = [i.id for i in self.fw.indicators_of(criterion.id)]
        members += [c.id for c in self.fw.children_of(criterion.id)]
        for number, row in enumerate(rows, start=1):
            row_ref = KeyRef("criteria", criterion.id, ("rollup", "rows", number - 1))
            if not row.when:
                self.add(row_ref, _("Rij {n} van de beslistabel heeft geen voorwaarden.").format(
                    n=number), _("Noem in when minstens één indicator met zijn oordelen."))
            for name, _verdicts in row.when:
                if name in members or name in self.unresolved:
                    continue
                if name in self.indicators:
                    message = _("Rij {n} van de beslistabel noemt '{id}', maar die indicator "
                                "valt niet onder dit criterium.")
                else:
                    message = _("Rij {n} van de beslistabel noemt onbekende indicator '{id}'.")
                self.add(row_ref, message.format(n=number, id=name),
                         _("Noem alleen indicatoren of subcriteria van dit criterium: {ids}."
                           ).format(ids=", ".join(members) or "-"))

    # --- indicators -----------------------------------------------------------------------

    def indicator_fields(self) -> None:
        for indicator in self.fw.indicators:
            self.unit(indicator)
            self.criterion_ref(indicator)
            self.ranges(indicator)

    def unit(self, indicator: Indicator) -> None:
        if indicator.unit not in UNITS:
            self.add(KeyRef("indicators", indicator.id, ("unit",)),
                     _("Onbekende eenheid '{unit}'.").format(unit=indicator.unit),
                     _("Toegestaan: {units}.").format(units=", ".join(UNITS)))

    def criterion_ref(self, indicator: Indicator) -> None:
        target = indicator.criterion
        if target is None or target in self.criterion_ids or target in self.unresolved:
            return
        self.add(KeyRef("indicators", indicator.id, ("criterion",)),
                 _("Onbekend criterium '{id}'.").format(id=target), self.known_criteria_hint())

    def ranges(self, indicator: Indicator) -> None:
        ref = KeyRef("indicators", indicator.id)
        low, high = indicator.minimum, indicator.maximum
        if low is not None and high is not None and low > high:
            self.add(KeyRef("indicators", indicator.id, ("min",)),
                     _("min ({low:g}) is groter dan max ({high:g}).").format(low=low, high=high),
                     _("Verwissel min en max."))
        if indicator.weight <= 0:
            self.add(KeyRef("indicators", indicator.id, ("weight",)),
                     _("Het gewicht moet groter zijn dan 0, niet {w:g}.").format(
                         w=indicator.weight),
                     _("Een indicator die niet mag meetellen, hoort niet onder het criterium."))
        for key, values in (("applies_to", indicator.applies_to), ("area", indicator.area),
                            ("levels", indicator.levels)):
            if not values:
                self.add(KeyRef(ref.section, ref.item, (key,)),
                         _("'{key}' mag niet leeg zijn.").format(key=key),
                         _("Noem minstens één waarde."))

    # --- formulas -------------------------------------------------------------------------

    def formulas(self) -> dict[str, frozenset[str]]:
        """Check every formula; return the ids each readable formula uses."""
        uses: dict[str, frozenset[str]] = {}
        for indicator in self.fw.indicators:
            ref = KeyRef("indicators", indicator.id, ("formula",))
            if indicator.kind is IndicatorKind.DERIVED and not indicator.formula:
                self.add(ref, _("Een afgeleide indicator heeft een formule nodig."),
                         _("Voeg formula = \"...\" toe of maak kind = \"invoer\"."))
            if indicator.kind is IndicatorKind.INPUT and indicator.formula:
                self.add(ref, _("Een invoerindicator heeft geen formule."),
                         _("Maak kind = \"afgeleid\" of verwijder formula."))
            if indicator.kind is not IndicatorKind.DERIVED or not indicator.formula:
                continue
            try:
                names = variables(parse(indicator.formula))
            except FormulaError as error:
                self.add(ref, _("Formule niet toegestaan: {reason}").format(reason=error.message),
                         _("Een formule bevat alleen getallen, invoer-id's, + - * / en haakjes."))
                continue
            uses[indicator.id] = names
            for name in sorted(names):
                self.formula_input(indicator, name, ref)
        self.cycles(uses)
        return uses

    def formula_input(self, indicator: Indicator, name: str, ref: KeyRef) -> None:
        used = self.indicators.get(name)
        if used is None:
            if name in self.unresolved:
                return
            if name in self.criterion_ids or name in {n.id for n in self.fw.norms}:
                self.add(ref, _("De formule gebruikt '{name}', maar dat is geen indicator."
                                ).format(name=name),
                         _("Een formule rekent alleen met indicatoren."))
                return
            self.add(ref, _("De formule gebruikt onbekende invoer '{name}'.").format(name=name),
                     _("Voeg een indicator met id '{name}' en kind = \"invoer\" toe, of verbeter "
                       "de naam.").format(name=name))
            return
        if used.unit in NON_NUMERIC_UNITS:
            self.add(ref, _("De formule rekent met '{name}', maar die heeft eenheid '{unit}' en "
                            "is geen getal.").format(name=name, unit=used.unit),
                     _("Gebruik alleen indicatoren met een getalseenheid."))
        for kind in indicator.applies_to:
            if kind not in used.applies_to:
                self.add(ref, _("De formule gebruikt '{name}', maar die geldt niet voor "
                                "'{kind}'.").format(name=name, kind=kind.value),
                         _("Voeg '{kind}' toe aan applies_to van '{name}'.").format(
                             kind=kind.value, name=name))

    def cycles(self, uses: dict[str, frozenset[str]]) -> None:
        reported: set[frozenset[str]] = set()
        for start in uses:
            cycle = _cycle_from(start, uses)
            if cycle is None or frozenset(cycle) in reported:
                continue
            reported.add(frozenset(cycle))
            self.add(KeyRef("indicators", start, ("formula",)),
                     _("De afgeleide indicatoren verwijzen in een kring naar elkaar: {cycle}."
                       ).format(cycle=" → ".join([*cycle, cycle[0]])),
                     _("Laat minstens één van deze formules alleen invoer gebruiken."))

    # --- light check ----------------------------------------------------------------------

    def light_check(self) -> None:
        light = [c for c in self.fw.criteria if c.light_check]
        questions = [i for c in light for i in self.fw.indicators_of(c.id)]
        for criterion in light:
            if 1 not in criterion.levels:
                self.add(KeyRef("criteria", criterion.id, ("levels",)),
                         _("Een criterium van de lichte toets hoort bij niveau 1."),
                         _("Zet levels = [1]."))
        for question in questions:
            if question.unit != "ja_nee":
                self.add(KeyRef("indicators", question.id, ("unit",)),
                         _("Vraag '{id}' van de lichte toets heeft eenheid '{unit}'; de lichte "
                           "toets stelt alleen ja/nee-vragen.").format(
                             id=question.id, unit=question.unit),
                         _("Gebruik unit = \"ja_nee\"."))
        if len(questions) > LIGHT_CHECK_MAX_QUESTIONS:
            self.add(KeyRef("criteria", light[0].id),
                     _("De lichte toets telt {n} vragen; het maximum is {max}.").format(
                         n=len(questions), max=LIGHT_CHECK_MAX_QUESTIONS),
                     _("Houd de lichte toets licht: schrap of combineer vragen."))


def _cycle_from(start: str, uses: dict[str, frozenset[str]]) -> list[str] | None:
    """The cycle through `start` among derived indicators, in file order, or None."""
    path: list[str] = []
    dead: set[str] = set()  # nodes from which `start` cannot be reached

    def visit(node: str) -> list[str] | None:
        if node == start and path:
            return list(path)
        if node in path or node in dead or node not in uses:
            return None
        path.append(node)
        for following in sorted(uses[node]):
            found = visit(following)
            if found is not None:
                return found
        path.pop()
        dead.add(node)
        return None

    return visit(start)


def check_framework(framework: Framework, locate: Locate | None = None,
                    unresolved: frozenset[str] = frozenset()) -> ValidationReport:
    """Every content problem of `framework`, located through `locate`.

    `unresolved` holds ids of entries the schema already refused; references to them are not
    reported a second time.
    """
    report = ValidationReport()
    checks = _Checks(framework, locate or key_path_only(framework.id), unresolved, report)
    checks.period()
    checks.duplicates()
    checks.criteria()
    checks.indicator_fields()
    checks.formulas()
    checks.light_check()
    check_norms(framework, checks.locate, unresolved, report)
    return report


__all__ = ["LIGHT_CHECK_MAX_QUESTIONS", "SCALE_UNITS", "check_framework"]
