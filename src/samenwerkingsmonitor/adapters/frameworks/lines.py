"""Line numbers of tables and keys in a TOML text, so that a problem can name its line.

A light scanner, not a TOML parser: it follows `[table]` and `[[array]]` headers and
`key = ...` lines. It only has to be right for files that tomllib already accepted; lines
inside multi-line strings may mislead it, and then a message names a nearby line.
"""

from __future__ import annotations

import re

_ARRAY_HEADER = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\]\[]+?)\s*\]")
_KEY = re.compile(r"^\s*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+)\s*=")

Path = tuple[str | int, ...]


def _parts(dotted: str) -> list[str]:
    return [part.strip().strip("\"'") for part in dotted.split(".")]


class LineIndex:
    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        self.counts: dict[Path, int] = {}
        current: Path = ()
        for number, line in enumerate(text.splitlines(), start=1):
            if match := _ARRAY_HEADER.match(line):
                current = self._resolve(_parts(match.group(1)), array=True)
                self.lines.setdefault(current, number)
            elif match := _TABLE_HEADER.match(line):
                current = self._resolve(_parts(match.group(1)), array=False)
                self.lines.setdefault(current, number)
            elif match := _KEY.match(line):
                self.lines.setdefault((*current, match.group(1).strip("\"'")), number)

    def _resolve(self, parts: list[str], array: bool) -> Path:
        """The path of a header, with the index of each array of tables it passes through."""
        path: Path = ()
        for position, part in enumerate(parts):
            path = (*path, part)
            last = position == len(parts) - 1
            if last and array:
                self.counts[path] = self.counts.get(path, 0) + 1
                path = (*path, self.counts[path] - 1)
            elif path in self.counts:
                path = (*path, self.counts[path] - 1)
        return path

    def line_of(self, path: Path) -> int | None:
        """The line of the longest known prefix of `path`."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None
