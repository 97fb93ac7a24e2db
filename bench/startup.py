"""Start-up of the command line (issue 9, item 7).

    .venv/bin/python bench/startup.py [--runs N]

Times whole processes, as a user meets them: `samenwerkingsmonitor --help`, `--version`, and a
refused one-line import (a CSV whose only row names an unknown subject, on a migrated SQLite
database with the example organisation registered): the path a user takes most when fixing a
file. Beside them the baseline of the same run: a bare `python -c pass` and `python -c "import
typer"`. Prints the median and the range over N runs, and each aim as "gehaald" or "GEMIST".
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median
from time import perf_counter

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src" / "samenwerkingsmonitor" / "example"
AIM_HELP = 0.3  # seconds, --help and --version
ONE_LINE = ("onderwerp,indicator,jaar,soort,waarde,eenheid,bron\n"
            "GM9999,inwoners,2019,realisatie,1000,aantal,test\n")


def timed(command: list[str], runs: int, expect: int) -> list[float]:
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("SAMENWERKINGSMONITOR_DATABASE", None)
    times = []
    for _ in range(runs):
        start = perf_counter()
        done = subprocess.run(command, capture_output=True, env=env, check=False)
        times.append(perf_counter() - start)
        if done.returncode != expect:
            raise SystemExit(f"{' '.join(command)} gaf {done.returncode}: {done.stderr[-500:]!r}")
    return times


def line(label: str, times: list[float], base: float | None = None) -> str:
    ratio = f", {median(times) / base:.1f}× kale python" if base else ""
    return (f"  {label:<44} mediaan {median(times):.3f} s "
            f"(min {min(times):.3f}, max {max(times):.3f}){ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    python = sys.executable
    program = [python, "-m", "samenwerkingsmonitor"]
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'start.db'}"
        for step in (["init"], ["register", str(EXAMPLE / "organisatie.toml")]):
            timed([*program, "--database", url, *step], 1, 0)
        refused = Path(folder) / "een-regel.csv"
        refused.write_text(ONE_LINE, encoding="utf-8")
        bare = timed([python, "-c", "pass"], runs, 0)
        typer_only = timed([python, "-c", "import typer, rich.console"], runs, 0)
        help_times = timed([*program, "--help"], runs, 0)
        version = timed([*program, "--version"], runs, 0)
        refusal = timed([*program, "--database", url, "import", str(refused)], runs, 1)
    base = median(bare)
    print(f"Opstarttijd van de opdrachtregel, {runs} keer per opdracht (hele processen):")
    print(line("python -c pass (basis)", bare))
    print(line("python -c 'import typer, rich.console'", typer_only, base))
    print(line("samenwerkingsmonitor --help", help_times, base))
    print(line("samenwerkingsmonitor --version", version, base))
    print(line("import van één geweigerde regel", refusal, base))
    for label, times in (("--help", help_times), ("--version", version)):
        met = median(times) <= AIM_HELP
        print(f"  doel {label} binnen {AIM_HELP} s: {'gehaald' if met else 'GEMIST'}")


if __name__ == "__main__":
    main()
