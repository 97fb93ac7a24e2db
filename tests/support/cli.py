"""The type of the `cli` fixture (tests/conftest.py), for annotations in test modules."""

from __future__ import annotations

from collections.abc import Callable

Cli = Callable[..., tuple[int, str, str]]
"""cli("import", "x.csv") -> (exit code, standard output, standard error)."""
