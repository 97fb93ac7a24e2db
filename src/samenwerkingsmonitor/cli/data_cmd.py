"""`export`, `backup FILE`, `restore FILE` and `verify RUN` (docs/backup-and-verify.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from samenwerkingsmonitor.cli.app import (
    app,
    check_output_format,
    console,
    err_console,
    print_json,
    repository,
)
from samenwerkingsmonitor.errors import UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.verify import Verification
from samenwerkingsmonitor.services.backup.backup import BackupSummary

EXPORT_FORMATS = ("csv", "xlsx", "ods")


def export_format_for(chosen: str | None, output: Path | None) -> str:
    """The format of `--format`, else the one the suffix of `--output` names, else csv.
    A spreadsheet is a file, never text on the screen."""
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    chosen = chosen.lower() if chosen is not None else None
    if chosen is not None and chosen not in EXPORT_FORMATS:
        raise UsageError(_("Onbekend formaat '{format}': kies csv, xlsx of ods.").format(
            format=chosen))
    if chosen is not None and suffix in EXPORT_FORMATS and suffix != chosen:
        raise UsageError(_("Het formaat {format} past niet bij het bestand {file}: geef het "
                           "bestand de extensie .{format} of kies --format {suffix}.").format(
            format=chosen, file=output, suffix=suffix))
    fmt = chosen or (suffix if suffix in EXPORT_FORMATS else "csv")
    if fmt != "csv" and output is None:
        raise UsageError(_("Een export als {format} is een bestand: geef --output "
                           "BESTAND.{format}.").format(format=fmt))
    return fmt


@app.command("export")
def export_command(
    export_format: Annotated[str | None, typer.Option(
        "--format", help="Bestandsformaat: csv, xlsx of ods (standaard: volgens de extensie "
                         "van --output, anders csv).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", help="Schrijf naar dit bestand in plaats van naar het scherm; verplicht "
                         "bij xlsx en ods.")] = None,
    history: Annotated[bool, typer.Option(
        "--history/--current",
        help="Alle versies met hun historie, of alleen de geldende waarden (standaard).")] = False,
) -> None:
    """Exporteer de metingen in het lange formaat, met kolommen voor de historie."""
    from samenwerkingsmonitor.adapters.measurements.csv_writer import write_csv
    from samenwerkingsmonitor.services.measurements.export import export_measurements

    fmt = export_format_for(export_format, output)
    table = export_measurements(repository(), history=history)
    if fmt == "csv":
        count = write_csv(table, output)
    else:
        from samenwerkingsmonitor.adapters.measurements.spreadsheet_writer import (
            write_ods,
            write_xlsx,
        )

        assert output is not None  # export_format_for refuses a spreadsheet without a file
        count = (write_xlsx if fmt == "xlsx" else write_ods)(table, output)
    if output is not None:
        message = (_("{count} versies geschreven naar {file}.") if history
                   else _("{count} geldende waarden geschreven naar {file}."))
        err_console.print(message.format(count=count, file=output), markup=False)


@app.command("backup")
def backup_command(
    file: Annotated[Path, typer.Argument(help="Het bestand voor de reservekopie.")],
) -> None:
    """Schrijf de hele database, met alle historie, naar één controleerbaar bestand."""
    from samenwerkingsmonitor.adapters.backup.file import ZipBackupFiles
    from samenwerkingsmonitor.adapters.storage.restore import SqlBackupStore
    from samenwerkingsmonitor.services.backup.backup import create_backup

    summary = create_backup(SqlBackupStore(repository()), file, ZipBackupFiles())
    console.print(_("Reservekopie geschreven naar {file}: {rows} rijen in {tables} tabellen "
                    "(schemaversie {revision}).").format(**_counts(summary)), markup=False)


@app.command("restore")
def restore_command(
    file: Annotated[Path, typer.Argument(help="Een reservekopie van 'samenwerkingsmonitor "
                                              "backup'.")],
) -> None:
    """Zet een reservekopie terug in een lege database: precies zoals hij was."""
    from samenwerkingsmonitor.adapters.backup.file import ZipBackupFiles
    from samenwerkingsmonitor.adapters.storage.restore import SqlBackupStore
    from samenwerkingsmonitor.services.backup.backup import restore_backup

    store = SqlBackupStore(repository())
    summary = restore_backup(store, file, ZipBackupFiles())
    console.print(_("Reservekopie {file} teruggezet in {url}: {rows} rijen in {tables} tabellen; "
                    "alle controlesommen kloppen.").format(url=store.describe(),
                                                           **_counts(summary)), markup=False)


def _counts(summary: BackupSummary) -> dict[str, Any]:
    return {"file": summary.path, "rows": sum(summary.row_counts.values()),
            "tables": len(summary.row_counts), "revision": summary.schema_revision}


@app.command("verify")
def verify_command(
    run: Annotated[str, typer.Argument(help="Toetsing, bijv. R-0001, of latest.")],
    output_format: Annotated[str, typer.Option(
        "--format", help="tabel of json", callback=check_output_format)] = "tabel",
) -> None:
    """Reken een opgeslagen toetsing opnieuw uit en toon of elke bevinding gelijk is."""
    from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
    from samenwerkingsmonitor.adapters.organisation.file import read_organisation
    from samenwerkingsmonitor.services.assessment.verify import verify_run

    result = verify_run(repository(), run, framework_files=TomlFrameworkFiles(),
                        organisation_reader=read_organisation)
    if output_format == "json":
        print_json(verification_json(result))
    else:
        print_verification(result)
    if not result.identical:
        raise typer.Exit(1)


def verification_message(result: Verification) -> str:
    if result.identical:
        return _("Toetsing {run} is gereproduceerd: alle {findings} bevindingen en {verdicts} "
                 "criteriumoordelen zijn identiek.").format(
            run=result.run.id, findings=result.stored_findings, verdicts=result.stored_verdicts)
    return _("Toetsing {run} is niet gereproduceerd: {count} verschillen (opgeslagen "
             "{stored} bevindingen, opnieuw berekend {recomputed}).").format(
        run=result.run.id, count=len(result.differences), stored=result.stored_findings,
        recomputed=result.recomputed_findings)


def verification_json(result: Verification) -> dict[str, Any]:
    return {
        "run": result.run.id, "identical": result.identical,
        "data_batch": result.run.data_batch,
        "findings": {"stored": result.stored_findings, "recomputed": result.recomputed_findings},
        "criterion_verdicts": {"stored": result.stored_verdicts,
                               "recomputed": result.recomputed_verdicts},
        "differences": [{"kind": d.kind, "key": d.key, "field": d.field, "stored": d.stored,
                         "recomputed": d.recomputed} for d in result.differences],
        "message": verification_message(result),
    }


def print_verification(result: Verification) -> None:
    console.print(verification_message(result), markup=False)
    if result.identical:
        return
    table = Table(title=_("Verschillen"), title_justify="left")
    for header in (_("soort"), _("sleutel"), _("veld"), _("opgeslagen"), _("opnieuw berekend")):
        table.add_column(header)
    for d in result.differences:
        table.add_row(d.kind, d.key, d.field, str(d.stored), str(d.recomputed))
    console.print(table)
