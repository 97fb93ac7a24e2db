"""The command line in tests: the type of the `cli` fixture (tests/conftest.py) and the real
program as a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

Cli = Callable[..., tuple[int, str, str]]
"""cli("import", "x.csv") -> (exit code, standard output, standard error)."""


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
