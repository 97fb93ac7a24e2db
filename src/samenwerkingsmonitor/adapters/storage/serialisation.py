"""Domain values ↔ table rows. Tuples become JSON text; floats stay floats.

A number that is not finite (NaN, ±inf) is stored as NULL: a NaN would compare unequal to
itself and break reproduction checks, and no verdict can rest on it. Negative zero is stored
as zero: SQLite drops the sign anyway, and both backends must hold the same values.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict, Finding
from samenwerkingsmonitor.domain.measurements import (
    BaselineStatus,
    Measurement,
    MeasurementKind,
    MeasurementStatus,
)
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.services.storage.ports import (
    Batch,
    NewVersion,
    StoredDocument,
    StoredMeasurement,
)

RUN_PREFIX = "R-"


def finite(value: Any) -> float | None:
    """A plain float, or None for a missing or non-finite number (numpy scalars included)."""
    if value is None:
        return None
    number = float(value)
    return number + 0.0 if math.isfinite(number) else None  # + 0.0 turns -0.0 into 0.0


def optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)


def run_id(number: int) -> str:
    return f"{RUN_PREFIX}{number:04d}"


def run_number(run_id_text: str) -> int | None:
    """R-0012 → 12; None when the text is not a run id."""
    digits = run_id_text.removeprefix(RUN_PREFIX)
    if not run_id_text.startswith(RUN_PREFIX) or not digits.isdigit():
        return None
    return int(digits)


# documents and batches


def row_to_document(row: Mapping[Any, Any]) -> StoredDocument:
    return StoredDocument(
        kind=row["kind"], name=row["name"], version=row["version"], label=row["label"],
        text=row["text"], sha256=row["sha256"], user=row["user_name"], created=row["created"],
        reason=row["reason"],
    )


def row_to_batch(row: Mapping[Any, Any]) -> Batch:
    return Batch(
        id=row["id"], file_name=row["file_name"], sha256=row["sha256"], sheet=row["sheet"],
        user=row["user_name"], created=row["created"], reason=row["reason"],
        rows=row["row_count"],
    )


# measurements


def version_to_row(batch: Batch, version: NewVersion) -> dict[str, Any]:
    m = version.measurement
    return {
        "subject": m.subject, "indicator": m.indicator, "year": int(m.year),
        "kind": str(MeasurementKind(m.kind)), "value": finite(m.value),
        "scale_value": m.scale_value, "unit": m.unit, "source": m.source,
        "reference_date": m.reference_date, "status": str(MeasurementStatus(m.status)),
        "variant": m.variant, "comparable": bool(m.comparable), "note": m.note,
        "batch_id": batch.id, "row": optional_int(version.row), "user_name": batch.user,
        "created": batch.created, "reason": batch.reason,
        "supersedes": optional_int(version.supersedes),
    }


def row_to_stored_measurement(row: Mapping[Any, Any]) -> StoredMeasurement:
    measurement = Measurement(
        subject=row["subject"], indicator=row["indicator"], year=row["year"],
        kind=MeasurementKind(row["kind"]), unit=row["unit"], source=row["source"],
        value=row["value"], scale_value=row["scale_value"],
        reference_date=row["reference_date"], status=MeasurementStatus(row["status"]),
        variant=row["variant"], comparable=bool(row["comparable"]), note=row["note"],
    )
    return StoredMeasurement(
        version_id=row["id"], measurement=measurement, batch=row["batch_id"], row=row["row"],
        user=row["user_name"], created=row["created"], reason=row["reason"],
        supersedes=row["supersedes"], file_name=row["file_name"], sheet=row["sheet"],
    )


# runs


def run_to_row(run: AssessmentRun, number: int) -> dict[str, Any]:
    return {
        "id": run.id, "number": number, "framework_id": run.framework_id,
        "framework_version": run.framework_version, "framework_hash": run.framework_hash,
        "organisation_version": run.organisation_version, "data_batch": int(run.data_batch),
        "data_hash": run.data_hash, "seed": str(int(run.seed)), "user_name": run.user,
        "created": run.created, "subjects": to_json(list(run.subjects)),
        "first_year": int(run.first_year), "last_year": int(run.last_year),
        "baseline_year": int(run.baseline_year), "findings_hash": run.findings_hash,
        "parameters": to_json(dict(run.parameters)),
        "chain_heads": to_json({table: [seq, value] for table, seq, value in run.chain_heads}),
    }


def row_to_run(row: Mapping[Any, Any]) -> AssessmentRun:
    return AssessmentRun(
        id=row["id"], framework_id=row["framework_id"],
        framework_version=row["framework_version"], framework_hash=row["framework_hash"],
        organisation_version=row["organisation_version"], data_batch=row["data_batch"],
        data_hash=row["data_hash"], seed=int(row["seed"]), user=row["user_name"],
        created=row["created"], subjects=tuple(json.loads(row["subjects"])),
        first_year=row["first_year"], last_year=row["last_year"],
        baseline_year=row["baseline_year"], findings_hash=row["findings_hash"],
        parameters=dict(json.loads(row["parameters"])),
        chain_heads=tuple(sorted((str(table), int(seq), str(value)) for table, (seq, value)
                                 in json.loads(row.get("chain_heads") or "{}").items())),
    )


# findings and criterion verdicts


def finding_order(finding: Finding) -> tuple[str, str, int, bool, str]:
    """subject, indicator, year, norm (a finding without a norm first); code-point order,
    the same on every backend."""
    norm = finding.norm
    return (finding.subject, finding.indicator, int(finding.year), norm is not None, norm or "")


def finding_to_row(run: str, seq: int, f: Finding) -> dict[str, Any]:
    return {
        "run_id": run, "seq": seq, "subject": f.subject, "indicator": f.indicator,
        "criterion": f.criterion, "year": int(f.year), "norm": f.norm,
        "norm_kind": f.norm_kind, "verdict": Verdict(f.verdict).value,
        "value": finite(f.value), "scale_value": f.scale_value, "unit": f.unit,
        "compared": finite(f.compared), "target": finite(f.target),
        "signal": finite(f.signal), "target_inclusive": bool(f.target_inclusive),
        "signal_inclusive": bool(f.signal_inclusive), "reference": finite(f.reference),
        "baseline_value": finite(f.baseline_value),
        "baseline_year": optional_int(f.baseline_year),
        "baseline_status": BaselineStatus(f.baseline_status).value,
        "norm_source": f.norm_source, "rule": f.rule, "gap": f.gap,
        "labels": to_json(list(f.labels)),
        "inputs": to_json([[name, finite(value)] for name, value in f.inputs]),
        "detail": to_json([list(pair) for pair in f.detail]),
    }


def row_to_finding(row: Mapping[Any, Any]) -> Finding:
    return Finding(
        subject=row["subject"], indicator=row["indicator"], criterion=row["criterion"],
        year=row["year"], norm=row["norm"], norm_kind=row["norm_kind"],
        verdict=Verdict(row["verdict"]), value=row["value"], scale_value=row["scale_value"],
        unit=row["unit"], compared=row["compared"], target=row["target"],
        signal=row["signal"], target_inclusive=bool(row["target_inclusive"]),
        signal_inclusive=bool(row["signal_inclusive"]), reference=row["reference"],
        baseline_value=row["baseline_value"], baseline_year=row["baseline_year"],
        baseline_status=BaselineStatus(row["baseline_status"]),
        norm_source=row["norm_source"], rule=row["rule"], gap=row["gap"],
        labels=tuple(json.loads(row["labels"])),
        inputs=tuple((name, value) for name, value in json.loads(row["inputs"])),
        detail=_pairs(json.loads(row["detail"])),
    )


def verdict_order(verdict: CriterionVerdict) -> tuple[str, str, int]:
    return (verdict.subject, verdict.criterion, int(verdict.year))


def verdict_to_row(run: str, seq: int, v: CriterionVerdict) -> dict[str, Any]:
    return {
        "run_id": run, "seq": seq, "subject": v.subject, "criterion": v.criterion,
        "year": int(v.year), "verdict": Verdict(v.verdict).value, "rule": v.rule,
        "counts": to_json([[name, int(count)] for name, count in v.counts]),
        "missing": to_json(list(v.missing)),
    }


def row_to_verdict(row: Mapping[Any, Any]) -> CriterionVerdict:
    return CriterionVerdict(
        subject=row["subject"], criterion=row["criterion"], year=row["year"],
        verdict=Verdict(row["verdict"]), rule=row["rule"],
        counts=tuple((name, count) for name, count in json.loads(row["counts"])),
        missing=tuple(json.loads(row["missing"])),
    )


def _pairs(items: Sequence[Sequence[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((key, text) for key, text in items)
