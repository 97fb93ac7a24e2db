"""Readability of Dutch text as the tests measure it: average sentence length in words and the
Flesch-Douma reading ease (Douma 1960: 206,835 − 0,93 × words per sentence − 77 × syllables
per word), the Dutch adaptation of Flesch that textstat uses for `nl`. Syllables are counted
with the Dutch hyphenation patterns of pyphen (installed with WeasyPrint), one more than the
places a word may be broken; a number counts as one word of one syllable per digit group."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pyphen

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
WORD = re.compile(r"[A-Za-zÀ-ÿ'’-]+|\d+(?:[.,]\d+)*")


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL", left=1, right=1)


def syllables(word: str) -> int:
    if word[0].isdigit():
        return max(1, len(re.split(r"[.,]", word)))
    parts = [p for p in re.split(r"[-’']", word) if p]
    return sum(len(_dictionary().positions(p.lower())) + 1 for p in parts) or 1


def sentences(texts: Iterable[str]) -> list[str]:
    found = []
    for text in texts:
        found += [s.strip() for s in SENTENCE_END.split(text) if WORD.search(s)]
    return found


@dataclass(frozen=True)
class Readability:
    sentences: int
    words: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences

    @property
    def flesch_douma(self) -> float:
        return (206.835 - 0.93 * self.words_per_sentence
                - 77 * self.syllables / self.words)


def measure(texts: Iterable[str]) -> Readability:
    found = sentences(texts)
    words = [w for s in found for w in WORD.findall(s)]
    return Readability(len(found), len(words), sum(syllables(w) for w in words))
