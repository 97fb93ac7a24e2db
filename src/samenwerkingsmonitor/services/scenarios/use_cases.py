"""Front doors of the scenarios capability: `scenario validate FILE`, `scenario run FILE`, and
the stored runs a report or a page shows (docs/scenarios.md)."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from samenwerkingsmonitor.analysis.smaa import DEFAULT_CHUNK
from samenwerkingsmonitor.analysis.transition_costs import TransitionCost
from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.domain.scenarios import ScenarioSet
from samenwerkingsmonitor.errors import ModelError, UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
from samenwerkingsmonitor.services.organisation.register import (
    load_registered_organisation,
    read_text,
)
from samenwerkingsmonitor.services.scenarios import record, words
from samenwerkingsmonitor.services.scenarios.checks import check_scenario_set, refused
from samenwerkingsmonitor.services.scenarios.compare import CouncilOutcome, compare
from samenwerkingsmonitor.services.scenarios.ports import ParsedScenarioSet, ScenarioReader
from samenwerkingsmonitor.services.scenarios.resolve import Resolution, resolve
from samenwerkingsmonitor.services.storage.ports import Repository

MIN_SAMPLES = 1_000
MAX_SAMPLES = 10_000_000


class ScenarioPorts(Protocol):
    def repository(self) -> Repository: ...

    def organisation_reader(self) -> OrganisationReader: ...

    def scenario_reader(self) -> ScenarioReader: ...


@dataclass(frozen=True, slots=True)
class ScenarioFileRequest:
    path: Path


@dataclass(frozen=True, slots=True)
class ScenarioRunRequest:
    path: Path
    user: str
    samples: int | None = None  # None: the file's samples (default 100,000)
    seed: int | None = None  # None: the file's seed, else drawn; recorded either way
    store: bool = True
    reason: str = ""


@dataclass(frozen=True)
class ScenarioOutcome:
    """Everything a page or a report shows of one scenario run."""

    scenario_set: ScenarioSet
    resolution: Resolution
    councils: tuple[CouncilOutcome, ...]
    samples: int
    seed: int
    run: record.RecordedRun
    headline: tuple[str, ...] = field(default=())
    confidence: tuple[str, ...] = field(default=())
    method: str = ""
    weights_text: tuple[str, ...] = field(default=())  # per council, in words
    costs: str = ""  # today's costs and each partner's share, when the set uses P&C data

    @property
    def monte_carlo_error(self) -> float:
        return max(c.result.monte_carlo_error for c in self.councils)

    @property
    def error_bound(self) -> float:
        return max(c.result.error_bound for c in self.councils)

    def transition(self, alternative: str) -> TransitionCost | None:
        return self.resolution.transition_costs.get(alternative)

    def separation_cost(self) -> TransitionCost | None:
        """The frictiekosten of going zelfstandig: the estimate of ontvlechtbaarheid."""
        for alternative in self.scenario_set.alternatives:
            if alternative.form.value == "zelfstandig":
                return self.transition(alternative.id)
        return None

    def as_dict(self) -> dict[str, Any]:
        return outcome_dict(self)


def validate_scenario_set(request: ScenarioFileRequest, ports: ScenarioPorts) -> ScenarioSet:
    """The scenario set, or ScenarioInvalid with every problem located; nothing is run."""
    return _checked(request.path, ports.scenario_reader()).scenario_set


def _checked(path: Path, reader: ScenarioReader) -> ParsedScenarioSet:
    parsed = reader(read_text(path), path.name)
    report = check_scenario_set(parsed.scenario_set, parsed.locate)
    if not report.ok:
        raise refused(path.name, report)
    return parsed


def run_scenarios(request: ScenarioRunRequest, ports: ScenarioPorts) -> ScenarioOutcome:
    """Check the file, fetch the values it points at, run SMAA-2 per council, and record the
    run (file, seed, samples, who, when, figures) unless `store` is off."""
    parsed = _checked(request.path, ports.scenario_reader())
    scenarios = parsed.scenario_set
    samples = request.samples if request.samples is not None else scenarios.samples
    if not MIN_SAMPLES <= samples <= MAX_SAMPLES:
        raise UsageError(_("Kies --samples tussen 1.000 en 10.000.000."))
    seed = request.seed if request.seed is not None else scenarios.seed
    seed = seed if seed is not None else secrets.randbelow(2**32)
    opened: dict[str, Any] = {}

    def repo() -> Repository:
        if "repo" not in opened:
            opened["repo"] = ports.repository()
        return opened["repo"]  # type: ignore[no-any-return]

    def organisation() -> Organisation:
        return load_registered_organisation(repo(), reader=ports.organisation_reader())

    resolution, report = resolve(scenarios, parsed.locate, repo, organisation)
    if not report.ok:
        raise refused(request.path.name, report)
    try:
        outcomes = compare(scenarios, resolution, samples, seed, DEFAULT_CHUNK)
    except ModelError as error:
        raise UsageError(str(error)) from None
    sha = hashlib.sha256(parsed.text.encode("utf-8")).hexdigest()
    run = record.RecordedRun(None, request.user, None, request.path.name, sha)
    if request.store:
        data = record.payload(scenarios, parsed.text, sha, request.path.name, resolution,
                              outcomes, samples, seed)
        with repo().transaction():
            stored = record.store(repo(), data, scenarios.id, request.user, request.reason)
        run = record.RecordedRun(record.run_id(stored.version), stored.user, stored.created,
                                 request.path.name, sha)
    return outcome(scenarios, resolution, outcomes, samples, seed, run)


def outcome(scenarios: ScenarioSet, resolution: Resolution,
            outcomes: tuple[CouncilOutcome, ...], samples: int, seed: int,
            run: record.RecordedRun) -> ScenarioOutcome:
    error = max(o.result.monte_carlo_error for o in outcomes)
    return ScenarioOutcome(
        scenarios, resolution, outcomes, samples, seed, run,
        headline=tuple(words.headline(scenarios, outcomes)),
        confidence=tuple(words.confidence_sentence(scenarios, o) for o in outcomes),
        method=words.method_sentence(samples, seed, error),
        weights_text=tuple(words.weights_in_words(scenarios, o.council) for o in outcomes),
        costs=words.cost_sentence(scenarios, resolution))


@dataclass(frozen=True, slots=True)
class StoredScenariosRequest:
    pass


def stored_scenario_outcomes(request: StoredScenariosRequest, ports: ScenarioPorts
                             ) -> tuple[ScenarioOutcome, ...]:
    """The newest stored run of each scenario set, as the run printed it."""
    return stored_outcomes(ports.repository(), ports.scenario_reader())


def stored_outcomes(repo: Repository, reader: ScenarioReader) -> tuple[ScenarioOutcome, ...]:
    found = []
    for document in record.latest_runs(repo):
        data = json.loads(document.text)
        scenarios, resolution, outcomes = record.read_back(data, reader)
        run = record.RecordedRun(record.run_id(document.version), document.user,
                                 document.created, data["file_name"], data["sha256"])
        found.append(outcome(scenarios, resolution, outcomes, data["samples"], data["seed"],
                             run))
    return tuple(found)


def _range(value: Any) -> dict[str, float]:
    return {"low": value.low, "likely": value.likely, "high": value.high}


def _nan_free(values: Any) -> Any:
    return [None if v != v else float(v) for v in values]


def outcome_dict(result: ScenarioOutcome) -> dict[str, Any]:
    """The outcome as plain data (the JSON of `scenario run --format json`)."""
    scenarios = result.scenario_set
    alternatives = [a.id for a in scenarios.alternatives]
    criteria = [c.id for c in scenarios.criteria]
    return {
        "run": {"id": result.run.id, "user": result.run.user,
                "created": result.run.created.isoformat() if result.run.created else None,
                "file": result.run.file_name, "sha256": result.run.sha256},
        "set": {"id": scenarios.id, "version": scenarios.version, "title": scenarios.title,
                "subject": scenarios.subject, "fictitious": scenarios.fictitious,
                "source": scenarios.source},
        "samples": result.samples, "seed": result.seed,
        "monte_carlo_error": result.monte_carlo_error, "error_bound": result.error_bound,
        "criteria": [{"id": c.id, "name": c.name, "unit": c.unit,
                      "direction": c.direction.value} for c in scenarios.criteria],
        "alternatives": [{"id": a.id, "name": a.name, "form": a.form.value,
                          "current": a.current} for a in scenarios.alternatives],
        "values": [{"alternative": v.alternative, "criterion": v.criterion,
                    "basis": v.basis.value, **_range(v.range), "source": v.source}
                   for v in result.resolution.values],
        "transition_costs": {
            alternative: {"total": _range(cost.total), "source": cost.source,
                          "terms": [{"name": t.name, "quantity": _range(t.quantity),
                                     "price": None if t.price is None else _range(t.price),
                                     "cost": _range(t.cost)} for t in cost.terms]}
            for alternative, cost in result.resolution.transition_costs.items()},
        "assessment_run": result.resolution.run_id,
        "cost_year": result.resolution.cost_year,
        "cost_shares": [{"municipality": s.municipality, "share_pct": s.share_pct,
                         "amount": s.amount} for s in result.resolution.cost_shares],
        "councils": [{
            "municipality": o.council.municipality, "name": o.council.name,
            "source": o.council.source, "weights": o.council.kind,
            "weights_in_words": result.weights_text[n],
            "best": alternatives[o.best()],
            "rank_acceptability": {a: _nan_free(o.result.rank_acceptability[i])
                                   for i, a in enumerate(alternatives)},
            "central_weights": {a: dict(zip(criteria, _nan_free(o.result.central_weights[i]),
                                            strict=True))
                                for i, a in enumerate(alternatives)},
            "confidence": dict(zip(alternatives, _nan_free(o.result.confidence), strict=True)),
            "mean_weights": dict(zip(criteria, _nan_free(o.result.mean_weights), strict=True)),
        } for n, o in enumerate(result.councils)],
        "headline": list(result.headline), "confidence_sentences": list(result.confidence),
        "costs_sentence": result.costs,
        "method": result.method,
    }
