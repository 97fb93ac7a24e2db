"""Stored measurements as the polars frame the analysis layer works on."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import polars as pl

from samenwerkingsmonitor.analysis.indicator_values import MEASUREMENT_SCHEMA
from samenwerkingsmonitor.domain.measurements import Measurement


def measurement_frame(measurements: Sequence[Measurement]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "subject": [m.subject for m in measurements],
            "indicator": [m.indicator for m in measurements],
            "year": [m.year for m in measurements],
            "kind": [m.kind.value for m in measurements],
            "value": [m.value for m in measurements],
            "scale_value": [m.scale_value for m in measurements],
            "status": [m.status.value for m in measurements],
            "comparable": [m.comparable for m in measurements],
            "variant": [m.variant for m in measurements],
        },
        schema=MEASUREMENT_SCHEMA,
    )


def data_hash(measurements: Sequence[Measurement]) -> str:
    """A hash of the values used, independent of their order."""
    rows = sorted(
        json.dumps(
            [m.subject, m.indicator, m.year, m.kind.value, m.value, m.scale_value, m.unit,
             m.status.value, m.variant, m.comparable],
            ensure_ascii=False,
        )
        for m in measurements
    )
    digest = hashlib.sha256()
    for row in rows:
        digest.update(row.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
