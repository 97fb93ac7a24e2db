"""Vectorised peer-group (vergelijkingsgroep) norm: thresholds are percentiles of the peers.

Two steps, so the engine can compute thresholds once per group-year and judge many subjects:
1. `peer_matrix` builds one row of peer values per judged case, with NaN for peers that are
   left out (missing value, not comparable, or the subject itself);
2. `peer_thresholds` turns each row into target/signal values (numpy linear percentiles);
3. `judge_peer_values` holds the subjects' own values against them.
Semantics: docs/adr/0005-norm-semantics.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from samenwerkingsmonitor.analysis.norm_codes import (
    FloatArray,
    Judged,
    assign_gaps,
    is_higher_better,
    judged,
    require_kind,
)
from samenwerkingsmonitor.analysis.norm_kernels import as_floats, grade_thresholds
from samenwerkingsmonitor.domain.assessment import Gap
from samenwerkingsmonitor.domain.framework import Direction, Norm, NormKind
from samenwerkingsmonitor.errors import NormError
from samenwerkingsmonitor.i18n import _

PERCENTILE_METHOD = "linear"
"""numpy's default (Hyndman & Fan type 7): P(q) interpolates linearly between order statistics
at rank q/100 × (n − 1)."""


@dataclass(frozen=True, slots=True)
class PeerThresholds:
    """Per judged case: the target and signal values, the peer median and the peer count.
    Thresholds are NaN where fewer than min_peers comparable peers remain."""

    target: FloatArray
    signal: FloatArray
    median: FloatArray
    count: NDArray[np.intp]
    enough: NDArray[np.bool_]


def peer_matrix(
    member_values: ArrayLike, member_comparable: ArrayLike, self_index: ArrayLike
) -> FloatArray:
    """Rows of peer values, one per judged case.

    member_values / member_comparable: the group's members for one year, shape (members,).
    self_index: per judged case, the position of the judged subject among the members, or -1
    when it is not a member. The subject is left out of its own distribution, as are members
    whose value is not comparable (NaN values drop out by themselves).
    """
    values = as_floats(member_values)
    comparable = np.asarray(member_comparable, dtype=np.bool_)
    own = np.atleast_1d(np.asarray(self_index, dtype=np.intp))
    rows = np.broadcast_to(np.where(comparable, values, np.nan), (own.size, values.size)).copy()
    members = own >= 0
    rows[np.flatnonzero(members), own[members]] = np.nan
    return rows


def peer_thresholds(
    peer_rows: ArrayLike, target_pct: float, signal_pct: float | None, min_peers: int
) -> PeerThresholds:
    """Percentiles of each row's non-NaN values (rows = judged cases, columns = peers)."""
    for pct in (target_pct, signal_pct):
        if pct is not None and not 0.0 <= pct <= 100.0:
            raise NormError(
                _("Percentiel {pct} ligt niet tussen 0 en 100.").format(pct=pct)
            )
    rows = np.atleast_2d(as_floats(peer_rows))
    count = (~np.isnan(rows)).sum(axis=-1)
    enough = count >= max(min_peers, 1)
    if rows.shape[-1] == 0:
        nan = np.full(count.shape, np.nan)
        return PeerThresholds(nan, nan.copy(), nan.copy(), count, enough)
    # Rows with too few peers are zero-filled before the call, so numpy never sees an
    # all-NaN row (which would warn); their results are masked to NaN afterwards.
    safe = np.where(enough[..., None], rows, 0.0)
    percentiles = [target_pct, 50.0] + ([] if signal_pct is None else [signal_pct])
    found = np.nanpercentile(safe, np.asarray(percentiles), axis=-1, method="linear")
    found = np.where(enough, found, np.nan)
    signal = found[2] if signal_pct is not None else np.full(count.shape, np.nan)
    return PeerThresholds(found[0], signal, found[1], count, enough)


def judge_peer_values(
    values: ArrayLike,
    comparable: ArrayLike,
    thresholds: PeerThresholds,
    norm: Norm,
    direction: Direction,
) -> Judged:
    """Hold each subject's own value against its peer thresholds (same shape)."""
    require_kind(norm, NormKind.PEER)
    if norm.is_band or norm.target is None:
        raise NormError(
            _(
                "Norm '{norm}' (vergelijkingsgroep) vraagt een streefpercentiel en geen band."
            ).format(norm=norm.id)
        )
    higher = is_higher_better(direction, norm)
    value, own_comparable, target, signal, median, enough = np.broadcast_arrays(
        as_floats(values),
        np.asarray(comparable, dtype=np.bool_),
        thresholds.target,
        thresholds.signal,
        thresholds.median,
        thresholds.enough,
    )
    gaps = assign_gaps(
        [
            (np.isnan(value), Gap.NO_VALUE),
            (~own_comparable, Gap.NOT_COMPARABLE),
            (~enough, Gap.TOO_FEW_PEERS),
        ],
        value.shape,
    )
    signal_bound = norm.signal
    codes = grade_thresholds(
        value,
        target,
        norm.target.inclusive,
        signal if signal_bound is not None else None,
        signal_bound.inclusive if signal_bound is not None else True,
        higher,
    )
    return judged(codes, gaps, value, target.copy(), signal.copy(), median.copy())


def peer_thresholds_for(norm: Norm, peer_rows: ArrayLike) -> PeerThresholds:
    """peer_thresholds with the norm's own percentiles and minimum count."""
    require_kind(norm, NormKind.PEER)
    if norm.target is None:
        raise NormError(
            _(
                "Norm '{norm}' (vergelijkingsgroep) vraagt een streefpercentiel en geen band."
            ).format(norm=norm.id)
        )
    signal = norm.signal.value if norm.signal else None
    return peer_thresholds(peer_rows, norm.target.value, signal, norm.min_peers)
