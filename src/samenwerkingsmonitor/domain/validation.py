"""Located validation problems: every problem at once, each with a place and a hint."""

from __future__ import annotations

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

    def describe(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"blad {self.sheet}")
        if self.line is not None:
            parts.append(f"regel {self.line}")
        if self.row is not None:
            parts.append(f"rij {self.row}")
        if self.column:
            parts.append(f"kolom '{self.column}'")
        if self.cell:
            parts.append(f"cel {self.cell}")
        if self.key_path:
            parts.append(f"sleutel {self.key_path}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Issue:
    location: Location
    message: str
    hint: str = ""

    def describe(self) -> str:
        text = f"{self.location.describe()}: {self.message}"
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
