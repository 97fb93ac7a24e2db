"""Located validation problems: every problem at once, each with a place and a hint."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Location:
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    key_path: str | None = None
    line: int | None = None

    def describe(self, words: Mapping[str, str] | None = None) -> str:
        """`file, blad X, regel N, rij N, kolom 'C', cel E12, sleutel a.b`; `words` translates
        the Dutch place words (the CLI passes them through gettext for --lang en)."""
        word = {**PLACE_WORDS, **(words or {})}
        parts = [self.file]
        if self.sheet:
            parts.append(f"{word['blad']} {self.sheet}")
        if self.line is not None:
            parts.append(f"{word['regel']} {self.line}")
        if self.row is not None:
            parts.append(f"{word['rij']} {self.row}")
        if self.column:
            parts.append(f"{word['kolom']} '{self.column}'")
        if self.cell:
            parts.append(f"{word['cel']} {self.cell}")
        if self.key_path:
            parts.append(f"{word['sleutel']} {self.key_path}")
        return ", ".join(parts)


PLACE_WORDS = {w: w for w in ("blad", "regel", "rij", "kolom", "cel", "sleutel")}
"""The Dutch words that name a place in a file; also the keys of `describe(words)`."""


@dataclass(frozen=True, slots=True)
class Issue:
    location: Location
    message: str
    hint: str = ""

    def describe(self, words: Mapping[str, str] | None = None) -> str:
        text = f"{self.location.describe(words)}: {self.message}"
        return f"{text} {self.hint}".rstrip() if self.hint else text


@dataclass(slots=True)
class ValidationReport:
    issues: list[Issue] = field(default_factory=list)

    def add(self, location: Location, message: str, hint: str = "") -> None:
        self.issues.append(Issue(location, message, hint))

    def extend(self, other: ValidationReport) -> None:
        self.issues.extend(other.issues)

    @property
    def ok(self) -> bool:
        return not self.issues

    def __len__(self) -> int:
        return len(self.issues)
