"""Benchmark of the SMAA-2 kernel of scenarios (issue 13).

    .venv/bin/python bench/scenarios.py [--trekkingen N] [--lus N]

1,000,000 weight samples × 10 alternatives × 8 criteria through analysis/smaa.py (rank
acceptability, central weights, confidence factors), twice: with exact criteria values (only the
weights are drawn) and with a range on every value (values drawn too). Each against the same
computation as a bare numpy pass in this file, on the same random numbers, which must give the
same acceptabilities (else VERSCHIL). Then a per-sample loop over pymcdm's weighted sum on
10,000 samples. Prints times, ratios, peak memory, and each aim as "gehaald" or "GEMIST". The
workload is never shrunk to meet an aim.
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
              "NUMEXPR_NUM_THREADS"):
    os.environ[_name] = "1"  # one core: set before numpy is imported

import argparse  # noqa: E402
import tracemalloc  # noqa: E402
import warnings  # noqa: E402
from time import perf_counter  # noqa: E402

import numpy as np  # noqa: E402

from samenwerkingsmonitor.analysis.smaa import (  # noqa: E402
    DEFAULT_CHUNK,
    Performance,
    WeightSpace,
    chunk_rows,
    smaa2,
)

ALTERNATIVES, CRITERIA, SAMPLES, LOOP_SAMPLES, SEED = 10, 8, 1_000_000, 10_000, 20261204
AIM_BARE = 2.0  # kernel time at most this times the bare pass
AIM_LOOP = 100.0  # kernel at least this many times faster per sample than the pymcdm loop
AIM_MEMORY_MB = 256.0  # peak traced memory of a kernel run; unchunked values alone are 640 MB


def problem(uncertain: bool) -> Performance:
    rng = np.random.default_rng(SEED)
    likely = rng.uniform(10, 100, (ALTERNATIVES, CRITERIA))
    spread = rng.uniform(0, 15, (ALTERNATIVES, CRITERIA)) if uncertain else 0.0
    higher = tuple(j % 2 == 0 for j in range(CRITERIA))
    return Performance(likely - spread, likely, likely + spread, higher)


def bare(performance: Performance, samples: int, seed: int) -> np.ndarray:
    """The same SMAA-2 in plain numpy: partial values, simplex weights, triangular values,
    utilities, ranks by counting, acceptabilities, central weights, confidence factors; the
    same chunks and the same order of random draws as the kernel."""
    rng = np.random.default_rng(seed)
    low, likely, high = performance.low, performance.likely, performance.high
    up = np.array(performance.higher_is_better)
    floor, ceiling = low.min(axis=0), high.max(axis=0)
    span = ceiling - floor
    a = np.where(up, (low - floor) / span, (ceiling - high) / span)
    c = np.where(up, (likely - floor) / span, (ceiling - likely) / span)
    b = np.where(up, (high - floor) / span, (ceiling - low) / span)
    m, k = a.shape
    fixed = bool(np.all(b <= a))
    width = b - a
    mode = np.divide(c - a, width, out=np.zeros_like(width), where=width > 0)
    chunk = chunk_rows(DEFAULT_CHUNK, fixed, m, k)

    def values(n: int) -> np.ndarray:
        u = rng.random((2, n, m, k))
        return (np.minimum(u[0], u[1]) * (width * (1 - mode))
                + np.maximum(u[0], u[1]) * (width * mode) + a)

    counts = np.zeros(m * m, dtype=np.int64)
    sums = np.zeros((m, k))
    for start in range(0, samples, chunk):
        n = min(chunk, samples - start)
        w = -np.log1p(-rng.random((n, k)))
        w /= w.sum(axis=1, keepdims=True)
        u = w @ c.T if fixed else (values(n) @ w[:, :, None])[..., 0]
        rank = np.zeros((n, m), dtype=np.int64)
        for j in range(m):
            rank += u[:, j, None] > u
        counts += np.bincount((rank + np.arange(m) * m).ravel(), minlength=m * m)
        sums += (rank == 0).T.astype(float) @ w
    firsts = counts.reshape(m, m)[:, 0]
    central = np.where(firsts[:, None] > 0, sums / np.maximum(firsts, 1)[:, None], 0.0)
    if not fixed:
        wins = np.zeros(m, dtype=np.int64)
        for start in range(0, samples, chunk):
            n = min(chunk, samples - start)
            u = values(n) @ central.T
            wins += (u[:, np.arange(m), np.arange(m)] >= u.max(axis=1)).sum(axis=0)
    return counts.reshape(m, m) / samples


def pymcdm_loop(performance: Performance, samples: int, seed: int) -> float:
    from pymcdm.methods import WSM
    from pymcdm.normalizations import minmax_normalization

    rng = np.random.default_rng(seed)
    types = np.array([1 if h else -1 for h in performance.higher_is_better])
    method = WSM(minmax_normalization)
    counts = np.zeros((ALTERNATIVES, ALTERNATIVES))
    start = perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(samples):
            weights = rng.dirichlet(np.ones(CRITERIA))
            matrix = rng.triangular(performance.low, performance.likely, performance.high) \
                if np.any(performance.high > performance.low) else performance.likely
            ranking = method.rank(method(matrix, weights, types)).astype(int) - 1
            counts[np.arange(ALTERNATIVES), ranking] += 1
    return perf_counter() - start


def timed_kernel(performance: Performance, samples: int) -> tuple[float, np.ndarray]:
    start = perf_counter()
    result = smaa2(performance, WeightSpace(CRITERIA), samples, np.random.default_rng(SEED))
    return perf_counter() - start, result.rank_acceptability


def peak_memory(performance: Performance, samples: int) -> float:
    """Peak traced memory (MB) of a kernel run; a separate run, since tracing slows numpy."""
    tracemalloc.start()
    smaa2(performance, WeightSpace(CRITERIA), samples, np.random.default_rng(SEED))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def aim(ok: bool) -> str:
    return "gehaald" if ok else "GEMIST"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trekkingen", type=int, default=SAMPLES)
    parser.add_argument("--lus", type=int, default=LOOP_SAMPLES)
    options = parser.parse_args()
    samples = options.trekkingen
    print(f"SMAA-2 (issue 13): {samples:,} trekkingen × {ALTERNATIVES} alternatieven × "
          f"{CRITERIA} criteria, één kern")
    for label, uncertain in (("vaste waarden", False), ("bandbreedtes", True)):
        performance = problem(uncertain)
        smaa2(performance, WeightSpace(CRITERIA), 10_000, np.random.default_rng(1))  # warm
        kernel, acceptability = timed_kernel(performance, samples)
        memory = peak_memory(performance, samples)
        start = perf_counter()
        reference = bare(performance, samples, SEED)
        bare_seconds = perf_counter() - start
        loop = pymcdm_loop(performance, options.lus, SEED)
        per_sample_kernel = kernel / samples
        per_sample_loop = loop / options.lus
        same = np.array_equal(acceptability, reference)
        print(f"\n[{label}]")
        print(f"  kern (analysis/smaa.py):   {kernel:8.2f} s  "
              f"({samples / kernel / 1e6:.2f} M trekkingen/s)")
        print(f"  kale numpy-doorgang:       {bare_seconds:8.2f} s  "
              f"(kern/kaal = {kernel / bare_seconds:.2f}×; doel ≤ {AIM_BARE:g}×: "
              f"{aim(kernel <= AIM_BARE * bare_seconds)})")
        print(f"  pymcdm-lus, {options.lus:,} trekkingen: {loop:8.2f} s  "
              f"({per_sample_loop * 1e6:.0f} µs per trekking; kern "
              f"{per_sample_kernel * 1e6:.2f} µs; {per_sample_loop / per_sample_kernel:,.0f}× "
              f"sneller; doel ≥ {AIM_LOOP:g}×: "
              f"{aim(per_sample_loop / per_sample_kernel >= AIM_LOOP)})")
        print(f"  piekgeheugen kern:         {memory:8.1f} MB (doel ≤ {AIM_MEMORY_MB:g} MB: "
              f"{aim(memory <= AIM_MEMORY_MB)})")
        print(f"  rangkansen kern = kaal:    {'ja' if same else 'VERSCHIL'}")
        if not same:
            print(f"    grootste verschil: {np.abs(acceptability - reference).max():.2e}")


if __name__ == "__main__":
    main()
