"""Fixtures every test folder shares: the command line run in-process (`cli`), an empty
database on each backend (`database_url`), and the language reset after each test. A real
process of the program: support/cli.py `run_process`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from samenwerkingsmonitor.cli import main
from samenwerkingsmonitor.i18n import set_language
from support.cli import Cli
from support.databases import BACKENDS, postgres_schema


@pytest.fixture(autouse=True)
def dutch() -> Iterator[None]:
    """Every test starts and ends in Dutch, whatever --lang a command before it used."""
    set_language("nl")
    yield
    set_language("nl")


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """The real entry point in this process: (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["samenwerkingsmonitor", *args])
        code = 0
        try:
            main()
        except SystemExit as stop:
            code = int(stop.code or 0) if not isinstance(stop.code, str) else 1
        finally:
            set_language("nl")
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database: a SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/store.db"
        return
    with postgres_schema() as url:
        yield url
