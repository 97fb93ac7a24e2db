"""Verdicts (oordelen) and their roll-up scores (docs/framework-file.md)."""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    MEETS = "voldoet"
    PARTLY_MEETS = "voldoet_deels"
    DOES_NOT_MEET = "voldoet_niet"
    NOT_ASSESSABLE = "niet_te_beoordelen"

    @property
    def score(self) -> int | None:
        """voldoet 2, voldoet deels 1, voldoet niet 0; not assessable has no score."""
        return _SCORES[self]

    @property
    def assessable(self) -> bool:
        return self is not Verdict.NOT_ASSESSABLE

    @staticmethod
    def from_score(score: int) -> Verdict:
        return {2: Verdict.MEETS, 1: Verdict.PARTLY_MEETS, 0: Verdict.DOES_NOT_MEET}[score]


_SCORES: dict[Verdict, int | None] = {
    Verdict.MEETS: 2,
    Verdict.PARTLY_MEETS: 1,
    Verdict.DOES_NOT_MEET: 0,
    Verdict.NOT_ASSESSABLE: None,
}
