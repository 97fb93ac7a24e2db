"""Where a problem in a framework sits: a key path, resolved to file and line by the adapter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from samenwerkingsmonitor.domain.validation import Location


@dataclass(frozen=True, slots=True)
class KeyRef:
    """A place in a framework: `indicators.formatie_per_1000.unit` is
    KeyRef("indicators", "formatie_per_1000", ("unit",)); `period.first` is
    KeyRef("", None, ("period", "first")). `occurrence` picks the n-th entry with that id."""

    section: str
    item: str | None = None
    keys: tuple[str | int, ...] = ()  # an int is a position in a list, counted from 0
    occurrence: int = 1

    def key_path(self) -> str:
        path = ".".join(p for p in (self.section, self.item) if p)
        for key in self.keys:
            path += f"[{key + 1}]" if isinstance(key, int) else (f".{key}" if path else key)
        return path


Locate = Callable[[KeyRef], Location]


def key_path_only(name: str) -> Locate:
    """For a framework that has no file (e.g. built in code): name and key path only."""

    def locate(ref: KeyRef) -> Location:
        return Location(file=name, key_path=ref.key_path() or None)

    return locate
