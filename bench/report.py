"""Benchmark of both report products (issues 6 and 10): HTML, PDF and DOCX for two workloads.

    .venv/bin/python bench/report.py [--herhalingen N] [--alleen demo|30-teams] [--bewaar DIR]

- demo: the demo run (the example data, 9 subjects over 2018-2022), made by the demo service;
- 30-teams: the example organisation with 25 more shared teams (clones of Communicatie with
  their costs scaled by a seeded factor), 30 shared teams and both municipalities assessed
  over 2018-2022, through the real services (register, import, assess) on a temporary SQLite
  file.

Per workload it prints the seconds to build both products (report model and Raadsrapportage)
and to write each format. Two PDFs, each beside a bare render of the same source in the same
process: the Raadsrapportage (Typst, tagged PDF/UA-1, adapters/report/council_pdf.py) beside
`typst.compile(source)` without PDF/UA, and the Technische bijlage (Typst, PDF/UA-1,
adapters/report/appendix_pdf.py) beside the same bare Typst render of its source. For the
record it also times the former engine of the bijlage, WeasyPrint (adapters/report/pdf.py,
PDF/UA-1 from the HTML), beside `HTML(string=html).write_pdf()` without options. Aims for the
demo (docs/adr/0017-report-pdf-engine.md): Raadsrapportage PDF under 3 s, Technische bijlage
PDF under 10 s, each within 1.5× of its bare render; each is printed as gehaald or GEMIST.
The workload is never shrunk to meet an aim.
"""

from __future__ import annotations

import argparse
import csv
import io
import platform
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from statistics import median
from time import perf_counter
from typing import Any

import numpy as np
import tomli_w

AIM_DEMO_PDF_SECONDS = 3.0  # the Raadsrapportage
AIM_DEMO_APPENDIX_SECONDS = 10.0  # the Technische bijlage
AIM_PDF_RATIO = 1.5
EXTRA_TEAMS = 25  # plus the 5 shared teams of the example: 30
CLONED_TEAM = "communicatie"
COOPERATION = "heemstede-bloemendaal"
SEED = 20260115


def _timed(action: Callable[[], Any], repeat: int) -> tuple[Any, float]:
    """The result of the last call and the median seconds over `repeat` calls."""
    times, result = [], None
    for _ in range(repeat):
        start = perf_counter()
        result = action()
        times.append(perf_counter() - start)
    return result, median(times)


# --- workloads --------------------------------------------------------------------------------

def demo_run(folder: Path) -> tuple[Any, str]:
    """The demo's database and run, through the demo's own front door (no report written)."""
    from samenwerkingsmonitor.composition import Wiring
    from samenwerkingsmonitor.services.demo.use_cases import DemoRequest, run_demo

    result = run_demo(DemoRequest(folder, "bench", formats=()), Wiring())
    return Wiring(f"sqlite:///{result.database}").repository(), result.outcome.run.id


def thirty_team_files(folder: Path) -> tuple[Path, Path, tuple[str, ...]]:
    """The example organisation and measurements with EXTRA_TEAMS clones of one shared team."""
    from samenwerkingsmonitor.services.demo.use_cases import DEMO_SUBJECTS, example_file

    organisation = tomllib.loads(example_file("organisatie.toml").read_text(encoding="utf-8"))
    cooperation = next(c for c in organisation["cooperations"] if c["slug"] == COOPERATION)
    shared = next(t for t in cooperation["shared_teams"] if t["slug"] == CLONED_TEAM)
    members = [t for t in organisation["teams"] if t["slug"] == CLONED_TEAM]
    slugs = [f"team-{k:02d}" for k in range(1, EXTRA_TEAMS + 1)]
    for slug in slugs:
        organisation["teams"] += [{**t, "slug": slug, "name": f"{t['name']} ({slug})"}
                                  for t in members]
        cooperation["shared_teams"].append(
            {**shared, "slug": slug, "name": f"Team {slug[-2:]}",
             "members": [f"{m['owner']}/{slug}" for m in members]})
    organisation_path = folder / "organisatie-30-teams.toml"
    organisation_path.write_text(tomli_w.dumps(organisation), encoding="utf-8")

    with example_file("metingen.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    source = f"{COOPERATION}/{CLONED_TEAM}"
    rng = np.random.default_rng(SEED)
    for slug in slugs:
        factor = float(rng.uniform(0.6, 1.6))
        for row in (r for r in rows[:] if r["onderwerp"] == source):
            value = row["waarde"]
            if row["eenheid"] == "eur":
                value = str(round(float(value) * factor))
            rows.append({**row, "onderwerp": f"{COOPERATION}/{slug}", "waarde": value})
    measurements_path = folder / "metingen-30-teams.csv"
    with measurements_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    subjects = (*DEMO_SUBJECTS, *(f"{COOPERATION}/{slug}" for slug in slugs))
    return organisation_path, measurements_path, subjects


def thirty_team_run(folder: Path) -> tuple[Any, str]:
    from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
    from samenwerkingsmonitor.adapters.intake.csv_reader import read_csv
    from samenwerkingsmonitor.adapters.organisation.file import read_organisation
    from samenwerkingsmonitor.adapters.storage import open_repository
    from samenwerkingsmonitor.services.assessment.assess import AssessmentRequest, run_assessment
    from samenwerkingsmonitor.services.demo.use_cases import DEMO_BASELINE, DEMO_YEARS
    from samenwerkingsmonitor.services.frameworks.load import DEFAULT_FRAMEWORK, load_framework
    from samenwerkingsmonitor.services.measurements.importing import import_measurements
    from samenwerkingsmonitor.services.organisation.register import (
        load_registered_organisation,
        register_organisation,
    )

    organisation_path, measurements_path, subjects = thirty_team_files(folder)
    repo = open_repository(f"sqlite:///{folder / 'dertig.db'}")
    repo.migrate()
    register_organisation(repo, organisation_path, "bench", "30 teams", reader=read_organisation)
    organisation = load_registered_organisation(repo, reader=read_organisation)
    framework = load_framework(DEFAULT_FRAMEWORK, TomlFrameworkFiles())
    import_measurements(repo, measurements_path, organisation, framework, "bench", "30 teams",
                        reader=read_csv)
    request = AssessmentRequest(subjects, DEMO_YEARS[0], DEMO_YEARS[1], DEMO_BASELINE)
    outcome = run_assessment(repo, request, "bench", framework_files=TomlFrameworkFiles(),
                             organisation_reader=read_organisation)
    return repo, outcome.run.id


WORKLOADS: dict[str, tuple[str, Callable[[Path], tuple[Any, str]]]] = {
    "demo": ("de demo-toetsing (voorbeelddata, 9 onderwerpen, 2018-2022)", demo_run),
    "30-teams": (f"voorbeeld + {EXTRA_TEAMS} gekloonde gedeelde teams: 30 gedeelde teams, beide "
                 "gemeenten en de samenwerkingen, 2018-2022", thirty_team_run),
}


# --- measuring --------------------------------------------------------------------------------

def measure(repo: Any, run_id: str, repeat: int, keep: Path | None) -> dict[str, Any]:
    import typst
    from weasyprint import HTML

    from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
    from samenwerkingsmonitor.adapters.organisation.file import read_organisation
    from samenwerkingsmonitor.adapters.report.appendix_pdf import (
        appendix_pdf_bytes,
        appendix_typst,
    )
    from samenwerkingsmonitor.adapters.report.charts import _svg_cached
    from samenwerkingsmonitor.adapters.report.council_docx import council_docx_bytes
    from samenwerkingsmonitor.adapters.report.council_html import render_council_html
    from samenwerkingsmonitor.adapters.report.council_pdf import (
        FONT_DIRS,
        council_pdf_bytes,
        council_typst,
    )
    from samenwerkingsmonitor.adapters.report.docx import render_docx
    from samenwerkingsmonitor.adapters.report.html import render_html
    from samenwerkingsmonitor.adapters.report.pdf import render_pdf
    from samenwerkingsmonitor.services.report.build import build_report_products

    products, seconds_model = _timed(lambda: build_report_products(
        repo, run_id, framework_files=TomlFrameworkFiles(),
        organisation_reader=read_organisation), repeat)
    model, council = products.model, products.council
    html, seconds_html = _timed(lambda: render_html(model), repeat)
    council_html, seconds_council_html = _timed(lambda: render_council_html(council), repeat)
    source = council_typst(council)
    appendix_source = appendix_typst(model)
    # ours and the bare render alternate, so neither profits from a warmer process
    ours, bare, council_ours, council_bare, weasy, weasy_bare = [], [], [], [], [], []
    pdf = council_pdf = b""
    for _ in range(repeat):
        _svg_cached.cache_clear()  # the bijlage PDF draws its own charts, as `report --as pdf`
        start = perf_counter()
        pdf = appendix_pdf_bytes(model)
        ours.append(perf_counter() - start)
        start = perf_counter()
        typst.compile(appendix_source.encode("utf-8"), font_paths=list(FONT_DIRS))
        bare.append(perf_counter() - start)
        start = perf_counter()
        council_pdf = council_pdf_bytes(council)
        council_ours.append(perf_counter() - start)
        start = perf_counter()
        typst.compile(source.encode("utf-8"), font_paths=list(FONT_DIRS))
        council_bare.append(perf_counter() - start)
        start = perf_counter()
        weasy_pdf = render_pdf(model)
        weasy.append(perf_counter() - start)
        start = perf_counter()
        HTML(string=html).write_pdf()
        weasy_bare.append(perf_counter() - start)
    document, seconds_docx = _timed(lambda: render_docx(model), repeat)
    council_document, seconds_council_docx = _timed(lambda: council_docx_bytes(council), repeat)
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        (keep / "technische-bijlage.html").write_text(html, encoding="utf-8")
        (keep / "technische-bijlage.pdf").write_bytes(pdf)
        (keep / "technische-bijlage.docx").write_bytes(document)
        (keep / "rapport.html").write_text(council_html, encoding="utf-8")
        (keep / "rapport.pdf").write_bytes(council_pdf)
        (keep / "rapport.docx").write_bytes(council_document)
    return {"model": seconds_model, "html": seconds_html, "pdf": median(ours),
            "bare": median(bare), "docx": seconds_docx, "pages": _pages(pdf),
            "council_html": seconds_council_html, "council_pdf": median(council_ours),
            "council_bare": median(council_bare), "council_docx": seconds_council_docx,
            "council_pages": _pages(council_pdf), "weasy": median(weasy),
            "weasy_bare": median(weasy_bare), "weasy_pages": _pages(weasy_pdf),
            "findings": sum(len(s.findings) for s in model.sections),
            "charts": sum(len(s.charts) for s in model.sections),
            "sizes": (len(html.encode()), len(pdf), len(document))}


def _pages(pdf: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def _warm_up() -> None:
    """Load pango, fonts and WeasyPrint once, outside every measurement."""
    from weasyprint import HTML

    HTML(string='<html lang="nl"><title>t</title><p>opwarmen</p></html>').write_pdf()


def _typst_version() -> str:
    from importlib.metadata import version

    return version("typst")


def _aim(met: bool) -> str:
    return "gehaald" if met else "GEMIST"


def report(name: str, figures: dict[str, Any]) -> None:
    f = figures
    ratio = f["pdf"] / f["bare"]
    council_ratio = f["council_pdf"] / f["council_bare"]
    html_kib, pdf_kib, docx_kib = (size / 1024 for size in f["sizes"])
    print(f"  {f['findings']} bevindingen, {f['charts']} grafieken; Raadsrapportage "
          f"{f['council_pages']} pagina's, Technische bijlage {f['pages']} pagina's "
          f"(HTML {html_kib:,.0f} KiB, PDF {pdf_kib:,.0f} KiB, DOCX {docx_kib:,.0f} KiB)")
    print(f"  rapportmodel en raadsrapportage {f['model']:.2f} s")
    print("  Raadsrapportage:")
    print(f"    html  {f['council_html']:.2f} s")
    print(f"    pdf   {f['council_pdf']:.2f} s  (Typst, PDF/UA-1; kale Typst-render van dezelfde "
          f"bron: {f['council_bare']:.2f} s)")
    print(f"    docx  {f['council_docx']:.2f} s")
    print("  Technische bijlage:")
    print(f"    html  {f['html']:.2f} s")
    print(f"    pdf   {f['pdf']:.2f} s  (Typst, PDF/UA-1; kale Typst-render van dezelfde bron: "
          f"{f['bare']:.2f} s; verhouding {ratio:.2f}×)")
    print(f"    ter vergelijking, de vorige motor: WeasyPrint {f['weasy']:.2f} s voor "
          f"{f['weasy_pages']} pagina's (kale WeasyPrint-render: {f['weasy_bare']:.2f} s)")
    print(f"    docx  {f['docx']:.2f} s")
    if name == "demo":
        print(f"  doel raadsrapportage-pdf < {AIM_DEMO_PDF_SECONDS:.0f} s: "
              f"{_aim(f['council_pdf'] < AIM_DEMO_PDF_SECONDS)} ({f['council_pdf']:.2f} s)")
        print(f"  doel bijlage-pdf < {AIM_DEMO_APPENDIX_SECONDS:.0f} s: "
              f"{_aim(f['pdf'] < AIM_DEMO_APPENDIX_SECONDS)} ({f['pdf']:.2f} s)")
    print(f"  doel raadsrapportage-pdf ≤ {AIM_PDF_RATIO}× kaal: "
          f"{_aim(council_ratio <= AIM_PDF_RATIO)} ({council_ratio:.2f}×)")
    print(f"  doel bijlage-pdf ≤ {AIM_PDF_RATIO}× kaal: {_aim(ratio <= AIM_PDF_RATIO)} "
          f"({ratio:.2f}×)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=1,
                        help="metingen per stap (mediaan); standaard 1")
    parser.add_argument("--alleen", choices=sorted(WORKLOADS), help="één werklast")
    parser.add_argument("--bewaar", type=Path,
                        help="map om de rapporten in te bewaren (per werklast een submap)")
    options = parser.parse_args(argv)
    import weasyprint

    print(f"samenwerkingsmonitor rapport-benchmark — Python {platform.python_version()}, "
          f"WeasyPrint {weasyprint.__version__}, Typst (Python-pakket) "
          f"{_typst_version()}, {platform.machine()}")
    _warm_up()
    for name, (description, make_run) in WORKLOADS.items():
        if options.alleen and name != options.alleen:
            continue
        with tempfile.TemporaryDirectory(prefix="smon-bench-report-") as folder:
            start = perf_counter()
            repo, run_id = make_run(Path(folder))
            print(f"\nRapport, {name}: {description}; toetsing in {perf_counter() - start:.1f} s")
            keep = options.bewaar / name if options.bewaar else None
            report(name, measure(repo, run_id, max(options.herhalingen, 1), keep))
    return 0


if __name__ == "__main__":
    sys.exit(main())
