"""The same verdicts as the engine, as a bare numpy pass: no polars, no framework objects.

What it computes is what docs/adr/0005-norm-semantics.md says, written out by hand for the five
BBV indicators of the standaardkader:
- the ratios from the (municipality × year) input arrays, in the formula's own order of
  operations; a missing input or a zero denominator gives no value;
- a ratio is not comparable when one of its inputs is not;
- vergelijkingsgroep (formatie, bezetting, apparaatskosten; lager is beter): per group-year,
  one row of peer values per judged municipality with its own value and the not comparable
  values left out, P50 and P75 by np.nanpercentile (linear); voldoet at or below P50, voldoet
  deels at or below P75, else voldoet niet; no own value, own value not comparable or fewer
  than 3 peers: niet te beoordelen;
- externe inhuur absoluut: at most 10 voldoet, at most 15 deels;
- overhead band: 7-12 voldoet, 5-14.5 deels.
Codes as in the engine's arrays: 2 voldoet, 1 voldoet deels, 0 voldoet niet, -1 niet te
beoordelen.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MEETS, DEELS, NIET, NTB = 2, 1, 0, -1
MIN_PEERS = 3

RATIOS = ("formatie_per_1000", "bezetting_per_1000", "apparaatskosten_per_inwoner",
          "externe_inhuur_pct", "overhead_pct")
PEER_RATIOS = RATIOS[:3]


def _divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator == 0, np.nan, numerator / denominator)


def ratios(inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The five BBV ratios, in the standaardkader formulas' order of operations."""
    i = inputs
    return {
        "formatie_per_1000": _divide(i["formatie_fte"], i["inwoners"]) * 1000,
        "bezetting_per_1000": _divide(i["bezetting_fte"], i["inwoners"]) * 1000,
        "apparaatskosten_per_inwoner": _divide(i["apparaatskosten_eur"], i["inwoners"]),
        "externe_inhuur_pct": _divide(i["inhuur_eur"], i["loonsom_eur"] + i["inhuur_eur"]) * 100,
        "overhead_pct": _divide(i["lasten_overhead_eur"], i["lasten_totaal_eur"]) * 100,
    }


RATIO_INPUTS = {
    "formatie_per_1000": ("formatie_fte", "inwoners"),
    "bezetting_per_1000": ("bezetting_fte", "inwoners"),
    "apparaatskosten_per_inwoner": ("apparaatskosten_eur", "inwoners"),
    "externe_inhuur_pct": ("inhuur_eur", "loonsom_eur"),
    "overhead_pct": ("lasten_overhead_eur", "lasten_totaal_eur"),
}


def not_comparable(flags: dict[str, np.ndarray], inputs: dict[str, np.ndarray],
                   ratio: str) -> np.ndarray:
    """A ratio is not comparable when a known input of it is not."""
    result = np.zeros(next(iter(flags.values())).shape, dtype=bool)
    for name in RATIO_INPUTS[ratio]:
        result |= flags[name] & ~np.isnan(inputs[name])
    return result


def grade_lower(value: np.ndarray, target: np.ndarray, signal: np.ndarray) -> np.ndarray:
    codes = np.where(value <= target, MEETS, np.where(value <= signal, DEELS, NIET))
    return np.where(np.isnan(value) | np.isnan(target) | np.isnan(signal), NTB, codes)


def peer_verdicts(value: np.ndarray, shut_out: np.ndarray, members: np.ndarray
                  ) -> np.ndarray:
    """Verdicts of all municipalities (rows) against one peer group, per year (columns).

    members: the group's row indexes. A member is left out of its own distribution."""
    codes = np.full(value.shape, NTB, dtype=np.int8)
    is_member = np.full(value.shape[0], -1)
    is_member[members] = np.arange(members.size)
    cases = np.arange(value.shape[0])
    for year in range(value.shape[1]):
        peers = np.where(shut_out[members, year], np.nan, value[members, year])
        rows = np.broadcast_to(peers, (value.shape[0], members.size)).copy()
        own = is_member >= 0
        rows[cases[own], is_member[own]] = np.nan
        count = (~np.isnan(rows)).sum(axis=1)
        enough = count >= MIN_PEERS
        safe = np.where(enough[:, None], rows, 0.0)
        p50, p75 = np.nanpercentile(safe, [50.0, 75.0], axis=1)
        graded = grade_lower(value[:, year], p50, p75)
        codes[:, year] = np.where(enough & ~shut_out[:, year], graded, NTB)
    return codes


def band_verdicts(value: np.ndarray) -> np.ndarray:
    inside = (value >= 7) & (value <= 12)
    signal = (value >= 5) & (value <= 14.5)
    codes = np.where(inside, MEETS, np.where(signal, DEELS, NIET))
    return np.where(np.isnan(value), NTB, codes).astype(np.int8)


def bare_verdicts(inputs: dict[str, np.ndarray], flags: dict[str, np.ndarray],
                  codes: Sequence[str], groups: dict[str, tuple[str, ...]],
                  peer_norms: dict[str, tuple[str, str]]) -> dict[str, np.ndarray]:
    """Verdict codes per norm id, each (municipality × year).

    groups: peer group id → member codes; peer_norms: norm id → (ratio, peer group id)."""
    values = ratios(inputs)
    position = {code: i for i, code in enumerate(codes)}
    result: dict[str, np.ndarray] = {}
    for norm_id, (ratio, group_id) in peer_norms.items():
        members = np.array([position[c] for c in groups[group_id]], dtype=np.intp)
        result[norm_id] = peer_verdicts(values[ratio], not_comparable(flags, inputs, ratio),
                                        members)
    inhuur = values["externe_inhuur_pct"]
    result["externe_inhuur_grens"] = grade_lower(
        inhuur, np.full(inhuur.shape, 10.0), np.full(inhuur.shape, 15.0)).astype(np.int8)
    result["overhead_band"] = band_verdicts(values["overhead_pct"])
    return result
