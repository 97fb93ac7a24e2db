"""A scenario run, recorded like an assessment run: the file as it was (and its SHA-256), the
seed, the sample count, who and when (the stored document), and the figures. Stored as a
document of kind `scenario_run` (append-only, numbered S-0001, S-0002, ...), so no schema
change is needed; a stored run is read back into the same outcome the run printed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np

from samenwerkingsmonitor.analysis.smaa import SmaaResult
from samenwerkingsmonitor.analysis.transition_costs import CostTerm, TransitionCost
from samenwerkingsmonitor.domain.scenarios import Basis, Range, ScenarioSet
from samenwerkingsmonitor.services.scenarios.compare import CouncilOutcome
from samenwerkingsmonitor.services.scenarios.ports import ScenarioReader
from samenwerkingsmonitor.services.scenarios.resolve import CostShare, Resolution, ResolvedValue
from samenwerkingsmonitor.services.storage.ports import Repository, StoredDocument

DOCUMENT_KIND = "scenario_run"
DOCUMENT_NAME = "scenario_runs"
FORMAT = 1


def run_id(version: int) -> str:
    return f"S-{version:04d}"


@dataclass(frozen=True)
class RecordedRun:
    id: str | None  # None when not stored
    user: str
    created: datetime | None
    file_name: str
    sha256: str


def _range(value: Range) -> list[float]:
    return [value.low, value.likely, value.high]


def _floats(array: np.ndarray) -> Any:
    return [[None if np.isnan(x) else float(x) for x in row] if np.ndim(row) else
            (None if np.isnan(row) else float(row)) for row in array]


def payload(scenarios: ScenarioSet, text: str, sha256: str, file_name: str,
            resolution: Resolution, outcomes: tuple[CouncilOutcome, ...], samples: int,
            seed: int) -> dict[str, Any]:
    return {
        "format": FORMAT, "file_name": file_name, "sha256": sha256, "file": text,
        "set": {"id": scenarios.id, "version": scenarios.version}, "samples": samples,
        "seed": seed,
        "run_id": resolution.run_id, "cost_year": resolution.cost_year,
        "cost_shares": [[s.municipality, s.share_pct, s.amount]
                        for s in resolution.cost_shares],
        "values": [[v.alternative, v.criterion, v.basis.value, _range(v.range), v.source]
                   for v in resolution.values],
        "transition_costs": {
            alternative: {"source": cost.source, "total": _range(cost.total),
                          "terms": [[t.name, _range(t.quantity),
                                     None if t.price is None else _range(t.price),
                                     _range(t.cost)] for t in cost.terms]}
            for alternative, cost in resolution.transition_costs.items()},
        "councils": [{"municipality": o.council.municipality, "chunk": o.result.chunk,
                      "rank_acceptability": _floats(o.result.rank_acceptability),
                      "central_weights": _floats(o.result.central_weights),
                      "confidence": _floats(o.result.confidence),
                      "mean_weights": _floats(o.result.mean_weights)}
                     for o in outcomes],
    }


def store(repo: Repository, data: dict[str, Any], label: str, user: str,
          reason: str) -> StoredDocument:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return repo.store_document(DOCUMENT_KIND, DOCUMENT_NAME, label, text, data["sha256"], user,
                               reason)


def _array(rows: Any) -> np.ndarray:
    return np.array([[np.nan if x is None else x for x in row] if isinstance(row, list) else
                     (np.nan if row is None else row) for row in rows], dtype=float)


def _to_range(values: list[float]) -> Range:
    return Range(*values)


def read_back(data: dict[str, Any], reader: ScenarioReader
              ) -> tuple[ScenarioSet, Resolution, tuple[CouncilOutcome, ...]]:
    """The stored run as the objects the run made (the file is parsed again)."""
    parsed = reader(data["file"], data["file_name"])
    scenarios = parsed.scenario_set
    resolution = Resolution(
        tuple(ResolvedValue(a, c, Basis(b), _to_range(r), s) for a, c, b, r, s in data["values"]),
        {alternative: TransitionCost(
            tuple(CostTerm(name, _to_range(q), None if p is None else _to_range(p),
                           _to_range(c)) for name, q, p, c in cost["terms"]),
            _to_range(cost["total"]), cost["source"])
         for alternative, cost in data["transition_costs"].items()},
        data["run_id"], data["cost_year"],
        tuple(CostShare(*share) for share in data["cost_shares"]))
    councils = {c.municipality: c for c in scenarios.councils}
    outcomes = tuple(
        CouncilOutcome(councils[c["municipality"]], SmaaResult(
            data["samples"], _array(c["rank_acceptability"]), _array(c["central_weights"]),
            _array(c["confidence"]), data["seed"], c["chunk"], _array(c["mean_weights"])))
        for c in data["councils"])
    return scenarios, resolution, outcomes


def latest_runs(repo: Repository) -> list[StoredDocument]:
    """The newest stored run of each scenario set, oldest set first."""
    latest = repo.latest_document(DOCUMENT_KIND, DOCUMENT_NAME)
    newest: dict[str, StoredDocument] = {}
    for version in range(latest.version if latest else 0, 0, -1):
        document = latest if latest is not None and latest.version == version else \
            repo.document(DOCUMENT_KIND, DOCUMENT_NAME, version)
        if document is not None and document.label not in newest:
            newest[document.label] = document
    return sorted(newest.values(), key=lambda d: d.version)
