"""Costs in the report: budget (begroting) against actual (realisatie) per year, in current
prices and in constant prices of the baseline year, and the split of a shared team's actual
costs between the partners by the verdeelsleutel of the organisation file.

Numbers are the stored measurements as they stood after the run's last batch; constant prices
use the price index series `cpi` of the organisation file, with the baseline year as base.
"""

from __future__ import annotations

from collections.abc import Sequence

from samenwerkingsmonitor.domain.assessment import AssessmentRun
from samenwerkingsmonitor.domain.measurements import MeasurementKind
from samenwerkingsmonitor.domain.organisation import (
    AllocationKey,
    Cooperation,
    Organisation,
    ReferenceSeries,
    Subject,
    SubjectKind,
)
from samenwerkingsmonitor.i18n import _, number
from samenwerkingsmonitor.services.assessment.explain import quantity
from samenwerkingsmonitor.services.report.model import CostBlock, CostRow, PartnerShare
from samenwerkingsmonitor.services.storage.ports import StoredMeasurement

PRICE_INDEX = "cpi"
COST_INDICATORS = {SubjectKind.TEAM: "lasten_eur", SubjectKind.MUNICIPALITY: "apparaatskosten_eur"}

Amounts = dict[tuple[int, str], float]  # (year, kind) → value


def _amounts(measurements: Sequence[StoredMeasurement], subject: str, indicator: str,
             last_year: int) -> Amounts:
    return {(s.measurement.year, s.measurement.kind.value): s.measurement.value
            for s in measurements
            if s.measurement.subject == subject and s.measurement.indicator == indicator
            and s.measurement.value is not None and s.measurement.year <= last_year}


def _constant(value: float | None, year: int, base: int,
              index: ReferenceSeries | None) -> float | None:
    if value is None or index is None:
        return None
    now, then = index.value_in(year), index.value_in(base)
    if not now or not then:
        return None
    return value * then / now


def _eur(value: float | None) -> str:
    return "–" if value is None else quantity(value, "eur", 0)


def _difference(budget: float | None, actual: float | None) -> str:
    """`+ € 5.597 (+0,6 %)`: actual minus budget, the sign in front."""
    if budget is None or actual is None:
        return "–"
    change = actual - budget
    sign = "+ " if change > 0 else "− " if change < 0 else ""
    text = sign + _eur(abs(change))
    if budget:
        text += " " + _("({sign}{percent} %)").format(
            sign=sign.strip(), percent=number(abs(change) / budget * 100, 1))
    return text


def cost_rows(amounts: Amounts, years: range, base: int,
              index: ReferenceSeries | None) -> tuple[CostRow, ...]:
    rows = []
    for year in years:  # the amended budget where given (as the budget norm judges), else the
        # primitive one; cost_blocks names the years with an amended budget
        budget = amounts.get((year, MeasurementKind.AMENDED_BUDGET.value),
                             amounts.get((year, MeasurementKind.BUDGET.value)))
        actual = amounts.get((year, MeasurementKind.ACTUAL.value))
        budget_c, actual_c = (_constant(budget, year, base, index),
                              _constant(actual, year, base, index))
        rows.append(CostRow(year, _eur(budget), _eur(actual), _difference(budget, actual),
                            _eur(budget_c), _eur(actual_c), budget, actual, budget_c, actual_c))
    return tuple(rows)


def allocation_key(cooperation: Cooperation, unit_slug: str, year: int) -> AllocationKey | None:
    """A key for the one team goes before the key of the whole cooperation."""
    keys = [k for k in cooperation.allocation_keys if k.year == year]
    return (next((k for k in keys if k.unit_slug == unit_slug), None)
            or next((k for k in keys if k.unit_slug is None), None))


def partner_shares(cooperation: Cooperation, unit_slug: str, rows: Sequence[CostRow],
                   names: dict[str, str]) -> tuple[PartnerShare, ...]:
    shares = []
    for row in rows:
        key = allocation_key(cooperation, unit_slug, row.year)
        if key is None:
            continue
        for code, share in key.shares:
            amount = None if row.actual_value is None else row.actual_value * share / 100
            shares.append(PartnerShare(row.year, names.get(code, code),
                                       f"{number(share, 1)} %", _eur(amount), key.basis,
                                       share, amount))
    return tuple(shares)


def cost_blocks(run: AssessmentRun, subjects: Sequence[Subject], organisation: Organisation,
                measurements: Sequence[StoredMeasurement],
                anchors: dict[str, str]) -> tuple[CostBlock, ...]:
    index = organisation.series(PRICE_INDEX)
    years = range(run.first_year, run.last_year + 1)
    names = {m.code: m.name for m in organisation.municipalities}
    blocks = []
    for subject in subjects:
        indicator = COST_INDICATORS.get(subject.kind)
        if indicator is None:
            continue
        amounts = _amounts(measurements, subject.id, indicator, run.last_year)
        if not amounts:
            continue
        rows = cost_rows(amounts, years, run.baseline_year, index)
        shares: tuple[PartnerShare, ...] = ()
        note = _price_note(index, run.baseline_year)
        amended = [year for year in years
                   if (year, MeasurementKind.AMENDED_BUDGET.value) in amounts]
        if amended:
            note += " " + _("Begroting in {years}: de begroting na wijziging.").format(
                years=", ".join(str(year) for year in amended))
        cooperation = organisation.cooperation_of_unit(subject.id)
        if cooperation is not None:
            shares = partner_shares(cooperation, subject.id.rsplit("/", 1)[-1], rows, names)
            if not shares:
                note += " " + _("Voor dit gedeelde team is geen verdeelsleutel vastgelegd.")
        label = _("Lasten van het team") if subject.kind is SubjectKind.TEAM \
            else _("Apparaatskosten")
        blocks.append(CostBlock(
            anchor=f"kosten-{anchors[subject.id]}", subject_id=subject.id, name=subject.name,
            indicator=label,
            caption=_("{indicator} van {subject}: begroting en realisatie per jaar").format(
                indicator=label, subject=subject.name),
            rows=rows, shares=shares, note=note))
    return tuple(blocks)


def _price_note(index: ReferenceSeries | None, base: int) -> str:
    if index is None or index.value_in(base) is None:
        return _("Constante prijzen ontbreken: het organisatiebestand bevat geen prijsindex "
                 "'cpi' voor {year}.").format(year=base)
    return _("Constante prijzen: prijsniveau van {year} (nulmeting), met {index}; bron: "
             "{source}.").format(year=base, index=index.name, source=index.source)


def costs_note() -> str:
    return _("Begroting tegenover realisatie per jaar, in lopende prijzen en in prijzen van het "
             "jaar van de nulmeting. Voor een gedeeld team staat eronder welk deel elke partner "
             "van de realisatie draagt volgens de verdeelsleutel.")
