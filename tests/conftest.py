"""Fixtures every test folder shares: the command line run in-process (`cli`) or as a real
process (`cli_process`), and the language reset after each test."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from samenwerkingsmonitor.cli import main
from samenwerkingsmonitor.i18n import set_language
from support.cli import Cli


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


def run_process(*args: str, cwd: Path | None = None, timeout: float = 300,
                **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m samenwerkingsmonitor ARGS` as a separate process, wide output, no database
    from the environment unless `env` names one."""
    environment = {**os.environ, "COLUMNS": "200"}
    environment.pop("SAMENWERKINGSMONITOR_DATABASE", None)
    environment.update(env)
    return subprocess.run([sys.executable, "-m", "samenwerkingsmonitor", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, env=environment,
                          check=False)


@pytest.fixture
def cli_process() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_process
