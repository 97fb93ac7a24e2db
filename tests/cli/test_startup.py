"""Start-up costs only what a command uses: `--help` and `--version` import none of the heavy
libraries, measured with `python -X importtime` (which lists every module a process imports).
Times are printed by `make bench` (bench/startup.py), never asserted here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("polars", "numpy", "sqlalchemy", "weasyprint", "altair", "vl_convert", "openpyxl",
         "docx", "jinja2", "babel")
# pydantic is not in the list: Typer 0.29 builds a pydantic adapter for every option it parses,
# so the help of a subcommand loads it (about 50 ms); the help of the program does not.


def imported_modules(*args: str) -> set[str]:
    env = {**os.environ, "COLUMNS": "100"}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "samenwerkingsmonitor",
                           *args], capture_output=True, text=True, env=env, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    assert "samenwerkingsmonitor.cli.app" in names  # the trace is really there
    return names


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("import", "--help"),
                                  ("report", "--help"), ("demo", "--help"),
                                  ("--lang", "en", "--help")])
def test_help_and_version_import_no_heavy_library(args: tuple[str, ...]) -> None:
    names = imported_modules(*args)
    # English is read from the .po catalogues with Babel's reader; Dutch needs no catalogue.
    allowed = {"babel"} if "en" in args else set()
    heavy = sorted({n.split(".")[0] for n in names} & (set(HEAVY) - allowed))
    assert heavy == []


def test_the_program_help_does_not_even_load_pydantic() -> None:
    assert "pydantic" not in imported_modules("--help")


def test_the_check_sees_a_heavy_library_when_a_command_needs_it(tmp_path: Path) -> None:
    """`init` opens the database with SQLAlchemy: the trace must show it."""
    names = imported_modules("--database", f"sqlite:///{tmp_path / 'x.db'}", "init")
    assert "sqlalchemy" in names
