"""`make bench`: the national benchmark of the assessment engine (issue 3, item 8).

    .venv/bin/python bench/run.py [--profiel] [--herhalingen N] [--import-load]

The parent process starts one worker process per measurement, so that each has its own
thread settings (set in the environment before numpy and polars are imported) and its own
peak resident memory. Workers print one JSON line; the parent prints the figures and the aims.
What is measured and why: bench/README.md and docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path
from statistics import median
from time import perf_counter
from typing import Any

HERE = Path(__file__).resolve().parent
ONE_THREAD = {"POLARS_MAX_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
              "MKL_NUM_THREADS": "1", "NUMEXPR_NUM_THREADS": "1"}
AIM_SECONDS = 5.0
AIM_RATIO = 10.0
WORKLOADS = {
    "standaardkader": "het meegeleverde standaardkader, ongewijzigd (3 vergelijkingsnormen op "
                      "'vergelijkbare-gemeenten', 1 absolute norm, 1 band)",
    "stresstest": "kopie van het standaardkader met elke vergelijkingsnorm 9× (één per "
                  "grootteklasse): 29 normen per gemeente-jaar, 99.180 bevindingen",
}


# --- workers (each in its own process) -----------------------------------------------------


def _timed(action: Any, repeat: int) -> tuple[Any, float, list[float]]:
    """The result of the first (cold) call, its time, and the times of `repeat` more calls."""
    start = perf_counter()
    result = action()
    cold = perf_counter() - start
    warm = []
    for _ in range(repeat):
        start = perf_counter()
        action()
        warm.append(perf_counter() - start)
    return result, cold, warm


def _maxrss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def _traced_peak(action: Any) -> int:
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def _measurement_frame(data: Any) -> Any:
    """The long frame of analysis/indicator_values.py, built column-wise from the arrays."""
    import numpy as np
    import polars as pl
    from national import INPUTS

    from samenwerkingsmonitor.analysis.indicator_values import MEASUREMENT_SCHEMA

    years = len(data.years)
    subjects = np.repeat(np.array(data.codes), years)
    year_column = np.tile(np.array(data.years, dtype=np.int64), len(data.codes))
    parts = []
    for name in INPUTS:
        values = data.inputs[name].ravel()
        keep = ~np.isnan(values)
        parts.append(pl.DataFrame({
            "subject": subjects[keep], "indicator": name, "year": year_column[keep],
            "kind": "realisatie", "value": values[keep], "scale_value": None,
            "status": "definitief", "comparable": ~data.not_comparable[name].ravel()[keep],
            "variant": "",
        }, schema=MEASUREMENT_SCHEMA))
    return pl.concat(parts)


def _engine_setup(workload: str) -> tuple[Any, Any, dict[str, tuple[str, str]]]:
    """Data, engine input and the peer norms (norm id → (indicator, group)) of a workload."""
    from dataclasses import replace

    from national import generate

    from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
    from samenwerkingsmonitor.analysis.engine import EngineInput
    from samenwerkingsmonitor.domain.framework import NormKind
    from samenwerkingsmonitor.domain.organisation import PeerGroup, Subject, SubjectKind
    from samenwerkingsmonitor.domain.periods import Validity
    from samenwerkingsmonitor.services.frameworks.load import load_framework

    data = generate()
    framework = load_framework("standaardkader", TomlFrameworkFiles())
    if workload == "stresstest":
        norms = []
        for norm in framework.norms:
            copies = [replace(norm, id=f"{norm.id}-{g.id}", peer_group=g.id) for g in data.groups]
            norms += copies if norm.kind is NormKind.PEER else [norm]
        framework = replace(framework, norms=tuple(norms))
    peer_norms = {n.id: (n.indicator, str(n.peer_group)) for n in framework.norms
                  if n.kind is NormKind.PEER}
    subjects = tuple(Subject(code, SubjectKind.MUNICIPALITY, f"Gemeente {code[2:]}", None, None,
                             Validity(1900)) for code in data.codes)
    groups = tuple(PeerGroup(g.id, g.name, g.members, Validity(data.years[0]))
                   for g in data.groups)
    first, last = data.years[0], data.years[-1]
    engine_input = EngineInput(framework, subjects, first, last, first,
                               _measurement_frame(data), groups, {})
    return data, engine_input, peer_norms


def _bare_action(data: Any, peer_norms: dict[str, tuple[str, str]]) -> Any:
    from bare import bare_verdicts

    ratio_of = {"formatie_per_1000", "bezetting_per_1000", "apparaatskosten_per_inwoner"}
    assert all(indicator in ratio_of for indicator, _group in peer_norms.values())
    groups = {g.id: g.members for g in data.groups}
    return lambda: bare_verdicts(data.inputs, data.not_comparable, data.codes, groups,
                                 peer_norms)


def _compare(findings: Any, bare: dict[str, Any], data: Any) -> tuple[int, bool, list[str]]:
    """Engine verdicts against the bare pass, finding by finding."""
    import numpy as np
    import polars as pl

    from samenwerkingsmonitor.analysis.engine import VERDICT_BY_CODE

    code_of = {text: code for code, text in VERDICT_BY_CODE.items()}
    position = {code: i for i, code in enumerate(data.codes)}
    rows = findings["subject"].replace_strict(position, return_dtype=pl.Int64).to_numpy()
    columns = findings["year"].to_numpy() - data.years[0]
    engine = findings["verdict"].replace_strict(code_of, return_dtype=pl.Int8).to_numpy()
    expected = np.full(findings.height, -9)
    norms = findings["norm"].to_numpy()
    for norm_id, codes in bare.items():
        at = norms == norm_id
        expected[at] = codes[rows[at], columns[at]]
    expected_count = len(bare) * len(data.codes) * len(data.years)
    complete = bool((expected != -9).all()) and findings.height == expected_count
    lines = []
    for i in np.flatnonzero(engine != expected):
        row = findings.row(int(i), named=True)
        lines.append(f"{row['subject']} {row['norm']} {row['year']}: engine {row['verdict']} "
                     f"(waarde {row['value']}, streef {row['target']}, signaal {row['signal']}, "
                     f"gat {row['gap']}), kaal {int(expected[i])}")
    return findings.height, complete, lines


def _measure_engine(workload: str, repeat: int) -> dict[str, Any]:
    import polars as pl

    from samenwerkingsmonitor.analysis.engine import assess

    data, engine_input, peer_norms = _engine_setup(workload)
    maxrss_before = _maxrss()
    result, cold, warm = _timed(lambda: assess(engine_input), repeat)
    bare_action = _bare_action(data, peer_norms)
    bare, bare_cold, bare_warm = _timed(bare_action, repeat)
    compared, complete, mismatches = _compare(result.findings, bare, data)
    return {
        "polars_threads": pl.thread_pool_size(), "cpus": len(os.sched_getaffinity(0)),
        "cells": data.cells, "findings": result.findings.height,
        "criterion_verdicts": result.criterion_verdicts.height,
        "engine": {"cold": cold, "warm": warm}, "bare": {"cold": bare_cold, "warm": bare_warm},
        "traced_engine": _traced_peak(lambda: assess(engine_input)),
        "traced_bare": _traced_peak(bare_action),
        "maxrss_before": maxrss_before, "maxrss": _maxrss(),
        "compared": compared, "complete": complete, "mismatches": mismatches,
    }


def _service_once(folder: Path, number: int, files: Any, codes: tuple[str, ...],
                  years: tuple[int, ...]) -> tuple[dict[str, float], int]:
    """Register, import and assess on a new SQLite file; seconds per step and the findings."""
    from samenwerkingsmonitor.adapters.intake.csv_reader import read_csv
    from samenwerkingsmonitor.adapters.organisation.file import read_organisation
    from samenwerkingsmonitor.adapters.storage import open_repository
    from samenwerkingsmonitor.services.assessment.assess import AssessmentRequest, run_assessment
    from samenwerkingsmonitor.services.frameworks.load import DEFAULT_FRAMEWORK, load_framework
    from samenwerkingsmonitor.services.measurements.importing import import_measurements
    from samenwerkingsmonitor.services.organisation.register import (
        load_registered_organisation,
        register_organisation,
    )

    steps: dict[str, float] = {}
    repo = open_repository(f"sqlite:///{folder / f'bench-{number}.db'}")
    start = perf_counter()
    repo.migrate()
    register_organisation(repo, folder / "organisatie.toml", "bench", "benchmark",
                          reader=read_organisation)
    organisation = load_registered_organisation(repo, reader=read_organisation)
    framework = load_framework(DEFAULT_FRAMEWORK, files)
    steps["database, registreren, kader laden"] = perf_counter() - start
    start = perf_counter()
    import_measurements(repo, folder / "metingen.csv", organisation, framework, "bench",
                        "benchmark", reader=read_csv)
    steps["import (CSV naar SQLite)"] = perf_counter() - start
    marks: list[tuple[str, float]] = []
    request = AssessmentRequest(codes, years[0], years[-1], years[0])
    start = perf_counter()
    outcome = run_assessment(repo, request, "bench", framework_files=files,
                             organisation_reader=read_organisation,
                             progress=lambda step: marks.append((step, perf_counter())))
    end = perf_counter()
    for (step, at), (_next, until) in zip(marks, [*marks[1:], ("", end)], strict=True):
        steps[f"toetsing: {step}"] = until - at
    steps["toetsing totaal"] = end - start
    repo.close()
    return steps, len(outcome.findings)


def _measure_service(repeat: int) -> dict[str, Any]:
    from national import generate, write_measurements, write_organisation

    from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles

    data = generate()
    files = TomlFrameworkFiles()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        write_organisation(data, folder / "organisatie.toml")
        rows = write_measurements(data, folder / "metingen.csv")
        runs = [_service_once(folder, n, files, data.codes, data.years)
                for n in range(repeat + 1)]
        traced = _traced_peak(lambda: _service_once(folder, repeat + 1, files, data.codes,
                                                    data.years))
    return {"rows": rows, "findings": runs[0][1], "cold": runs[0][0],
            "warm": [steps for steps, _count in runs[1:]], "traced": traced,
            "maxrss": _maxrss()}


def _profile(workload: str) -> dict[str, Any]:
    import cProfile
    import pstats

    from samenwerkingsmonitor.analysis.engine import assess

    _data, engine_input, _peer_norms = _engine_setup(workload)
    assess(engine_input)  # warm up: the profile is of a warm run
    profiler = cProfile.Profile()
    profiler.runcall(assess, engine_input)
    print(f"\nProfiel van één warme engine-run ({workload}, één thread):")
    stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(25)
    return {}


def run_worker(args: list[str]) -> dict[str, Any]:
    mode, workload, repeat = args[0], args[1], int(args[2])
    if os.environ.get("POLARS_MAX_THREADS") == "1":
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # really one core
    if mode == "engine":
        return _measure_engine(workload, repeat)
    if mode == "service":
        return _measure_service(repeat)
    return _profile(workload)


# --- parent ------------------------------------------------------------------------------------


def _worker(args: list[str], one_thread: bool) -> dict[str, Any]:
    env = dict(os.environ)
    for name in ONE_THREAD:
        env.pop(name, None)
    if one_thread:
        env.update(ONE_THREAD)
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", *args],
                          env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"Meting {' '.join(args)} is mislukt (code {done.returncode}).")
    *text, last = done.stdout.rstrip("\n").split("\n")
    if text:
        print("\n".join(text))
    result: dict[str, Any] = json.loads(last)
    return result


def _s(seconds: float) -> str:
    return f"{seconds:.3f} s"


def _mib(size: float) -> str:
    return f"{size / 2**20:.1f} MiB"


def _aim(met: bool) -> str:
    return "gehaald" if met else "GEMIST"


def _print_engine(r: dict[str, Any], with_aims: bool) -> None:
    e, b = r["engine"], r["bare"]
    warm = median(e["warm"])
    ratio = warm / median(b["warm"])
    print(f"  threads: polars {r['polars_threads']}, cpu's toegestaan {r['cpus']}")
    print(f"  bevindingen: {r['findings']} (criteriumoordelen {r['criterion_verdicts']}); "
          f"invoerwaarden {r['cells']}")
    print(f"  engine: koud {_s(e['cold'])}, warm mediaan {_s(warm)} "
          f"(runs {', '.join(f'{t:.3f}' for t in e['warm'])})")
    print(f"  engine: {r['findings'] / warm:,.0f} bevindingen per seconde (warm)")
    print(f"  kale numpy: koud {_s(b['cold'])}, warm mediaan {_s(median(b['warm']))}; "
          f"verhouding engine/kaal {ratio:.1f}×")
    print(f"  geheugen: tracemalloc-piek engine {_mib(r['traced_engine'])}, kaal "
          f"{_mib(r['traced_bare'])}; ru_maxrss proces {_mib(r['maxrss'])} "
          f"(vóór de eerste engine-run {_mib(r['maxrss_before'])})")
    mismatches = r["mismatches"]
    print(f"  oordelen engine = kaal: {r['compared']} vergeleken, {len(mismatches)} verschillen"
          + ("" if r["complete"] else "; LET OP: niet alle verwachte bevindingen gevonden"))
    for line in mismatches[:20]:
        print(f"    VERSCHIL {line}")
    if with_aims:
        print(f"  doel < {AIM_SECONDS:.0f} s op één kern: {_aim(warm < AIM_SECONDS)} "
              f"({_s(warm)} warm; koud {_s(e['cold'])})")
        print(f"  doel ≤ {AIM_RATIO:.0f}× kaal: {_aim(ratio <= AIM_RATIO)} ({ratio:.1f}×)")


def _print_service(r: dict[str, Any]) -> None:
    print(f"  {r['rows']} CSV-rijen, {r['findings']} bevindingen; koud = eerste run, "
          f"mediaan over de volgende {len(r['warm'])}")
    for step in r["cold"]:
        runs = [w[step] for w in r["warm"]]
        print(f"  {step:<34} koud {_s(r['cold'][step])}, mediaan {_s(median(runs))}")
    print(f"  geheugen: tracemalloc-piek {_mib(r['traced'])}, ru_maxrss proces "
          f"{_mib(r['maxrss'])}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Landelijke benchmark van de toetsing.")
    parser.add_argument("--profiel", action="store_true",
                        help="cProfile van één warme engine-run (één thread), top 25.")
    parser.add_argument("--herhalingen", type=int, default=3,
                        help="warme herhalingen per meting (mediaan); standaard 3")
    parser.add_argument("--stresstest", action="store_true",
                        help="ook de zware variant: elke vergelijkingsnorm 9× (± 40 s extra)")
    parser.add_argument("--import-load", action="store_true",
                        help="ook de importbenchmark: 1.000.000 rijen CSV in SQLite en "
                             "PostgreSQL (bench/import_load.py; ± 10 min)")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.worker:
        print(json.dumps(run_worker(options.worker)))
        return 0
    repeat = str(options.herhalingen)
    print(f"samenwerkingsmonitor benchmark — Python {platform.python_version()}, "
          f"{os.cpu_count()} kernen, {platform.machine()}")
    if options.profiel:
        _worker(["profile", "standaardkader", repeat], one_thread=True)
    workloads = list(WORKLOADS) if options.stresstest else ["standaardkader"]
    for workload in workloads:
        description = WORKLOADS[workload]
        for one_thread in (True, False):
            label = "één kern (1 thread)" if one_thread else "standaard threads"
            print(f"\nEngine, {workload}, {label}: {description}")
            result = _worker(["engine", workload, repeat], one_thread)
            _print_engine(result, with_aims=one_thread)
    print("\nDienstpad op SQLite (register, import, toetsing, opslag; standaard threads):")
    _print_service(_worker(["service", "standaardkader", repeat], one_thread=False))
    if options.import_load:
        import import_load

        print()
        import_load.main([])
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    raise SystemExit(main(sys.argv[1:]))
