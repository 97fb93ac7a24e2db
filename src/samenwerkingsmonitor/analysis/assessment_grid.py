"""Which subject is judged on which indicator, norm and year: the grid of the engine.

Built with joins, not loops: subjects × (indicator, norm) filtered on applicability
(subject kind, area, level) and on the subject's validity in each year.
"""

from __future__ import annotations

import polars as pl

from samenwerkingsmonitor.domain.framework import Framework, Indicator
from samenwerkingsmonitor.domain.organisation import Subject

NO_NORM = ""  # norm id of the finding made for an indicator that has no norm yet


def subject_frame(subjects: tuple[Subject, ...]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "subject": [s.id for s in subjects],
            "subject_kind": [s.kind.value for s in subjects],
            "subject_area": [s.area.value if s.area else None for s in subjects],
            "subject_level": [s.level for s in subjects],
            "valid_from": [s.validity.first_year for s in subjects],
            "valid_until": [s.validity.last_year for s in subjects],
        },
        schema={"subject": pl.Utf8, "subject_kind": pl.Utf8, "subject_area": pl.Utf8,
                "subject_level": pl.Int64, "valid_from": pl.Int64, "valid_until": pl.Int64},
    )


def judged_indicators(framework: Framework) -> list[Indicator]:
    """Indicators that belong to a criterion: inputs without one are only ingredients."""
    return [i for i in framework.indicators if i.criterion is not None]


def norm_frame(framework: Framework) -> pl.DataFrame:
    rows = []
    for indicator in judged_indicators(framework):
        norms = framework.norms_for(indicator.id)
        for norm in norms or (None,):
            rows.append({
                "indicator": indicator.id,
                "criterion": indicator.criterion,
                "norm": norm.id if norm else NO_NORM,
                "norm_kind": norm.kind.value if norm else None,
                "kind": norm.measurement_kind if norm else "realisatie",
                "norm_first_year": norm.first_year if norm else None,
                "applies_to": [k.value for k in indicator.applies_to],
                "areas": [a.value for a in indicator.area],
                "levels": list(indicator.levels),
                "weight": indicator.weight,
            })
    return pl.DataFrame(rows, schema={
        "indicator": pl.Utf8, "criterion": pl.Utf8, "norm": pl.Utf8, "norm_kind": pl.Utf8,
        "kind": pl.Utf8, "norm_first_year": pl.Int64, "applies_to": pl.List(pl.Utf8),
        "areas": pl.List(pl.Utf8), "levels": pl.List(pl.Int64), "weight": pl.Float64,
    })


def assessment_grid(framework: Framework, subjects: tuple[Subject, ...], first_year: int,
                    last_year: int) -> pl.DataFrame:
    """One row per subject × indicator × norm × year to judge."""
    years = pl.DataFrame({"year": list(range(first_year, last_year + 1))},
                         schema={"year": pl.Int64})
    grid = subject_frame(subjects).join(norm_frame(framework), how="cross")
    grid = grid.filter(
        pl.col("applies_to").list.contains(pl.col("subject_kind"))
        & (pl.col("subject_area").is_null() | pl.col("areas").list.contains(pl.col("subject_area")))
        & (pl.col("subject_level").is_null()
           | pl.col("levels").list.contains(pl.col("subject_level")))
    ).join(years, how="cross")
    grid = grid.filter(
        (pl.col("year") >= pl.col("valid_from"))
        & (pl.col("valid_until").is_null() | (pl.col("year") <= pl.col("valid_until")))
    )
    return grid.select(
        "subject", "subject_kind", "indicator", "criterion", "norm", "norm_kind", "kind",
        "norm_first_year", "year", "weight",
    ).sort(["subject", "indicator", "year", "norm"])
