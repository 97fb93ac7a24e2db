"""A synthetic national data set for the benchmark: 342 municipalities × 2018-2027.

Everything is drawn from one seeded numpy Generator, in the typical ranges of the published
BBV indicators (docs/domain.md: formatie 5-7.5 fte per 1,000, apparaatskosten € 220-600 per
inhabitant, externe inhuur 2-15 %, overhead 7-14.5 %), a little wider so that every verdict
occurs. A few municipalities keep their staff in a shared organisation (formatie near 0.18 fte
per 1,000, marked not comparable) and a few input values are missing, as in real data.
All numbers are fictitious.

The same arrays feed the engine (as the long measurement frame of analysis/indicator_values.py),
the CSV and organisation file of the service path, and the bare numpy pass (bench/bare.py).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MUNICIPALITIES = 342
YEARS = tuple(range(2018, 2028))
SEED = 20260101
INPUTS: dict[str, str] = {
    "inwoners": "aantal",
    "formatie_fte": "fte",
    "bezetting_fte": "fte",
    "apparaatskosten_eur": "eur",
    "loonsom_eur": "eur",
    "inhuur_eur": "eur",
    "lasten_totaal_eur": "eur",
    "lasten_overhead_eur": "eur",
}
"""The inputs of the five BBV indicators and their units (standaardkader.toml)."""

SIZE_CLASSES: tuple[tuple[str, str, float], ...] = (
    ("grootteklasse-1", "tot 10.000 inwoners", 10_000),
    ("grootteklasse-2", "10.000 tot 15.000 inwoners", 15_000),
    ("grootteklasse-3", "15.000 tot 20.000 inwoners", 20_000),
    ("vergelijkbare-gemeenten", "20.000 tot 30.000 inwoners", 30_000),
    ("grootteklasse-5", "30.000 tot 40.000 inwoners", 40_000),
    ("grootteklasse-6", "40.000 tot 60.000 inwoners", 60_000),
    ("grootteklasse-7", "60.000 tot 100.000 inwoners", 100_000),
    ("grootteklasse-8", "100.000 tot 200.000 inwoners", 200_000),
    ("grootteklasse-9", "200.000 inwoners of meer", float("inf")),
)
"""Nine peer groups by size class (inhabitants on 1 January 2018); together they hold every
municipality. The class of Heemstede-sized municipalities carries the id the standaardkader's
peer norms name, so the shipped framework runs unchanged."""

SHARED_STAFF = 6  # municipalities whose staff sit in a shared organisation: not comparable
MISSING_SHARE = 0.005  # share of input values left out


@dataclass(frozen=True, slots=True)
class PeerGroupSpec:
    id: str
    name: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NationalData:
    """Inputs as (municipality × year) arrays; NaN is a missing value."""

    codes: tuple[str, ...]
    years: tuple[int, ...]
    inputs: dict[str, np.ndarray]
    not_comparable: dict[str, np.ndarray]  # (municipality × year) bool per input
    groups: tuple[PeerGroupSpec, ...]

    @property
    def cells(self) -> int:
        return sum(int((~np.isnan(v)).sum()) for v in self.inputs.values())


def _inhabitants(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """Log-normal sizes around 28,000 (roughly the Dutch spread), growing 0-1 % a year."""
    start = np.clip(rng.lognormal(np.log(28_000), 0.8, shape[0]), 950, 900_000)
    growth = np.cumprod(1 + rng.uniform(-0.002, 0.01, shape), axis=1) / (1 + 0.004)
    return np.round(start[:, None] * growth)


def _rate(rng: np.random.Generator, low: float, high: float, shape: tuple[int, int],
          drift: float) -> np.ndarray:
    """A level per municipality in [low, high], with a yearly drift and a little noise."""
    base = rng.uniform(low, high, shape[0])[:, None]
    years = np.arange(shape[1])[None, :]
    return base * (1 + drift) ** years * rng.normal(1.0, 0.02, shape)


def generate(seed: int = SEED, municipalities: int = MUNICIPALITIES,
             years: tuple[int, ...] = YEARS) -> NationalData:
    rng = np.random.default_rng(seed)
    shape = (municipalities, len(years))
    inwoners = _inhabitants(rng, shape)
    formatie = _rate(rng, 4.8, 8.2, shape, 0.005) * inwoners / 1000
    bezetting = formatie * rng.uniform(0.86, 1.04, shape)
    apparaat = _rate(rng, 220, 620, shape, 0.03) * inwoners
    loonsom = bezetting * rng.uniform(65_000, 85_000, shape)
    inhuur_share = _rate(rng, 0.02, 0.17, shape, 0.0).clip(0.005, 0.5)
    inhuur = loonsom * inhuur_share / (1 - inhuur_share)
    lasten = _rate(rng, 1_900, 3_600, shape, 0.03) * inwoners
    overhead = lasten * _rate(rng, 5.5, 15.5, shape, 0.0) / 100
    inputs = {
        "inwoners": inwoners, "formatie_fte": formatie, "bezetting_fte": bezetting,
        "apparaatskosten_eur": apparaat, "loonsom_eur": loonsom, "inhuur_eur": inhuur,
        "lasten_totaal_eur": lasten, "lasten_overhead_eur": overhead,
    }
    not_comparable = {name: np.zeros(shape, dtype=bool) for name in INPUTS}
    shared = rng.choice(municipalities, SHARED_STAFF, replace=False)
    for name in ("formatie_fte", "bezetting_fte"):
        # Own staff near zero: the civil servants work for the shared organisation.
        inputs[name][shared] = inwoners[shared] * rng.uniform(0.1, 0.3, (SHARED_STAFF, 1)) / 1000
        not_comparable[name][shared] = True
    for values in inputs.values():
        values[rng.random(shape) < MISSING_SHARE] = np.nan
    codes = tuple(f"GM{i:04d}" for i in range(1, municipalities + 1))
    return NationalData(codes, years, inputs, not_comparable, _size_groups(codes, inwoners))


def _size_groups(codes: tuple[str, ...], inwoners: np.ndarray) -> tuple[PeerGroupSpec, ...]:
    # The first year with a known count decides the class (a missing 2018 value falls back).
    first_known = np.array([row[~np.isnan(row)][0] for row in inwoners])
    lower = 0.0
    groups = []
    for group_id, label, upper in SIZE_CLASSES:
        members = tuple(c for c, n in zip(codes, first_known, strict=True) if lower <= n < upper)
        groups.append(PeerGroupSpec(group_id, f"Gemeenten van {label}", members))
        lower = upper
    return tuple(groups)


# --- the files of the service path --------------------------------------------------------


def write_organisation(data: NationalData, path: Path) -> None:
    """An organisation file (docs/organisation-file.md) with every municipality and group."""
    lines = [
        "format_version = 1",
        'version = "bench-1"',
        'title = "Benchmark: synthetische landelijke gegevens (fictief)"',
        "fictitious = true",
        "",
    ]
    for code in data.codes:
        lines += ["[[municipalities]]", f'code = "{code}"', f'name = "Gemeente {code[2:]}"', ""]
    for group in data.groups:
        members = ", ".join(f'"{c}"' for c in group.members)
        lines += ["[[peer_groups]]", f'id = "{group.id}"', f'name = "{group.name}"',
                  'basis = "Grootteklasse naar inwoners op 1 januari 2018 (fictief)."',
                  f"members = [{members}]", f"valid_from = {data.years[0]}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


CSV_HEADER = ("onderwerp", "indicator", "jaar", "soort", "waarde", "eenheid", "bron",
              "vergelijkbaar", "toelichting")


def write_measurements(data: NationalData, path: Path) -> int:
    """The long-format CSV (docs/import.md, comma separated, decimal point); returns rows."""
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_HEADER)
        for name, unit in INPUTS.items():
            values, flags = data.inputs[name], data.not_comparable[name]
            for i, code in enumerate(data.codes):
                for j, year in enumerate(data.years):
                    value = values[i, j]
                    if np.isnan(value):
                        continue
                    shared = bool(flags[i, j])
                    writer.writerow((code, name, year, "realisatie", repr(float(value)), unit,
                                     "synthetische benchmarkgegevens", "nee" if shared else "ja",
                                     "personeel in gedeelde organisatie" if shared else ""))
                    rows += 1
    return rows
