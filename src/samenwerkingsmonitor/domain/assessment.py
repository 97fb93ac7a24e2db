"""Findings, criterion verdicts and assessment runs (docs/adr/0007-storage-and-history.md).

A finding stores structured facts, never sentences: explanations are rendered at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from samenwerkingsmonitor.domain.measurements import BaselineStatus
from samenwerkingsmonitor.domain.verdicts import Verdict


class QualityLabel(StrEnum):
    RECONSTRUCTED_BASELINE = "nulmeting_gereconstrueerd"
    ESTIMATE = "schatting"
    PROVISIONAL = "voorlopig"
    NOT_COMPARABLE = "niet_vergelijkbaar"
    IMPORTED_NOT_DERIVED = "overgenomen_niet_berekend"
    RECONSTRUCTED_VALUE = "reconstructie"


class Gap(StrEnum):
    """Why a finding could not be judged."""

    NO_VALUE = "geen_waarde"
    NO_BASELINE = "geen_nulmeting"
    MISSING_INPUT = "invoer_ontbreekt"
    DIVISION_BY_ZERO = "deling_door_nul"
    TOO_FEW_PEERS = "te_weinig_vergelijkbare"
    TOO_FEW_YEARS = "te_weinig_jaren"
    NO_PRICE_INDEX = "geen_prijsindex"
    NOT_COMPARABLE = "niet_vergelijkbaar"
    UNKNOWN_SCALE_VALUE = "onbekende_schaalwaarde"
    NO_NORM = "geen_norm"
    BEFORE_NORM_START = "norm_nog_niet_van_toepassing"
    NO_BUDGET = "geen_begroting"  # appended: gap codes are positions in this enum


class DetailKey(StrEnum):
    """Keys of the extra facts a finding carries in `detail` (stored, so never renamed)."""

    MISSING_INPUTS = "ontbrekende_invoer"
    PEER_GROUP = "vergelijkingsgroep"
    PEER_COUNT = "aantal_vergelijkbaar"
    LEFT_OUT_NOT_COMPARABLE = "weggelaten_niet_vergelijkbaar"
    LEFT_OUT_NO_VALUE = "weggelaten_geen_waarde"
    PRICE_INDEX = "prijsindex"
    BAND = "band"
    SIGNAL_BAND = "signaalband"
    EXAMPLE_NORM = "voorbeeldnorm"
    SIZE_CLASS = "inwonersklasse"  # the CBS size class a size-class peer norm resolved to
    AMENDED_BUDGET = "begroting_na_wijziging"  # "ja": a budget norm used the amended budget
    PRIMITIVE_BUDGET = "primitieve_begroting"  # the primitive budget beside an amended one


@dataclass(frozen=True, slots=True)
class NormOutcome:
    """What a norm function returns: the verdict and the numbers it compared."""

    verdict: Verdict
    compared: float | None = None  # the number held against target and signal
    target: float | None = None
    signal: float | None = None
    target_inclusive: bool = True
    signal_inclusive: bool = True
    reference: float | None = None  # baseline value, peer percentile, start of trend
    gap: Gap | None = None
    detail: tuple[tuple[str, str], ...] = ()  # extra facts, e.g. left-out peers


@dataclass(frozen=True, slots=True)
class Finding:
    """One subject × indicator × year (× norm), judged."""

    subject: str
    indicator: str
    criterion: str | None
    year: int
    norm: str | None
    norm_kind: str | None
    verdict: Verdict
    value: float | None
    scale_value: str | None
    unit: str
    compared: float | None
    target: float | None
    signal: float | None
    target_inclusive: bool
    signal_inclusive: bool
    reference: float | None
    baseline_value: float | None
    baseline_year: int | None
    baseline_status: BaselineStatus
    norm_source: str
    rule: str
    gap: str | None
    labels: tuple[str, ...] = ()
    inputs: tuple[tuple[str, float | None], ...] = ()
    detail: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class CriterionVerdict:
    subject: str
    criterion: str
    year: int
    verdict: Verdict
    rule: str
    counts: tuple[tuple[str, int], ...] = ()
    missing: tuple[str, ...] = ()  # indicators not assessable


@dataclass(frozen=True, slots=True)
class AssessmentRun:
    id: str
    framework_id: str
    framework_version: str
    framework_hash: str
    organisation_version: str
    data_batch: int
    data_hash: str
    seed: int
    user: str
    created: datetime
    subjects: tuple[str, ...]
    first_year: int
    last_year: int
    baseline_year: int
    findings_hash: str = ""
    parameters: dict[str, str] = field(default_factory=dict)
    # (table, seq, chain hash) of each hash chain when the run was stored: pins the data the
    # run was made from (services/storage/hash_chain.py); () before it is stored. Not part of
    # the run's equality: a reproduced run equals the stored one.
    chain_heads: tuple[tuple[str, int, str], ...] = field(default=(), compare=False)
