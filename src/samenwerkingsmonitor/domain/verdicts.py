"""Verdicts (oordelen) and their roll-up scores (DESIGN.md §4.5)."""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    VOLDOET = "voldoet"
    VOLDOET_DEELS = "voldoet_deels"
    VOLDOET_NIET = "voldoet_niet"
    NIET_TE_BEOORDELEN = "niet_te_beoordelen"

    @property
    def score(self) -> int | None:
        """voldoet 2, voldoet deels 1, voldoet niet 0; not assessable has no score."""
        return _SCORES[self]

    @property
    def assessable(self) -> bool:
        return self is not Verdict.NIET_TE_BEOORDELEN

    @staticmethod
    def from_score(score: int) -> Verdict:
        return {2: Verdict.VOLDOET, 1: Verdict.VOLDOET_DEELS, 0: Verdict.VOLDOET_NIET}[score]


_SCORES: dict[Verdict, int | None] = {
    Verdict.VOLDOET: 2,
    Verdict.VOLDOET_DEELS: 1,
    Verdict.VOLDOET_NIET: 0,
    Verdict.NIET_TE_BEOORDELEN: None,
}
