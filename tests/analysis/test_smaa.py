"""The SMAA-2 kernel: worked cases with known answers, a weighted sum by pymcdm, weights drawn
where the council allows them, and properties (dominance, relabelling)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samenwerkingsmonitor.analysis.smaa import (
    Performance,
    WeightSpace,
    partial_values,
    ranks_of,
    sample_values,
    sample_weights,
    smaa2,
)
from samenwerkingsmonitor.errors import ModelError

Z = 4.0  # a 4-standard-error band: a correct kernel fails this about once in 16,000 runs


def _exact(matrix: np.ndarray, higher: tuple[bool, ...]) -> Performance:
    return Performance(matrix, matrix, matrix, higher)


def _within_error(estimate: float, truth: float, samples: int) -> bool:
    error = np.sqrt(max(truth * (1 - truth), 1e-12) / samples)
    return abs(estimate - truth) <= Z * error + 1e-12


def test_two_criteria_without_weights_match_the_areas_of_the_weight_line() -> None:
    """Two criteria, exact values, no weight information: the weight of criterion 1 is uniform
    on [0, 1], so each acceptability is the length of the interval where the alternative wins
    (Lahdelma, Hokkanen and Salminen 1998, the geometric reading of SMAA). A = (1, 0),
    B = (0, 1), C = (c, c): C wins for t in (c', 1 - c'), with t the weight of criterion 1."""
    c = 0.6  # partial values after scaling: A (1, 0), B (0, 1), C (0.6, 0.6)
    matrix = np.array([[1.0, 0.0], [0.0, 1.0], [c, c]])
    samples = 200_000
    result = smaa2(_exact(matrix, (True, True)), WeightSpace(2), samples,
                   np.random.default_rng(7))
    # A first when t > c, B when t < 1 - c, C in between.
    truths = {0: 1 - c, 1: 1 - c, 2: 2 * c - 1}
    for alternative, truth in truths.items():
        assert _within_error(result.first_rank[alternative], truth, samples)
    # Central weights: the middle of each interval.
    assert result.central_weights[0, 0] == pytest.approx((1 + c) / 2, abs=0.005)
    assert result.central_weights[1, 0] == pytest.approx((1 - c) / 2, abs=0.005)
    assert result.central_weights[2, 0] == pytest.approx(0.5, abs=0.005)
    # Exact values: with its central weights each alternative is surely first.
    assert result.confidence.tolist() == [1.0, 1.0, 1.0]
    # C is never last: at worst second (it beats A or B whatever the weights).
    assert result.rank_acceptability[2, 2] == 0.0


def test_uniform_ranges_with_equal_weights_match_the_closed_form() -> None:
    """One criterion, X ~ Tri(0, 1, 1) against Y ~ Tri(0, 0, 1): P(Y < X) is the integral
    of 2x (1 - (1 - x)^2) over [0, 1] = 5/6, integrated here numerically, apart from the
    kernel."""
    grid = np.linspace(0.0, 1.0, 200_001)
    density_x = 2 * grid  # Tri(0, 1, 1)
    cdf_y = 1 - (1 - grid) ** 2  # Tri(0, 0, 1)
    truth = float(np.trapezoid(density_x * cdf_y, grid))  # P(Y < X)
    low, likely, high = np.array([[0.0], [0.0]]), np.array([[1.0], [0.0]]), np.ones((2, 1))
    samples = 200_000
    result = smaa2(Performance(low, likely, high, (True,)), WeightSpace(1), samples,
                   np.random.default_rng(11))
    assert truth == pytest.approx(5 / 6, abs=1e-6)
    assert _within_error(result.first_rank[0], truth, samples)
    assert result.monte_carlo_error <= result.error_bound
    assert result.rank_acceptability.sum(axis=1) == pytest.approx([1.0, 1.0])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_exact_weights_and_values_rank_as_the_weighted_sum_of_pymcdm(seed: int) -> None:
    from pymcdm.methods import WSM
    from pymcdm.normalizations import minmax_normalization

    rng = np.random.default_rng(seed)
    matrix = rng.uniform(1, 100, size=(7, 5))
    higher = (True, False, True, False, True)
    weights = rng.dirichlet(np.ones(5))
    result = smaa2(_exact(matrix, higher), WeightSpace(5, exact=tuple(weights)), 1_000,
                   np.random.default_rng(seed))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pymcdm warns about dominant alternatives
        method = WSM(minmax_normalization)
        preferences = method(matrix, weights, np.array([1 if h else -1 for h in higher]))
        expected = method.rank(preferences).astype(int) - 1
    assert result.rank_acceptability.argmax(axis=1).tolist() == expected.tolist()
    assert set(result.rank_acceptability.ravel().tolist()) == {0.0, 1.0}


def test_partial_values_put_the_best_value_at_one_in_either_direction() -> None:
    low = np.array([[10.0, 100.0], [20.0, 300.0]])
    high = np.array([[30.0, 200.0], [40.0, 500.0]])
    likely = (low + high) / 2
    v_low, v_likely, v_high = partial_values(Performance(low, likely, high, (True, False)))
    assert v_low.tolist() == [[0.0, 0.75], [1 / 3, 0.0]]
    assert v_high.tolist() == [[2 / 3, 1.0], [1.0, 0.5]]
    assert v_likely.tolist() == [[1 / 3, 0.875], [2 / 3, 0.25]]


def test_triangular_draws_have_the_mean_of_the_distribution() -> None:
    low, likely, high = np.array([[0.0, 2.0]]), np.array([[0.2, 2.0]]), np.array([[1.0, 2.0]])
    values = sample_values(low, likely, high, 400_000, np.random.default_rng(5))
    assert values[:, 0, 0].mean() == pytest.approx(1.2 / 3, abs=0.002)
    assert values[:, 0, 0].min() >= 0.0 and values[:, 0, 0].max() <= 1.0
    assert set(values[:, 0, 1].tolist()) == {2.0}


def test_weights_follow_a_rank_order_and_cover_its_region_uniformly() -> None:
    """Under w1 >= w2 >= w3 the region is a triangle with vertices (1,0,0), (1/2,1/2,0),
    (1/3,1/3,1/3): its centroid is the mean of a uniform sample."""
    weights = sample_weights(WeightSpace(3, ranks=(1, 2, 3)), 300_000, np.random.default_rng(3))
    assert np.all(weights[:, 0] >= weights[:, 1]) and np.all(weights[:, 1] >= weights[:, 2])
    assert weights.sum(axis=1) == pytest.approx(np.ones(len(weights)))
    centroid = (np.array([1, 0, 0]) + np.array([0.5, 0.5, 0]) + np.array([1, 1, 1]) / 3) / 3
    assert weights.mean(axis=0) == pytest.approx(centroid, abs=0.002)


def test_equal_ranks_leave_the_order_between_them_open() -> None:
    weights = sample_weights(WeightSpace(3, ranks=(1, 2, 2)), 100_000, np.random.default_rng(4))
    assert np.all(weights[:, 0] >= weights[:, 1]) and np.all(weights[:, 0] >= weights[:, 2])
    assert (weights[:, 1] > weights[:, 2]).mean() == pytest.approx(0.5, abs=0.01)


def test_weights_stay_inside_intervals() -> None:
    space = WeightSpace(3, lower=(0.2, 0.1, 0.0), upper=(0.5, 0.6, 0.3))
    weights = sample_weights(space, 50_000, np.random.default_rng(8))
    assert weights.shape == (50_000, 3)
    assert np.all(weights >= np.array(space.lower)) and np.all(weights <= np.array(space.upper))


def test_impossible_weights_are_refused_with_the_reason() -> None:
    with pytest.raises(ModelError) as error:
        sample_weights(WeightSpace(2, lower=(0.6, 0.6)), 10, np.random.default_rng(1))
    assert str(error.value) == ("Geen enkele weging past binnen deze grenzen: de ondergrenzen "
                                "tellen op tot meer dan 1, of de bovengrenzen tot minder dan 1.")
    with pytest.raises(ModelError) as error:
        sample_weights(WeightSpace(2, exact=(0.5, 0.6)), 10, np.random.default_rng(1))
    assert str(error.value) == "Vaste gewichten zijn niet negatief en tellen op tot 1."


def test_the_same_seed_gives_the_same_result_and_chunks_bound_memory() -> None:
    rng = np.random.default_rng(0)
    likely = rng.uniform(0, 10, (4, 3))
    performance = Performance(likely - 1, likely, likely + 2, (True, False, True))
    first = smaa2(performance, WeightSpace(3, ranks=(1, 2, 3)), 20_000,
                  np.random.default_rng(42), chunk=4096)
    again = smaa2(performance, WeightSpace(3, ranks=(1, 2, 3)), 20_000,
                  np.random.default_rng(42), chunk=4096)
    assert np.array_equal(first.rank_acceptability, again.rank_acceptability)
    assert np.array_equal(first.central_weights, again.central_weights, equal_nan=True)
    assert np.array_equal(first.confidence, again.confidence, equal_nan=True)


def test_ties_share_the_better_rank() -> None:
    assert ranks_of(np.array([[1.0, 1.0, 0.5], [0.2, 0.9, 0.9]])).tolist() == [[0, 0, 2],
                                                                             [2, 0, 0]]


values = st.floats(min_value=0.0, max_value=100.0, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None)
@given(data=st.data(), m=st.integers(2, 5), k=st.integers(1, 4), seed=st.integers(0, 2**32 - 1))
def test_a_dominating_alternative_never_ranks_lower(data: st.DataObject, m: int, k: int,
                                                   seed: int) -> None:
    """If alternative 0 is at least as good as alternative 1 on every criterion in every
    possible draw (its low beats 1's high), its cumulative rank acceptability is never
    smaller."""
    higher = tuple(data.draw(st.lists(st.booleans(), min_size=k, max_size=k)))
    low = np.array(data.draw(st.lists(st.lists(values, min_size=k, max_size=k),
                                      min_size=m, max_size=m)))
    spread = np.array(data.draw(st.lists(st.lists(st.floats(0, 10), min_size=k, max_size=k),
                                         min_size=m, max_size=m)))
    high = low + spread
    for j, up in enumerate(higher):  # make alternative 0 dominate alternative 1
        if up:
            low[0, j] = high[0, j] = max(high[0, j], high[1, j])
        else:
            low[0, j] = high[0, j] = min(low[0, j], low[1, j])
    likely = (low + high) / 2
    result = smaa2(Performance(low, likely, high, higher), WeightSpace(k), 2_000,
                   np.random.default_rng(seed))
    cumulative = result.rank_acceptability.cumsum(axis=1)
    assert np.all(cumulative[0] >= cumulative[1] - 1e-12)


@settings(max_examples=40, deadline=None)
@given(data=st.data(), m=st.integers(2, 6), k=st.integers(1, 4), seed=st.integers(0, 2**32 - 1))
def test_relabelling_alternatives_permutes_the_indices(data: st.DataObject, m: int, k: int,
                                                      seed: int) -> None:
    matrix = np.array(data.draw(st.lists(st.lists(values, min_size=k, max_size=k),
                                         min_size=m, max_size=m)))
    order = np.array(data.draw(st.permutations(range(m))))
    higher = (True,) * k
    space = WeightSpace(k)
    result = smaa2(_exact(matrix, higher), space, 1_000, np.random.default_rng(seed))
    swapped = smaa2(_exact(matrix[order], higher), space, 1_000, np.random.default_rng(seed))
    assert np.array_equal(swapped.rank_acceptability, result.rank_acceptability[order])
    assert np.array_equal(swapped.confidence, result.confidence[order], equal_nan=True)
