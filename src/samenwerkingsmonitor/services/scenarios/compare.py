"""The comparison itself: the resolved values as a performance table, each council's weights
as a weight space, and SMAA-2 per council (analysis/smaa.py).

Each council gets its own generator from the one recorded seed ([seed, council number]), so a
run reproduces from its seed and adding a council does not change the others' figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from samenwerkingsmonitor.analysis.smaa import (
    DEFAULT_CHUNK,
    Performance,
    SmaaResult,
    WeightSpace,
    smaa2,
)
from samenwerkingsmonitor.domain.scenarios import CouncilWeights, ScenarioSet
from samenwerkingsmonitor.services.scenarios.resolve import Resolution


@dataclass(frozen=True)
class CouncilOutcome:
    council: CouncilWeights
    result: SmaaResult

    def best(self) -> int:
        """Index of the alternative most often first."""
        return int(np.argmax(self.result.first_rank))


def performance(scenarios: ScenarioSet, resolution: Resolution) -> Performance:
    alternatives = [a.id for a in scenarios.alternatives]
    criteria = [c.id for c in scenarios.criteria]
    shape = (len(alternatives), len(criteria))
    low, likely, high = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    for value in resolution.values:
        i, j = alternatives.index(value.alternative), criteria.index(value.criterion)
        low[i, j], likely[i, j], high[i, j] = value.range.low, value.range.likely, \
            value.range.high
    return Performance(low, likely, high, tuple(c.higher_is_better for c in scenarios.criteria))


def weight_space(scenarios: ScenarioSet, council: CouncilWeights) -> WeightSpace:
    criteria = [c.id for c in scenarios.criteria]
    k = len(criteria)
    if council.exact is not None:
        return WeightSpace(k, exact=tuple(council.exact[c] for c in criteria))
    lower = tuple(council.lower.get(c, 0.0) for c in criteria) if council.lower else None
    upper = tuple(council.upper.get(c, 1.0) for c in criteria) if council.upper else None
    ranks = tuple(council.rank[c] for c in criteria) if council.rank else None
    return WeightSpace(k, lower=lower, upper=upper, ranks=ranks)


def compare(scenarios: ScenarioSet, resolution: Resolution, samples: int, seed: int,
            chunk: int = DEFAULT_CHUNK) -> tuple[CouncilOutcome, ...]:
    table = performance(scenarios, resolution)
    return tuple(
        CouncilOutcome(council, smaa2(table, weight_space(scenarios, council), samples,
                                      np.random.default_rng([seed, number]), seed=seed,
                                      chunk=chunk))
        for number, council in enumerate(scenarios.councils))
