"""Line numbers for key paths in a TOML text.

tomllib gives values without positions, so this scans the text once more and records where
every table header, key and (for arrays written over several lines) array element starts.
A key path is a tuple of keys and 0-based array positions, as pydantic reports it:
("cooperations", 0, "shared_teams", 2, "members", 1). It is only used after tomllib accepted
the text, so the scan may assume valid TOML.
"""

from __future__ import annotations

import re

KeyPath = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(#.*)?$")
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_KEY = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")


def _split_key(text: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", text)
    return [p[1:-1] if p[0] in "\"'" else p for p in parts]


class TomlLineIndex:
    """Maps concrete key paths to the 1-based line where they are written."""

    def __init__(self, text: str) -> None:
        self.lines: dict[KeyPath, int] = {}
        self._counts: dict[KeyPath, int] = {}
        self._scan(text.splitlines())

    def line_of(self, path: KeyPath) -> int | None:
        """The line of `path`, else of its nearest written ancestor."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None

    def _scan(self, lines: list[str]) -> None:
        table: KeyPath = ()
        number = 0
        while number < len(lines):
            text = lines[number]
            number += 1
            stripped = text.strip()
            if not stripped or stripped.startswith("#"):
                continue
            header = _HEADER.match(text) if stripped.startswith("[") else None
            if header:
                table = self._open_table(_split_key(header.group(2)), header.group(1) == "[[")
                self.lines.setdefault(table, number)
                continue
            key = _KEY.match(text)
            if key is None:
                continue
            path = table + tuple(_split_key(key.group(1)))
            self.lines.setdefault(path, number)
            number = self._scan_value(lines, number - 1, key.end(), path)

    def _open_table(self, names: list[str], is_array: bool) -> KeyPath:
        path: KeyPath = ()
        for position, name in enumerate(names):
            path = path + (name,)
            last = position == len(names) - 1
            if last and is_array:
                index = self._counts.get(path, 0)
                self._counts[path] = index + 1
                path = path + (index,)
            elif path in self._counts:  # walking through an array of tables: its last element
                path = path + (self._counts[path] - 1,)
        return path

    def _scan_value(self, lines: list[str], row: int, column: int, path: KeyPath) -> int:
        """Skip a value that may span lines; record the lines of array elements.

        Returns the index of the line after the value.
        """
        depth = 0
        element = 0
        expect_element = False
        quote = ""
        while row < len(lines):
            text = lines[row]
            while column < len(text):
                char = text[column]
                if quote:
                    if text.startswith(quote, column):
                        column += len(quote) - 1
                        quote = ""
                    elif char == "\\" and quote[0] == '"':
                        column += 1
                elif char == "#":
                    break
                elif char in "\"'":
                    quote = char * 3 if text.startswith(char * 3, column) else char
                    column += len(quote) - 1
                    if depth == 1 and expect_element:
                        self.lines.setdefault(path + (element,), row + 1)
                        expect_element = False
                elif char in "[{":
                    if depth == 1 and expect_element:
                        self.lines.setdefault(path + (element,), row + 1)
                        expect_element = False
                    depth += 1
                    expect_element = depth == 1 and char == "["
                elif char in "]}":
                    depth -= 1
                elif char == "," and depth == 1:
                    element += 1
                    expect_element = True
                elif not char.isspace() and depth == 1 and expect_element:
                    self.lines.setdefault(path + (element,), row + 1)
                    expect_element = False
                column += 1
            row += 1
            column = 0
            if depth <= 0 and not quote:
                return row
        return row
