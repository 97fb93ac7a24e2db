"""The provenance of every number in the report as a CSV file next to it (herkomst.csv).

The report itself prints the provenance per subject and file (how many values, which years,
batches and source documents); this file holds every single value the run could use, with its
version and batch ids and the findings that drew on it, so that the audit office can trace each
number of the report back to a stored version (`export --history` shows the whole chain). It is
written by the project's CSV writer (adapters/measurements/csv_writer.py): UTF-8 with BOM,
formula-safe text, numbers in full, written next to its destination and renamed into place.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from samenwerkingsmonitor.adapters.measurements.csv_writer import write_csv
from samenwerkingsmonitor.services.measurements.export import Cell, ExportTable
from samenwerkingsmonitor.services.report.model import ReportModel

PROVENANCE_COLUMNS: tuple[str, ...] = (
    "toetsing", "onderwerp", "onderwerp_naam", "indicator", "indicator_naam", "jaar", "soort",
    "waarde", "eenheid", "waarde_tekst", "status", "bron", "bestand", "blad", "rij", "batch",
    "versie", "gebruikt_in",
)
"""Column names are data identifiers (like the export's), the same in every language."""


def provenance_rows(model: ReportModel) -> Iterator[tuple[Cell, ...]]:
    for p in model.provenance:
        yield (model.run_id, p.subject_id, p.subject, p.indicator_id, p.indicator, p.year,
               p.kind, p.number, p.unit, p.value, p.status, p.source, p.file_name,
               p.sheet or None, p.row, p.batch, p.version, "; ".join(p.used_in))


def write_provenance(model: ReportModel, output_dir: Path) -> Path:
    """Write DIR/herkomst.csv (model.provenance_file) and return its path."""
    path = output_dir / model.provenance_file
    write_csv(ExportTable(PROVENANCE_COLUMNS, provenance_rows(model)), path)
    path.chmod(0o644)  # the report tells its readers to open it: readable like any output file
    return path
