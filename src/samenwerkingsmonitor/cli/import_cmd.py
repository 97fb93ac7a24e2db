"""`import FILE [--dry-run] [--reason TEXT] [--decimaal komma|punt] [--framework ID]
[--format json]`: measurements in the long format (DESIGN.md §4.3, docs/import.md)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from samenwerkingsmonitor.adapters.intake.csv_reader import read_csv
from samenwerkingsmonitor.adapters.intake.file_guard import IntakeLimits, encoding_note, limits_from
from samenwerkingsmonitor.adapters.intake.spreadsheet_reader import read_ods, read_xlsx
from samenwerkingsmonitor.cli.app import (
    app,
    check_output_format,
    console,
    err_console,
    place_words,
    print_json,
    repository,
    settings,
)
from samenwerkingsmonitor.domain.framework import Framework
from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.errors import ImportRefused, UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.frameworks.load import DEFAULT_FRAMEWORK
from samenwerkingsmonitor.services.intake.tables import RawTable
from samenwerkingsmonitor.services.measurements.importing import (
    ImportResult,
    import_measurements,
    refused,
)
from samenwerkingsmonitor.services.measurements.ports import TableReader
from samenwerkingsmonitor.services.storage.ports import Repository

READERS: dict[str, Callable[..., RawTable]] = {
    ".csv": read_csv, ".xlsx": read_xlsx, ".ods": read_ods}
"""File readers by suffix; each takes (path, decimal_comma, limits=IntakeLimits)."""

_NOTATIONS = {"komma": True, "punt": False}


def reader_for(path: Path, limits: IntakeLimits | None = None) -> TableReader:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        report = ValidationReport()
        report.add(Location(path.name),
                   _("Bestandstype '{suffix}' kan (nog) niet worden ingelezen.").format(
                       suffix=path.suffix or _("zonder extensie")),
                   _("Lever de metingen aan als werkmap (.xlsx of .ods) met een blad "
                     "Metingen, of als CSV-bestand (.csv)."))
        raise refused(path.name, report)
    return partial(reader, limits=limits or IntakeLimits())


def import_file(repo: Repository, path: Path, organisation: Organisation, framework: Framework,
                user: str, reason: str, dry_run: bool = False,
                decimal_comma: bool | None = None,
                limits: IntakeLimits | None = None) -> ImportResult:
    """import_measurements with the reader that fits the file (for `demo` and the web app)."""
    return import_measurements(repo, path, organisation, framework, user, reason, dry_run,
                               decimal_comma, reader=reader_for(path, limits))


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="Het bestand met metingen (CSV, lang formaat).")],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Alleen controleren en tellen, niets opslaan.")] = False,
    reason: Annotated[str, typer.Option(
        "--reason", help="Waarom waarden wijzigen; verplicht bij een correctie.")] = "",
    decimaal: Annotated[str | None, typer.Option(
        "--decimaal", help="Decimaalteken: komma (1.234,5) of punt (1234.5). Standaard: komma "
                           "bij puntkomma's als scheidingsteken, anders punt.")] = None,
    framework_id: Annotated[str, typer.Option(
        "--framework", help="Toetsingskader: meegeleverd id of bestand.")] = DEFAULT_FRAMEWORK,
    output_format: Annotated[str, typer.Option(
        "--format", help="Uitvoer: tabel of json.", callback=check_output_format)] = "tabel",
    max_mb: Annotated[float | None, typer.Option(
        "--max-grootte", help="Grootste bestand in MB (standaard 50, of "
                              "SAMENWERKINGSMONITOR_MAX_FILE_MB).")] = None,
) -> None:
    """Importeer metingen: alles of niets, elk probleem met rij, kolom en hint."""
    if output_format not in ("tabel", "json"):
        raise UsageError(_("Onbekend formaat '{format}': kies tabel of json.").format(
            format=output_format))
    if decimaal is not None and decimaal not in _NOTATIONS:
        raise UsageError(_("Onbekend decimaalteken '{value}': kies komma of punt.").format(
            value=decimaal))
    limits = limits_from(max_mb)
    try:
        with err_console.status(_("Metingen controleren..."), spinner="dots"):
            result = _run(file, reason, dry_run, _NOTATIONS.get(decimaal or ""), framework_id,
                          limits)
    except ImportRefused as error:
        if output_format != "json":
            raise
        print_json(refusal_json(file, error))
        sys.exit(error.exit_code)
    if output_format == "json":
        print_json(result_json(result))
    else:
        print_result(result)


def _run(file: Path, reason: str, dry_run: bool, decimal_comma: bool | None,
         framework_id: str, limits: IntakeLimits | None = None) -> ImportResult:
    # Imported here so that `--help` stays fast and needs no database driver.
    from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
    from samenwerkingsmonitor.adapters.organisation.file import read_organisation
    from samenwerkingsmonitor.services.frameworks.load import load_framework
    from samenwerkingsmonitor.services.organisation.register import load_registered_organisation

    repo = repository()
    organisation = load_registered_organisation(repo, reader=read_organisation)
    framework = load_framework(framework_id, TomlFrameworkFiles())
    return import_file(repo, file, organisation, framework, settings.user, reason, dry_run,
                       decimal_comma, limits)


def result_json(result: ImportResult) -> dict[str, Any]:
    return {
        "file": result.file_name, "sha256": result.sha256, "rows": result.rows,
        "new": result.new, "changed": result.changed, "unchanged": result.unchanged,
        "batch": result.batch_id, "dry_run": result.dry_run,
        "decimal_comma": result.decimal_comma, "encoding": result.encoding,
        "unfilled": result.unfilled,
        "message": summary(result),
    }


def refusal_json(file: Path, error: ImportRefused) -> dict[str, Any]:
    return {
        "file": file.name, "refused": True, "message": str(error),
        "issues": [{"file": i.location.file, "sheet": i.location.sheet, "row": i.location.row,
                    "column": i.location.column, "message": i.message, "hint": i.hint,
                    "text": i.describe(place_words())} for i in error.report.issues],
    }


def summary(result: ImportResult) -> str:
    if result.dry_run:
        return _("Proefdraai: {new} nieuw, {changed} gewijzigd, {unchanged} ongewijzigd; er is "
                 "niets opgeslagen.").format(new=result.new, changed=result.changed,
                                             unchanged=result.unchanged)
    if result.nothing_changed and result.rows == 1:
        return _("Niets gewijzigd: de waarde staat al zo opgeslagen; er is geen importbatch "
                 "gemaakt.")
    if result.nothing_changed:
        return _("Niets gewijzigd: alle {rows} waarden staan al zo opgeslagen; er is geen "
                 "importbatch gemaakt.").format(rows=result.rows)
    return _("Opgeslagen als importbatch {batch}: {new} nieuw, {changed} gewijzigd, {unchanged} "
             "ongewijzigd.").format(batch=result.batch_id, new=result.new,
                                    changed=result.changed, unchanged=result.unchanged)


def print_result(result: ImportResult) -> None:
    notation = _("komma (1.234,5)") if result.decimal_comma else _("punt (1234.5)")
    table = Table(title=_("Import van {file}").format(file=result.file_name), title_justify="left")
    table.add_column(_("Rijen"), justify="right")
    table.add_column(_("Nieuw"), justify="right")
    table.add_column(_("Gewijzigd"), justify="right")
    table.add_column(_("Ongewijzigd"), justify="right")
    table.add_column(_("Decimaalteken"))
    table.add_row(str(result.rows), str(result.new), str(result.changed), str(result.unchanged),
                  notation)
    console.print(table)
    note = encoding_note(result.encoding)
    if note:
        console.print(note, markup=False)
    console.print(summary(result), markup=False)
    if result.unfilled:
        console.print(_("{n} rijen zonder waarde en bron zijn overgeslagen (niet ingevuld).")
                      .format(n=result.unfilled), markup=False)
