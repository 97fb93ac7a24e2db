"""Steps of a user's journey for tests that hold their own repository, organisation and
framework: the same service functions the front doors call, with the real file readers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.domain.framework import Framework
from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.services.measurements.importing import ImportResult, import_measurements
from samenwerkingsmonitor.services.storage.ports import Repository
from samenwerkingsmonitor.services.vulnerability.store import (
    VulnerabilityImportResult,
    import_vulnerability,
)


def import_file(repo: Repository, path: Path, organisation: Organisation, framework: Framework,
                user: str, reason: str = "", dry_run: bool = False,
                decimal_comma: bool | None = None) -> ImportResult:
    """A measurement file through the reader its suffix names (CSV, XLSX or ODS)."""
    reader = Wiring().measurement_readers()[path.suffix.lower()]
    return import_measurements(repo, path, organisation, framework, user, reason, dry_run,
                               decimal_comma, reader=reader)


def import_vulnerability_files(repo: Repository, paths: Sequence[Path],
                               organisation: Organisation, user: str, reason: str = "",
                               year: int | None = None, dry_run: bool = False,
                               decimal_comma: bool | None = None) -> VulnerabilityImportResult:
    """One workbook with the sheets Taken, Medewerkers and Competenties, or the three CSVs."""
    tables = Wiring().vulnerability_tables(paths, decimal_comma)
    return import_vulnerability(repo, tables, organisation, user, reason, year, dry_run)
