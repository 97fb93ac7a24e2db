"""`import FILE [--dry-run] [--reason TEXT] [--decimal comma|point] [--framework ID]
[--max-size MB] [--format json]`: measurements in the long format (docs/import.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from samenwerkingsmonitor.cli.app import (
    app,
    check_output_format,
    console,
    either,
    err_console,
    print_json,
    refusal_json,
    settings,
    wiring,
)
from samenwerkingsmonitor.errors import ImportRefused, UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.frameworks import DEFAULT_FRAMEWORK

if TYPE_CHECKING:  # services load their libraries when a command runs, not for --help
    from samenwerkingsmonitor.services.measurements.importing import ImportResult


NOTATIONS = {"comma": True, "point": False, "komma": True, "punt": False}


def decimal_option(value: str | None) -> bool | None:
    """--decimal comma|point (komma|punt too); None lets the file decide."""
    if value is None:
        return None
    if value.lower() not in NOTATIONS:
        raise UsageError(_("Onbekend decimaalteken '{value}': kies comma (komma) of point "
                           "(punt).").format(value=value))
    return NOTATIONS[value.lower()]


@app.command("import", help=_("Importeer metingen: alles of niets, elk probleem met rij, "
                              "kolom en hint."))
def import_command(
    file: Annotated[Path, typer.Argument(
        help=_("Het bestand met metingen: CSV (lang formaat), XLSX of ODS."))],
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help=_("Alleen controleren en tellen, niets opslaan."))] = False,
    reason: Annotated[str, typer.Option(
        "--reason", help=_("Waarom waarden wijzigen; verplicht bij een correctie."))] = "",
    decimal: Annotated[str | None, typer.Option(
        "--decimal", help=_("Decimaalteken: comma (1.234,5) of point (1234.5). Standaard: "
                            "komma bij puntkomma's als scheidingsteken, anders punt."))] = None,
    framework_id: Annotated[str, typer.Option(
        "--framework", help=_("Toetsingskader: meegeleverd id of bestand."))
    ] = DEFAULT_FRAMEWORK,
    output_format: Annotated[str, typer.Option(
        "--format", help=_("Uitvoer: tabel of json."), callback=check_output_format)] = "tabel",
    max_mb: Annotated[float | None, typer.Option(
        "--max-size", help=_("Grootste bestand in MB (standaard 50, of "
                             "SAMENWERKINGSMONITOR_MAX_FILE_MB)."))] = None,
    max_problems: Annotated[int, typer.Option(
        "--max-problems", min=1, help=_("Stop na zoveel problemen (standaard 1000)."))] = 1000,
    old_decimal: Annotated[str | None, typer.Option("--decimaal", hidden=True)] = None,
    old_max_mb: Annotated[float | None, typer.Option("--max-grootte", hidden=True)] = None,
) -> None:
    from samenwerkingsmonitor.services.measurements.use_cases import (
        ImportRequest,
        import_measurements,
    )
    request = ImportRequest(
        file, settings.user, reason, dry_run,
        decimal_option(either(decimal, old_decimal, "--decimaal", "--decimal")),
        framework_id, either(max_mb, old_max_mb, "--max-grootte", "--max-size"),
        max_problems)
    try:
        with err_console.status(_("Metingen controleren..."), spinner="dots"):
            result = import_measurements(request, wiring())
    except ImportRefused as error:
        if output_format != "json":
            raise
        print_json(refusal_json(file.name, error))
        sys.exit(error.exit_code)
    if output_format == "json":
        print_json(result_json(result))
    else:
        print_result(result)


def result_json(result: ImportResult) -> dict[str, Any]:
    return {
        "file": result.file_name, "sha256": result.sha256, "rows": result.rows,
        "new": result.new, "changed": result.changed, "unchanged": result.unchanged,
        "batch": result.batch_id, "dry_run": result.dry_run,
        "decimal_comma": result.decimal_comma, "encoding": result.encoding,
        "unfilled": result.unfilled, "unfilled_rows": list(result.unfilled_rows),
        "message": summary(result),
    }


def row_list(rows: tuple[int, ...], shown: int = 10) -> str:
    """`rij 5, 7 en 9`; past `shown` rows: `rij 5, 7, ... en nog 12 andere`."""
    if not rows:
        return ""
    numbers = [str(row) for row in rows[:shown]]
    if len(rows) > shown:
        return _("rij {rows} en nog {more} andere").format(rows=", ".join(numbers),
                                                          more=len(rows) - shown)
    if len(numbers) == 1:
        return _("rij {row}").format(row=numbers[0])
    return _("rij {rows} en {last}").format(rows=", ".join(numbers[:-1]), last=numbers[-1])


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
    from samenwerkingsmonitor.services.intake.tables import encoding_note
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
        console.print(_("{n} rijen zonder waarde en bron zijn overgeslagen (niet ingevuld): "
                        "{rows}.").format(n=result.unfilled, rows=row_list(result.unfilled_rows)),
                      markup=False)
