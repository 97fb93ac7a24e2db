"""Apply one norm to all grid rows that carry it, with the vectorised kernels of norms.py.

Each function takes the rows of one norm (a polars frame with value, baseline and year columns)
and returns a `Judged` of the same length plus per-row detail facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl

from samenwerkingsmonitor.analysis.norm_codes import (
    NOT_ASSESSABLE,
    FloatArray,
    Judged,
    gap_code,
    judged,
)
from samenwerkingsmonitor.analysis.norms import (
    judge_absolute_values,
    judge_baseline_values,
    judge_budget_values,
    judge_peer_values,
    judge_qualitative_values,
    judge_trend_windows,
    peer_matrix,
    peer_thresholds_for,
)
from samenwerkingsmonitor.domain.assessment import DetailKey, Gap
from samenwerkingsmonitor.domain.framework import Indicator, Norm, NormKind
from samenwerkingsmonitor.domain.measurements import MeasurementKind
from samenwerkingsmonitor.domain.organisation import PeerGroup
from samenwerkingsmonitor.domain.size_classes import SIZE_CLASS_RULE, size_class, size_class_label

INHABITANTS = "inwoners"  # the input the size class is read from (DESIGN.md 4.1)


@dataclass(frozen=True, slots=True)
class NormContext:
    """What norms need beyond the rows themselves."""

    values: pl.DataFrame  # all indicator values (analysis/indicator_values.py)
    baseline_year: int
    peer_groups: tuple[PeerGroup, ...] = ()
    series: dict[str, dict[int, float]] = field(default_factory=dict)


def _floats(column: pl.Series) -> FloatArray:
    return column.cast(pl.Float64).fill_null(np.nan).to_numpy().astype(np.float64)


def not_judged(size: int, gap: Gap) -> Judged:
    nan = np.full(size, np.nan)
    return judged(np.full(size, NOT_ASSESSABLE, dtype=np.int8),
                  np.full(size, gap_code(gap), dtype=np.int8), nan, nan.copy(), nan.copy(),
                  nan.copy())


def apply_norm(rows: pl.DataFrame, norm: Norm, indicator: Indicator,
               context: NormContext) -> tuple[Judged, list[list[dict[str, str]]]]:
    """Judge `rows` (all carrying `norm`); returns the result and per-row detail facts."""
    empty_detail: list[list[dict[str, str]]] = [[] for _ in range(rows.height)]
    values = _floats(rows["value"])
    if norm.kind is NormKind.ABSOLUTE:
        return judge_absolute_values(values, norm, indicator.direction), empty_detail
    if norm.kind is NormKind.QUALITATIVE:
        scale = np.array(rows["scale_value"].to_list(), dtype=object)
        return judge_qualitative_values(scale, norm), empty_detail
    if norm.kind is NormKind.BASELINE:
        return _apply_baseline(rows, values, norm, indicator, context)
    if norm.kind is NormKind.TREND:
        return _apply_trend(rows, norm, indicator, context), empty_detail
    if norm.kind is NormKind.BUDGET:
        return _apply_budget(rows, values, norm, indicator, context)
    return _apply_peer(rows, values, norm, indicator, context)


def _apply_baseline(rows: pl.DataFrame, values: FloatArray, norm: Norm, indicator: Indicator,
                    context: NormContext) -> tuple[Judged, list[list[dict[str, str]]]]:
    years = rows["year"].to_numpy()
    index_year = index_baseline = None
    detail: list[list[dict[str, str]]] = [[] for _ in range(rows.height)]
    if norm.price_index:
        series = context.series.get(norm.price_index, {})
        index_year = _floats(rows["year"].replace_strict(series, default=None,
                                                         return_dtype=pl.Float64))
        index_baseline = np.full(rows.height, series.get(context.baseline_year, np.nan))
        fact = {"key": DetailKey.PRICE_INDEX.value, "value": norm.price_index}
        detail = [[fact] for _ in range(rows.height)]
    result = judge_baseline_values(values, _floats(rows["baseline_value"]), norm,
                                   indicator.direction, years, context.baseline_year,
                                   index_year, index_baseline)
    return result, detail


def _apply_budget(rows: pl.DataFrame, values: FloatArray, norm: Norm, indicator: Indicator,
                  context: NormContext) -> tuple[Judged, list[list[dict[str, str]]]]:
    """The begroting of the same subject, indicator and year beside each realisatie: the
    amended budget (begroting na wijziging) when given, else the primitive one; with both, the
    primitive one is kept as a detail fact so the explanation names both deviations."""
    joined = rows.select("subject", "year")
    for kind, name in ((MeasurementKind.BUDGET, "primitive"),
                       (MeasurementKind.AMENDED_BUDGET, "amended")):
        budget = context.values.filter(
            (pl.col("indicator") == norm.indicator) & (pl.col("kind") == kind.value)
        ).select("subject", "year", pl.col("value").alias(name)).unique(["subject", "year"])
        joined = joined.join(budget, on=["subject", "year"], how="left", maintain_order="left")
    primitive, amended = _floats(joined["primitive"]), _floats(joined["amended"])
    both = ~np.isnan(primitive) & ~np.isnan(amended)
    detail: list[list[dict[str, str]]] = [
        ([{"key": DetailKey.AMENDED_BUDGET.value, "value": "ja"}]
         + ([{"key": DetailKey.PRIMITIVE_BUDGET.value, "value": repr(float(p))}] if b else []))
        if not np.isnan(a) else []
        for p, a, b in zip(primitive, amended, both, strict=True)]
    used = np.where(np.isnan(amended), primitive, amended)
    return judge_budget_values(values, used, norm, indicator.direction), detail


def _apply_trend(rows: pl.DataFrame, norm: Norm, indicator: Indicator,
                 context: NormContext) -> Judged:
    """Windows of norm.years + 1 consecutive years ending in each judged year."""
    span = np.arange(-norm.years, 1)
    first = int(rows["year"].min()) - norm.years  # type: ignore[arg-type]
    last = int(rows["year"].max())  # type: ignore[arg-type]
    subjects = rows["subject"].unique().sort()
    series = (
        context.values.filter(
            (pl.col("indicator") == norm.indicator) & (pl.col("kind") == norm.measurement_kind)
            & pl.col("subject").is_in(subjects.to_list())
            & pl.col("year").is_between(first, last)
        )
        .select("subject", "year", "value")
    )
    matrix = np.full((subjects.len(), last - first + 1), np.nan)
    position = {s: i for i, s in enumerate(subjects.to_list())}
    if series.height:
        rows_index = np.array([position[s] for s in series["subject"].to_list()])
        matrix[rows_index, series["year"].to_numpy() - first] = _floats(series["value"])
    row_of = np.array([position[s] for s in rows["subject"].to_list()])
    columns = rows["year"].to_numpy()[:, None] - first + span[None, :]
    windows = matrix[row_of[:, None], columns]
    return judge_trend_windows(windows, norm, indicator.direction)


def _apply_peer(rows: pl.DataFrame, values: FloatArray, norm: Norm, indicator: Indicator,
                context: NormContext) -> tuple[Judged, list[list[dict[str, str]]]]:
    """Per year: the named group, or with peer_rule "inwonersklasse" per size class the
    municipalities of that class in that year (from the stored inhabitants)."""
    size = rows.height
    codes = np.full(size, NOT_ASSESSABLE, dtype=np.int8)
    gaps = np.full(size, gap_code(Gap.TOO_FEW_PEERS), dtype=np.int8)
    compared, target, signal, reference = (np.full(size, np.nan) for _ in range(4))
    detail: list[list[dict[str, str]]] = [[] for _ in range(size)]
    out = (codes, gaps, compared, target, signal, reference, detail)
    comparable = ~rows["not_comparable"].fill_null(False).to_numpy()
    years = rows["year"].to_numpy()
    subjects = rows["subject"].to_list()
    for year in np.unique(years):
        at_year = np.flatnonzero(years == year)
        if norm.peer_rule == SIZE_CLASS_RULE:
            classes = _size_classes(context.values, int(year))
            own_class = np.array([classes.get(subjects[i], 0) for i in at_year])
            for number in sorted(set(own_class.tolist()) - {0}):
                members = tuple(sorted(s for s, c in classes.items() if c == number))
                facts = [{"key": DetailKey.SIZE_CLASS.value, "value": size_class_label(number)}]
                _judge_against(rows, values, comparable, at_year[own_class == number], members,
                               facts, norm, indicator, context, int(year), out)
            continue
        group = next((g for g in context.peer_groups
                      if g.id == norm.peer_group and g.validity.covers(int(year))), None)
        if group is None:
            continue
        facts = [{"key": DetailKey.PEER_GROUP.value, "value": group.id}]
        _judge_against(rows, values, comparable, at_year, group.members, facts, norm,
                       indicator, context, int(year), out)
    return judged(codes, gaps, compared, target, signal, reference), detail


def _size_classes(values: pl.DataFrame, year: int) -> dict[str, int]:
    """The CBS size class of every municipality with stored inhabitants in `year`."""
    known = values.filter((pl.col("indicator") == INHABITANTS)
                          & (pl.col("kind") == MeasurementKind.ACTUAL.value)
                          & (pl.col("year") == year) & pl.col("value").is_not_null())
    return {subject: size_class(value)
            for subject, value in zip(known["subject"].to_list(), known["value"].to_list(),
                                      strict=True)}


def _judge_against(rows: pl.DataFrame, values: FloatArray, comparable: np.ndarray,
                   at: np.ndarray, members: tuple[str, ...], facts: list[dict[str, str]],
                   norm: Norm, indicator: Indicator, context: NormContext, year: int,
                   out: tuple[Any, ...]) -> None:
    """Judge the rows `at` against the peers `members` of one year; fills `out` in place."""
    codes, gaps, compared, target, signal, reference, detail = out
    frame = pl.DataFrame({"subject": list(members)}, schema={"subject": pl.Utf8})
    known = context.values.filter(
        (pl.col("indicator") == norm.indicator) & (pl.col("kind") == norm.measurement_kind)
        & (pl.col("year") == year)
    ).select("subject", "value", "not_comparable")
    member_rows = frame.join(known, on="subject", how="left", maintain_order="left")
    member_comparable = ~member_rows["not_comparable"].fill_null(False).to_numpy()
    own = {s: i for i, s in enumerate(members)}
    self_index = np.array([own.get(s, -1) for s in rows["subject"].gather(at).to_list()])
    matrix = peer_matrix(_floats(member_rows["value"]), member_comparable, self_index)
    thresholds = peer_thresholds_for(norm, matrix)
    part = judge_peer_values(values[at], comparable[at], thresholds, norm, indicator.direction)
    codes[at], gaps[at], compared[at] = part.codes, part.gaps, part.compared
    target[at], signal[at], reference[at] = part.target, part.signal, part.reference
    left_out = ", ".join(s for s, ok in zip(members, member_comparable, strict=True) if not ok)
    facts = list(facts)
    if left_out:
        facts.append({"key": DetailKey.LEFT_OUT_NOT_COMPARABLE.value, "value": left_out})
    for i, count in zip(at, thresholds.count, strict=True):
        detail[i] = facts + [{"key": DetailKey.PEER_COUNT.value, "value": str(int(count))}]
