"""Roll findings up to criterion verdicts per subject × year (docs/framework-file.md).

Sub-criteria roll up first; a parent criterion counts each child's verdict as one item
(weight 1) next to its own findings.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from samenwerkingsmonitor.analysis.rollup import rollup_groups
from samenwerkingsmonitor.domain.framework import Criterion, Framework
from samenwerkingsmonitor.domain.verdicts import Verdict

CODE_BY_VERDICT = {Verdict.MEETS.value: 2, Verdict.PARTLY_MEETS.value: 1,
                   Verdict.DOES_NOT_MEET.value: 0, Verdict.NOT_ASSESSABLE.value: -1}
VERDICT_BY_CODE = {code: verdict for verdict, code in CODE_BY_VERDICT.items()}
COUNT_ORDER = (2, 1, 0, -1)  # columns of GroupedRollup.counts

VERDICT_SCHEMA = pl.Schema({
    "subject": pl.Utf8(), "criterion": pl.Utf8(), "year": pl.Int64(), "verdict": pl.Utf8(),
    "rule": pl.Utf8(), "counts": pl.List(pl.Struct({"verdict": pl.Utf8(), "count": pl.Int64()})),
    "missing": pl.List(pl.Utf8()),
})
WITH_PARENT = pl.Schema({**VERDICT_SCHEMA, "parent": pl.Utf8()})


def _depth(criterion: Criterion, framework: Framework) -> int:
    depth, parent = 0, criterion.parent
    while parent is not None and depth < 20:
        depth += 1
        found = framework.criterion(parent)
        parent = found.parent if found else None
    return depth


def _items(criterion: Criterion, findings: pl.DataFrame, done: pl.DataFrame) -> pl.DataFrame:
    own = findings.filter(pl.col("criterion") == criterion.id).select(
        "subject", "year", "indicator", "verdict", "weight")
    children = done.filter(pl.col("parent") == criterion.id).select(
        "subject", "year", pl.col("criterion").alias("indicator"), "verdict",
        weight=pl.lit(1.0))
    return pl.concat([own, children], how="vertical_relaxed")


def _roll_up_one(criterion: Criterion, items: pl.DataFrame) -> pl.DataFrame:
    items = items.sort(["subject", "year", "indicator"]).with_columns(
        group=(pl.struct("subject", "year").rank("dense") - 1).cast(pl.Int64))
    keys = items.select("subject", "year", "group").unique("group").sort("group")
    codes = items["verdict"].replace_strict(CODE_BY_VERDICT, return_dtype=pl.Int8).to_numpy()
    outcome = rollup_groups(criterion.rollup, codes, items["group"].to_numpy(), keys.height,
                            items["weight"].to_numpy(), items["indicator"].to_list())
    missing = (items.filter(pl.col("verdict") == Verdict.NOT_ASSESSABLE.value)
               .group_by("group").agg(missing=pl.col("indicator").unique().sort()))
    counts = [
        [{"verdict": VERDICT_BY_CODE[code], "count": int(n)}
         for code, n in zip(COUNT_ORDER, row, strict=True)]
        for row in np.asarray(outcome.counts).tolist()
    ]
    return keys.with_columns(
        criterion=pl.lit(criterion.id),
        verdict=pl.Series(outcome.codes).replace_strict(VERDICT_BY_CODE, return_dtype=pl.Utf8),
        rule=pl.lit(criterion.rollup.rule.value),
        counts=pl.Series(counts, dtype=VERDICT_SCHEMA["counts"]),
    ).join(missing, on="group", how="left").with_columns(
        missing=pl.col("missing").fill_null(pl.lit([], pl.List(pl.Utf8))),
        parent=pl.lit(criterion.parent, pl.Utf8),
    )


def roll_up_criteria(framework: Framework, findings: pl.DataFrame) -> pl.DataFrame:
    """Criterion verdicts for every subject × year that has findings under the criterion."""
    done = pl.DataFrame(schema=WITH_PARENT)
    ordered = sorted(framework.criteria, key=lambda c: -_depth(c, framework))
    for criterion in ordered:
        items = _items(criterion, findings, done)
        if items.is_empty():
            continue
        rolled = _roll_up_one(criterion, items).select(*VERDICT_SCHEMA, "parent")
        done = pl.concat([done, rolled.cast(WITH_PARENT)])
    return done.select(list(VERDICT_SCHEMA)).sort(["subject", "criterion", "year"])
