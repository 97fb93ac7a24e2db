"""SMAA-2 on a vectorised kernel: rank acceptability, central weights, confidence factors.

Stochastic multicriteria acceptability analysis (Lahdelma and Salminen 2001, "SMAA-2:
Stochastic multicriteria acceptability analysis for group decision making", Operations
Research 49(3)) with an additive value model. Criteria values are drawn from triangular
distributions (low, likely, high) and weights uniformly from the feasible part of the weight
simplex: exact weights, intervals per criterion, a rank order of the criteria, or intervals and
a rank order together (docs/adr/0022-scenarios-smaa.md).

Every draw goes through the numpy Generator that is passed in; samples go in chunks of
`chunk` rows, so memory stays bounded for any number of samples. No I/O.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from samenwerkingsmonitor.errors import ModelError
from samenwerkingsmonitor.i18n import _

DEFAULT_CHUNK = 65_536
VALUE_CELLS = 1 << 17  # drawn values per chunk (1 MB) when values are uncertain: stays in cache
Z95 = 1.959963984540054  # two-sided 95 % normal quantile, for the Monte Carlo error
MIN_ACCEPTANCE = 1e-4  # below this share of accepted weight draws the bounds are too narrow


@dataclass(frozen=True, slots=True)
class WeightSpace:
    """What one council said about the weights of `count` criteria.

    exact: the weights themselves (they sum to 1). lower/upper: an interval per criterion.
    ranks: 1 for the most important criterion; equal numbers say nothing about their order.
    Without any of these every weight vector on the simplex is feasible.
    """

    count: int
    exact: tuple[float, ...] | None = None
    lower: tuple[float, ...] | None = None
    upper: tuple[float, ...] | None = None
    ranks: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class Performance:
    """Criteria values of m alternatives on k criteria as (m, k) ranges, and per criterion
    whether a higher value is better. low <= likely <= high everywhere."""

    low: np.ndarray
    likely: np.ndarray
    high: np.ndarray
    higher_is_better: tuple[bool, ...]


@dataclass(frozen=True)
class SmaaResult:
    """rank_acceptability[i, r]: share of samples in which alternative i has rank r+1 (ties
    share the better rank). central_weights[i]: mean weight vector of the samples in which i is
    first (NaN when it never is). confidence[i]: share of value samples in which i is first with
    its central weights (NaN when it never is first)."""

    samples: int
    rank_acceptability: np.ndarray  # (m, m)
    central_weights: np.ndarray  # (m, k)
    confidence: np.ndarray  # (m,)
    seed: int | None
    chunk: int
    mean_weights: np.ndarray  # (k,): the mean of all weight draws, where the space centres

    @property
    def first_rank(self) -> np.ndarray:
        return self.rank_acceptability[:, 0]

    @property
    def monte_carlo_error(self) -> float:
        """Largest 95 % half-width of an acceptability index or confidence factor."""
        shares = np.concatenate([self.rank_acceptability.ravel(),
                                 np.nan_to_num(self.confidence, nan=0.0)])
        return float(Z95 * np.sqrt(np.max(shares * (1 - shares)) / self.samples))

    @property
    def error_bound(self) -> float:
        """The 95 % half-width for a share of one half: no index is less certain than this."""
        return Z95 * 0.5 / math.sqrt(self.samples)


def partial_values(performance: Performance) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Low, likely and high as partial values in [0, 1] (1 is best), linear between the worst
    and the best value any alternative can take on that criterion. A criterion on which all
    alternatives are the same value gives 1 to all."""
    low = np.asarray(performance.low, dtype=float)
    likely = np.asarray(performance.likely, dtype=float)
    high = np.asarray(performance.high, dtype=float)
    _check_performance(low, likely, high, performance.higher_is_better)
    floor, ceiling = low.min(axis=0), high.max(axis=0)
    span = np.where(ceiling > floor, ceiling - floor, 1.0)
    up = np.asarray(performance.higher_is_better, dtype=bool)
    constant = ceiling <= floor

    def scale(x: np.ndarray) -> np.ndarray:
        value = np.where(up, (x - floor) / span, (ceiling - x) / span)
        return np.where(constant, 1.0, value)

    v_low, v_likely, v_high = scale(low), scale(likely), scale(high)
    lower_is_better = ~up
    return (np.where(lower_is_better, v_high, v_low), v_likely,
            np.where(lower_is_better, v_low, v_high))


def _check_performance(low: np.ndarray, likely: np.ndarray, high: np.ndarray,
                       higher: tuple[bool, ...]) -> None:
    if low.ndim != 2 or low.shape != likely.shape or low.shape != high.shape:
        raise ModelError(_("Laag, waarschijnlijk en hoog moeten per alternatief en criterium "
                           "een waarde hebben."))
    if len(higher) != low.shape[1]:
        raise ModelError(_("Elk criterium heeft een richting nodig (hoger of lager is beter)."))
    if not (np.all(np.isfinite(low)) and np.all(np.isfinite(likely))
            and np.all(np.isfinite(high))):
        raise ModelError(_("Een waarde van een scenario is geen eindig getal."))
    if np.any(low > likely) or np.any(likely > high):
        raise ModelError(_("Een bandbreedte moet laag ≤ waarschijnlijk ≤ hoog zijn."))


def check_weight_space(space: WeightSpace) -> None:
    """ModelError when no weight vector satisfies the space."""
    k = space.count
    if k < 1:
        raise ModelError(_("Er is minstens één criterium nodig."))
    if space.exact is not None:
        exact = np.asarray(space.exact, dtype=float)
        if exact.shape != (k,) or np.any(exact < 0) or not math.isclose(exact.sum(), 1.0,
                                                                         abs_tol=1e-9):
            raise ModelError(_("Vaste gewichten zijn niet negatief en tellen op tot 1."))
        return
    lower, upper = _bounds(space)
    if np.any(lower > upper) or lower.sum() > 1 + 1e-12 or upper.sum() < 1 - 1e-12:
        raise ModelError(_("Geen enkele weging past binnen deze grenzen: de ondergrenzen "
                           "tellen op tot meer dan 1, of de bovengrenzen tot minder dan 1."))
    if space.ranks is not None and len(space.ranks) != k:
        raise ModelError(_("De rangorde noemt niet elk criterium precies één keer."))


def _bounds(space: WeightSpace) -> tuple[np.ndarray, np.ndarray]:
    k = space.count
    lower = np.zeros(k) if space.lower is None else np.asarray(space.lower, dtype=float)
    upper = np.ones(k) if space.upper is None else np.asarray(space.upper, dtype=float)
    return lower, upper


def simplex(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    """n weight vectors uniform on the (k-1)-simplex (normalised exponential draws)."""
    draws = -np.log1p(-rng.random((n, k)))
    return draws / draws.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]


def _ordered(rng: np.random.Generator, weights: np.ndarray, ranks: np.ndarray) -> np.ndarray:
    """The same vectors, each sorted so that a criterion with a smaller rank number weighs at
    least as much; criteria of equal rank take their places in random order. Uniform on the
    region the rank order allows, since each ordering of the simplex has the same volume."""
    n, k = weights.shape
    descending = -np.sort(-weights, axis=1)
    keys = ranks[None, :] + rng.random((n, k))
    slots = np.argsort(keys, axis=1)  # slot j of each row: the criterion that gets weight j
    placed = np.empty_like(weights)
    np.put_along_axis(placed, slots, descending, axis=1)
    return placed


def sample_weights(space: WeightSpace, n: int, rng: np.random.Generator) -> np.ndarray:
    """n feasible weight vectors (n, k), uniform on the feasible part of the simplex."""
    check_weight_space(space)
    k = space.count
    if space.exact is not None:
        return np.broadcast_to(np.asarray(space.exact, dtype=float), (n, k)).copy()
    ranks = None if space.ranks is None else np.asarray(space.ranks, dtype=float)
    bounded = space.lower is not None or space.upper is not None
    if not bounded:
        weights = simplex(rng, n, k)
        return weights if ranks is None else _ordered(rng, weights, ranks)
    lower, upper = _bounds(space)
    kept: list[np.ndarray] = []
    have = drawn = 0
    while have < n:
        batch = max(1024, min(4 * (n - have), 1 << 20))
        candidates = simplex(rng, batch, k)
        if ranks is not None:
            candidates = _ordered(rng, candidates, ranks)
        inside = np.all((candidates >= lower) & (candidates <= upper), axis=1)
        kept.append(candidates[inside])
        have += int(inside.sum())
        drawn += batch
        if drawn >= 100_000 and have < MIN_ACCEPTANCE * drawn:
            raise ModelError(_("De grenzen en de rangorde van de gewichten laten bijna geen "
                               "weging toe (minder dan 1 op de 10.000). Verruim de grenzen."))
    return np.concatenate(kept)[:n]


def sample_values(low: np.ndarray, likely: np.ndarray, high: np.ndarray, n: int,
                  rng: np.random.Generator) -> np.ndarray:
    """n draws (n, m, k) from triangular distributions. With U1, U2 uniform on [0, 1] and the
    mode at share c of the range, (1 - c) min(U1, U2) + c max(U1, U2) is triangular on [0, 1]
    (Stein and Keblis 2009): no branch, no square root, computed in place. An exact value
    (low == high) comes out as itself."""
    if not np.any(high > low):
        return np.broadcast_to(likely, (n, *likely.shape)).copy()
    width = high - low
    mode = np.divide(likely - low, width, out=np.zeros_like(width), where=width > 0)
    u = rng.random((2, n, *likely.shape))
    values = np.minimum(u[0], u[1])
    np.maximum(u[0], u[1], out=u[1])
    values *= width * (1 - mode)
    u[1] *= width * mode
    values += u[1]
    values += low
    return values  # type: ignore[no-any-return]


def chunk_rows(chunk: int, fixed: bool, m: int, k: int) -> int:
    """Rows per chunk: `chunk` when only weights are drawn, fewer when every row also draws
    m × k values, so that a chunk holds about VALUE_CELLS values."""
    return chunk if fixed else max(256, min(chunk, VALUE_CELLS // (m * k)))


def ranks_of(utilities: np.ndarray) -> np.ndarray:
    """Rank (0 = best) of each alternative per row: how many others are strictly better, so
    tied alternatives share the better rank."""
    rank = np.zeros(utilities.shape, dtype=np.int64)
    for other in range(utilities.shape[1]):
        rank += utilities[:, other, None] > utilities
    return rank


def smaa2(performance: Performance, space: WeightSpace, samples: int,
          rng: np.random.Generator, *, seed: int | None = None,
          chunk: int = DEFAULT_CHUNK) -> SmaaResult:
    """Rank acceptability indices and central weights from `samples` draws of weights and
    values, then confidence factors from as many fresh value draws."""
    if samples < 1:
        raise ModelError(_("Het aantal trekkingen moet minstens 1 zijn."))
    low, likely, high = partial_values(performance)
    m, k = low.shape
    if space.count != k:
        raise ModelError(_("De weging noemt {weights} criteria, het scenario {criteria}."
                           ).format(weights=space.count, criteria=k))
    fixed = bool(np.all(high <= low))
    chunk = chunk_rows(chunk, fixed, m, k)
    counts = np.zeros(m * m, dtype=np.int64)
    weight_sums = np.zeros((m, k))
    all_weights = np.zeros(k)
    offsets = np.arange(m) * m
    for start in range(0, samples, chunk):
        size = min(chunk, samples - start)
        weights = sample_weights(space, size, rng)
        if fixed:
            utilities = weights @ likely.T
        else:
            values = sample_values(low, likely, high, size, rng)
            utilities = (values @ weights[:, :, None])[..., 0]
        rank = ranks_of(utilities)
        counts += np.bincount((rank + offsets).ravel(), minlength=m * m)
        weight_sums += (rank == 0).T.astype(float) @ weights
        all_weights += weights.sum(axis=0)
    acceptability = counts.reshape(m, m) / samples
    firsts = counts.reshape(m, m)[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = weight_sums / firsts[:, None]
    central[firsts == 0] = np.nan
    confidence = _confidence(low, likely, high, central, samples, rng, chunk, fixed)
    return SmaaResult(samples, acceptability, central, confidence, seed, chunk,
                      all_weights / samples)


def _confidence(low: np.ndarray, likely: np.ndarray, high: np.ndarray, central: np.ndarray,
                samples: int, rng: np.random.Generator, chunk: int, fixed: bool) -> np.ndarray:
    m = low.shape[0]
    has = ~np.isnan(central[:, 0])
    weights = np.where(has[:, None], central, 0.0)
    if fixed:
        utilities = likely @ weights.T  # (m alternatives, m central weight vectors)
        best = utilities.max(axis=0)
        first = utilities[np.arange(m), np.arange(m)] >= best
        return np.where(has, first.astype(float), np.nan)
    wins = np.zeros(m, dtype=np.int64)
    for start in range(0, samples, chunk):
        size = min(chunk, samples - start)
        values = sample_values(low, likely, high, size, rng)
        utilities = values @ weights.T  # (samples, alternative, whose central weights)
        own = utilities[:, np.arange(m), np.arange(m)]
        wins += (own >= utilities.max(axis=1)).sum(axis=0)
    return np.where(has, wins / samples, np.nan)
