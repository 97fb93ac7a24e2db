"""Indicator values per subject × year × kind: measured inputs and derived indicators.

Derived indicators (the BBV ratios) are computed column-wise from their inputs with the formula
grammar of analysis/formula.py, never row by row. A derived indicator that was imported directly
(a published BBV figure) is taken as imported and not recomputed; the `imported` flag says so.
Data-quality flags of a derived value are the union of its inputs' flags.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from samenwerkingsmonitor.analysis.formula import evaluate, parse, variables
from samenwerkingsmonitor.domain.assessment import Gap
from samenwerkingsmonitor.domain.framework import Framework, Indicator, IndicatorKind
from samenwerkingsmonitor.errors import FormulaError
from samenwerkingsmonitor.i18n import _

KEY = ["subject", "year", "kind"]
FLAGS = ["estimate", "provisional", "reconstructed", "not_comparable"]

MEASUREMENT_SCHEMA: dict[str, pl.DataType] = {
    "subject": pl.Utf8(),
    "indicator": pl.Utf8(),
    "year": pl.Int64(),
    "kind": pl.Utf8(),
    "value": pl.Float64(),
    "scale_value": pl.Utf8(),
    "status": pl.Utf8(),
    "comparable": pl.Boolean(),
    "variant": pl.Utf8(),
}
"""Columns of the measurement frame the services hand to the analysis layer."""

INPUT_STRUCT = pl.List(pl.Struct({"name": pl.Utf8(), "value": pl.Float64()}))
VALUE_SCHEMA = pl.Schema({
    **{k: MEASUREMENT_SCHEMA[k] for k in ("subject", "indicator", "year", "kind", "value",
                                          "scale_value", "variant")},
    **{flag: pl.Boolean() for flag in FLAGS},
    "imported": pl.Boolean(),
    "gap": pl.Utf8(),
    "missing_inputs": pl.Utf8(),
    "inputs": INPUT_STRUCT,
})


def derivation_order(framework: Framework) -> list[Indicator]:
    """Derived indicators so that each comes after the derived indicators it uses."""
    derived = {i.id: i for i in framework.indicators if i.kind is IndicatorKind.DERIVED}
    order: list[Indicator] = []
    done: set[str] = set()

    def visit(indicator_id: str, path: tuple[str, ...]) -> None:
        if indicator_id in done or indicator_id not in derived:
            return
        if indicator_id in path:  # the framework validator refuses cycles before we get here
            raise FormulaError(_("De formules verwijzen in een kring naar elkaar: {path}.")
                               .format(path=" -> ".join(path + (indicator_id,))))
        formula = derived[indicator_id].formula or ""
        for name in sorted(variables(parse(formula))):
            visit(name, path + (indicator_id,))
        done.add(indicator_id)
        order.append(derived[indicator_id])

    for indicator_id in sorted(derived):
        visit(indicator_id, ())
    return order


def _measured(measurements: pl.DataFrame, derived_ids: set[str]) -> pl.DataFrame:
    # A numeric scale point (score_1_5: "4") also counts as a number, so an absolute or trend
    # norm can judge it; qualitative norms keep reading the scale value itself.
    as_number = pl.col("scale_value").str.strip_chars().cast(pl.Float64, strict=False)
    return measurements.select(
        "subject", "indicator", "year", "kind", "scale_value", "variant",
        value=pl.coalesce(pl.col("value"), as_number),
        estimate=pl.col("status") == "schatting",
        provisional=pl.col("status") == "voorlopig",
        reconstructed=pl.col("status") == "reconstructie",
        not_comparable=~pl.col("comparable"),
        imported=pl.col("indicator").is_in(sorted(derived_ids)),
        gap=pl.lit(None, pl.Utf8),
        missing_inputs=pl.lit(None, pl.Utf8),
        inputs=pl.lit(None, INPUT_STRUCT),
    )


def _derive_one(indicator: Indicator, values: pl.DataFrame) -> pl.DataFrame:
    """Compute one derived indicator for every key where at least one input is known."""
    names = sorted(variables(parse(indicator.formula or "")))
    used = values.filter(pl.col("indicator").is_in(names) & pl.col("value").is_not_null())
    if used.is_empty():
        return pl.DataFrame(schema=VALUE_SCHEMA)
    wide = used.pivot(on="indicator", index=KEY, values="value", aggregate_function="first")
    wide = wide.with_columns(
        [pl.lit(None, pl.Float64).alias(n) for n in names if n not in wide.columns]
    )
    env = {n: wide[n].cast(pl.Float64).fill_null(np.nan).to_numpy() for n in names}
    result, division_by_zero = evaluate(parse(indicator.formula or ""), env)
    missing = pl.concat_str(
        [pl.when(pl.col(n).is_null()).then(pl.lit(n)) for n in names],
        separator=", ", ignore_nulls=True,
    )
    flags = used.group_by(KEY).agg([pl.col(f).any() for f in FLAGS])
    derived = wide.with_columns(
        indicator=pl.lit(indicator.id),
        value=pl.Series(result).fill_nan(None),
        division_by_zero=pl.Series(division_by_zero, dtype=pl.Boolean),
        missing_inputs=pl.when(missing != "").then(missing),
        inputs=pl.concat_list([pl.struct(name=pl.lit(n), value=pl.col(n)) for n in names]),
    ).with_columns(
        gap=pl.when(pl.col("missing_inputs").is_not_null()).then(pl.lit(Gap.MISSING_INPUT.value))
        .when(pl.col("division_by_zero")).then(pl.lit(Gap.DIVISION_BY_ZERO.value)),
        value=pl.when(pl.col("missing_inputs").is_null() & ~pl.col("division_by_zero"))
        .then(pl.col("value")),
        scale_value=pl.lit(None, pl.Utf8),
        variant=pl.lit(indicator.variant),
        imported=pl.lit(False),
    )
    return derived.join(flags, on=KEY, how="left").select(list(VALUE_SCHEMA)).cast(VALUE_SCHEMA)


def indicator_values(measurements: pl.DataFrame, framework: Framework) -> pl.DataFrame:
    """All known values, measured and derived, in the columns of VALUE_SCHEMA."""
    order = derivation_order(framework)
    derived_ids = {i.id for i in order}
    values = _measured(measurements, derived_ids).select(list(VALUE_SCHEMA)).cast(VALUE_SCHEMA)
    for indicator in order:
        computed = _derive_one(indicator, values)
        # A directly imported (published) value wins over a computed one.
        computed = computed.join(
            values.filter(pl.col("indicator") == indicator.id).select(KEY), on=KEY, how="anti"
        )
        values = pl.concat([values, computed], how="vertical")
    return values
