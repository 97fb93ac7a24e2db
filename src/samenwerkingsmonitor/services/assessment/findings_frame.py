"""Engine frames to domain values (Finding, CriterionVerdict) and a stable hash of them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import fields

import polars as pl

from samenwerkingsmonitor.domain.assessment import CriterionVerdict, Finding
from samenwerkingsmonitor.domain.measurements import BaselineStatus
from samenwerkingsmonitor.domain.verdicts import Verdict


def _pairs(items: list[dict[str, object]] | None, key: str, value: str) -> tuple:  # type: ignore[type-arg]
    return tuple((item[key], item[value]) for item in items or ())


def findings_from_frame(frame: pl.DataFrame) -> list[Finding]:
    return [
        Finding(
            subject=row["subject"], indicator=row["indicator"], criterion=row["criterion"],
            year=row["year"], norm=row["norm"] or None, norm_kind=row["norm_kind"],
            verdict=Verdict(row["verdict"]), value=row["value"], scale_value=row["scale_value"],
            unit=row["unit"], compared=row["compared"], target=row["target"],
            signal=row["signal"], target_inclusive=row["target_inclusive"],
            signal_inclusive=row["signal_inclusive"], reference=row["reference"],
            baseline_value=row["baseline_value"], baseline_year=row["baseline_year"],
            baseline_status=BaselineStatus(row["baseline_status"]),
            norm_source=row["norm_source"], rule=row["rule"], gap=row["gap"],
            labels=tuple(row["labels"] or ()), inputs=_pairs(row["inputs"], "name", "value"),
            detail=_pairs(row["detail"], "key", "value"),
        )
        for row in frame.iter_rows(named=True)
    ]


def verdicts_from_frame(frame: pl.DataFrame) -> list[CriterionVerdict]:
    return [
        CriterionVerdict(
            subject=row["subject"], criterion=row["criterion"], year=row["year"],
            verdict=Verdict(row["verdict"]), rule=row["rule"],
            counts=_pairs(row["counts"], "verdict", "count"), missing=tuple(row["missing"]),
        )
        for row in frame.iter_rows(named=True)
    ]


def findings_hash(findings: Sequence[Finding], verdicts: Sequence[CriterionVerdict]) -> str:
    """SHA-256 of all findings and criterion verdicts in a fixed order: equal runs, equal hash.

    Each item is serialised from its fields directly (dataclasses.asdict deep-copies every
    value, which cost a second per national run)."""
    digest = hashlib.sha256()
    for items, names in ((findings, FINDING_FIELDS), (verdicts, VERDICT_FIELDS)):
        for line in sorted(json.dumps([getattr(item, name) for name in names], default=str)
                           for item in items):
            digest.update(line.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


FINDING_FIELDS = tuple(f.name for f in fields(Finding))
VERDICT_FIELDS = tuple(f.name for f in fields(CriterionVerdict))
