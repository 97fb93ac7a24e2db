"""The assessment engine: every subject × indicator × norm × year judged, then rolled up.

Vectorised: values are derived column-wise (indicator_values.py), the grid is built with joins
(assessment_grid.py), each norm is applied to all its rows at once (norm_application.py) and
criteria roll up with bincount-based group kernels (criterion_rollup.py). Python loops run over
norms, criteria and peer-group years, never over findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from samenwerkingsmonitor.analysis.assessment_grid import NO_NORM, assessment_grid
from samenwerkingsmonitor.analysis.criterion_rollup import roll_up_criteria
from samenwerkingsmonitor.analysis.formula import parse, variables
from samenwerkingsmonitor.analysis.indicator_values import KEY, indicator_values
from samenwerkingsmonitor.analysis.norm_application import NormContext, apply_norm, not_judged
from samenwerkingsmonitor.analysis.norm_codes import (
    GAP_CODES,
    NOT_ASSESSABLE,
    band_detail,
    gap_code,
)
from samenwerkingsmonitor.domain.assessment import DetailKey, Gap, QualityLabel
from samenwerkingsmonitor.domain.framework import Framework, IndicatorKind, Norm
from samenwerkingsmonitor.domain.measurements import BaselineStatus
from samenwerkingsmonitor.domain.organisation import PeerGroup, Subject
from samenwerkingsmonitor.domain.verdicts import Verdict

VERDICT_BY_CODE = {2: Verdict.MEETS.value, 1: Verdict.PARTLY_MEETS.value,
                   0: Verdict.DOES_NOT_MEET.value, -1: Verdict.NOT_ASSESSABLE.value}
OUTCOME_SCHEMA: dict[str, pl.DataType] = {
    "verdict": pl.Utf8(), "gap": pl.Utf8(), "compared": pl.Float64(), "target": pl.Float64(),
    "signal": pl.Float64(), "reference": pl.Float64(), "target_inclusive": pl.Boolean(),
    "signal_inclusive": pl.Boolean(), "unit": pl.Utf8(), "norm_source": pl.Utf8(),
    "rule": pl.Utf8(),
}
GAP_NUMBERS = {gap.value: gap_code(gap) for gap in GAP_CODES}
GAP_TEXTS = {gap_code(gap): gap.value for gap in GAP_CODES}
DETAIL = pl.List(pl.Struct({"key": pl.Utf8(), "value": pl.Utf8()}))
OUTCOME_SCHEMA["detail"] = DETAIL


@dataclass(frozen=True, slots=True)
class EngineInput:
    framework: Framework
    subjects: tuple[Subject, ...]
    first_year: int
    last_year: int
    baseline_year: int
    measurements: pl.DataFrame  # MEASUREMENT_SCHEMA, peers' values included
    peer_groups: tuple[PeerGroup, ...] = ()
    series: dict[str, dict[int, float]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EngineResult:
    findings: pl.DataFrame
    criterion_verdicts: pl.DataFrame
    baselines: pl.DataFrame


def norm_source(norm: Norm) -> str:
    """Reference and owner; whether it is an example norm is a detail fact, worded at the edge."""
    return f"{norm.source.reference} ({norm.source.owner})"


def _baselines(grid: pl.DataFrame, values: pl.DataFrame, baseline_year: int) -> pl.DataFrame:
    """The nulmeting per subject × indicator × kind: captured, reconstructed or missing."""
    wanted = grid.select("subject", "indicator", "kind").unique()
    at_baseline = values.filter(pl.col("year") == baseline_year).select(
        "subject", "indicator", "kind",
        baseline_value="value", baseline_scale="scale_value",
        baseline_reconstructed="reconstructed",
    )
    joined = wanted.join(at_baseline, on=["subject", "indicator", "kind"], how="left")
    known = pl.col("baseline_value").is_not_null() | pl.col("baseline_scale").is_not_null()
    return joined.with_columns(
        baseline_year=pl.lit(baseline_year, pl.Int64),
        baseline_status=pl.when(~known).then(pl.lit(BaselineStatus.MISSING.value))
        .when(pl.col("baseline_reconstructed")).then(pl.lit(BaselineStatus.RECONSTRUCTED.value))
        .otherwise(pl.lit(BaselineStatus.CAPTURED.value)),
    ).sort(["subject", "indicator", "kind"])


def _with_values(grid: pl.DataFrame, values: pl.DataFrame, framework: Framework) -> pl.DataFrame:
    joined = grid.join(values.rename({"gap": "value_gap"}), on=["subject", "indicator", *KEY[1:]],
                       how="left")
    # A derived indicator without any of its inputs: name all of them as missing.
    formula_inputs = {
        i.id: ", ".join(sorted(variables(parse(i.formula or ""))))
        for i in framework.indicators if i.kind is IndicatorKind.DERIVED
    }
    no_row = pl.col("value").is_null() & pl.col("scale_value").is_null() & pl.col(
        "value_gap").is_null()
    derived = pl.col("indicator").is_in(sorted(formula_inputs))
    return joined.with_columns(
        value_gap=pl.when(no_row & derived).then(pl.lit(Gap.MISSING_INPUT.value))
        .otherwise(pl.col("value_gap")),
        missing_inputs=pl.when(no_row & derived)
        .then(pl.col("indicator").replace_strict(formula_inputs, default=None))
        .otherwise(pl.col("missing_inputs")),
    )


def _judge(rows: pl.DataFrame, data: EngineInput, context: NormContext) -> pl.DataFrame:
    """Apply each norm to its rows and put the outcome columns next to them."""
    parts = []
    for (norm_id, indicator_id), part in rows.group_by(["norm", "indicator"], maintain_order=True):
        indicator = data.framework.indicator(str(indicator_id))
        norm = next((n for n in data.framework.norms if n.id == norm_id), None)
        assert indicator is not None
        if norm is None or norm_id == NO_NORM:
            result = not_judged(part.height, Gap.NO_NORM)
            detail: list[list[dict[str, str]]] = [[] for _ in range(part.height)]
        else:
            result, detail = apply_norm(part, norm, indicator, context)
        codes, gaps = result.codes.copy(), result.gaps.copy()
        value_gap = part["value_gap"].replace_strict(
            GAP_NUMBERS, default=0, return_dtype=pl.Int8).to_numpy()
        before_start = (part["norm_first_year"].fill_null(-1).to_numpy()
                        > part["year"].to_numpy())
        derivation_gap = value_gap > 0  # a gap in deriving the value wins over the kernel's
        gaps[derivation_gap] = value_gap[derivation_gap]
        codes[derivation_gap] = NOT_ASSESSABLE
        gaps[before_start] = gap_code(Gap.BEFORE_NORM_START)
        codes[before_start] = NOT_ASSESSABLE
        assessable = codes != NOT_ASSESSABLE
        parts.append(part.with_columns(
            verdict=pl.Series(codes).replace_strict(VERDICT_BY_CODE, return_dtype=pl.Utf8),
            gap=pl.Series(gaps).replace_strict(GAP_TEXTS, default=None, return_dtype=pl.Utf8),
            compared=pl.Series(np.where(assessable, result.compared, np.nan)).fill_nan(None),
            target=pl.Series(result.target).fill_nan(None),
            signal=pl.Series(result.signal).fill_nan(None),
            reference=pl.Series(result.reference).fill_nan(None),
            target_inclusive=pl.lit(norm.target.inclusive if norm and norm.target else True),
            signal_inclusive=pl.lit(norm.signal.inclusive if norm and norm.signal else True),
            unit=pl.lit(indicator.unit),
            norm_source=pl.lit(norm_source(norm) if norm else ""),
            rule=pl.lit(f"{norm.kind.value}/{indicator.direction.value}" if norm else ""),
            detail=_detail(detail, norm),
        ))
    if not parts:  # nothing applies: an empty frame with the finding columns
        return rows.with_columns(
            [pl.lit(None, dtype).alias(name) for name, dtype in OUTCOME_SCHEMA.items()])
    return pl.concat(parts, how="vertical_relaxed")


def _detail(kernel: list[list[dict[str, str]]], norm: Norm | None) -> pl.Expr:
    """The detail facts as one column, built column-wise: the kernel's facts (per row only where
    they differ, as for peer norms), the norm's own facts, and the missing inputs."""
    constant = all(row == kernel[0] for row in kernel)
    kernel_facts = (pl.lit(kernel[0] if kernel else [], dtype=DETAIL) if constant
                    else pl.lit(pl.Series(kernel, dtype=DETAIL)))
    norm_facts: list[dict[str, str]] = []
    if norm is not None and norm.source.example:
        norm_facts.append({"key": DetailKey.EXAMPLE_NORM.value, "value": "ja"})
    if norm is not None and norm.is_band:
        norm_facts += [{"key": k, "value": v} for k, v in band_detail(norm)]
    missing = (pl.when(pl.col("missing_inputs").is_not_null())
               .then(pl.concat_list([pl.struct(key=pl.lit(DetailKey.MISSING_INPUTS.value),
                                               value=pl.col("missing_inputs"))]))
               .otherwise(pl.lit([], dtype=DETAIL)))
    return pl.concat_list([kernel_facts, pl.lit(norm_facts, dtype=DETAIL), missing])


def _labels(findings: pl.DataFrame, baseline_year: int) -> pl.DataFrame:
    """Data-quality labels from the value's flags and the baseline's status."""
    baseline_matters = (pl.col("norm_kind") == "nulmeting") | (pl.col("year") == baseline_year)
    checks: list[tuple[pl.Expr, QualityLabel]] = [
        (pl.col("reconstructed") & (pl.col("year") != baseline_year),
         QualityLabel.RECONSTRUCTED_VALUE),
        ((pl.col("baseline_status") == BaselineStatus.RECONSTRUCTED.value) & baseline_matters,
         QualityLabel.RECONSTRUCTED_BASELINE),
        (pl.col("estimate"), QualityLabel.ESTIMATE),
        (pl.col("provisional"), QualityLabel.PROVISIONAL),
        (pl.col("not_comparable"), QualityLabel.NOT_COMPARABLE),
        (pl.col("imported"), QualityLabel.IMPORTED_NOT_DERIVED),
    ]
    labels = pl.concat_list([
        pl.when(condition.fill_null(False)).then(pl.lit(label.value)).otherwise(None)
        for condition, label in checks
    ]).list.drop_nulls()
    return findings.with_columns(labels=labels)


FINDING_COLUMNS = [
    "subject", "indicator", "criterion", "year", "norm", "norm_kind", "verdict", "value",
    "scale_value", "unit", "compared", "target", "signal", "target_inclusive",
    "signal_inclusive", "reference", "baseline_value", "baseline_year", "baseline_status",
    "norm_source", "rule", "gap", "labels", "inputs", "detail", "weight",
]


def assess(data: EngineInput) -> EngineResult:
    values = indicator_values(data.measurements, data.framework)
    grid = assessment_grid(data.framework, data.subjects, data.first_year, data.last_year)
    baselines = _baselines(grid, values, data.baseline_year)
    rows = _with_values(grid, values, data.framework).join(
        baselines, on=["subject", "indicator", "kind"], how="left"
    )
    context = NormContext(values, data.baseline_year, data.peer_groups, data.series)
    findings = _labels(_judge(rows, data, context), data.baseline_year)
    findings = findings.select(FINDING_COLUMNS).sort(["subject", "indicator", "year", "norm"])
    verdicts = roll_up_criteria(data.framework, findings)
    return EngineResult(findings, verdicts, baselines)
