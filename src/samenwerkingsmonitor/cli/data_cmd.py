"""`export`, `backup FILE`, `restore FILE` and `verify RUN` (docs/backup-and-verify.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from samenwerkingsmonitor.cli.app import (
    app,
    check_output_format,
    console,
    err_console,
    print_json,
    print_table,
    wiring,
)
from samenwerkingsmonitor.i18n import _

if TYPE_CHECKING:  # services load their libraries when a command runs, not for --help
    from samenwerkingsmonitor.services.assessment.verify import Verification
    from samenwerkingsmonitor.services.storage.backup import BackupSummary



@app.command("export", help=_(
    "Exporteer de metingen in het lange formaat, met kolommen voor de historie."))
def export_command(
    export_format: Annotated[str | None, typer.Option(
        "--format", help=_("Bestandsformaat: csv, xlsx of ods (standaard: volgens de extensie "
                         "van --output, anders csv)."))] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", help=_("Schrijf naar dit bestand in plaats van naar het scherm; verplicht "
                         "bij xlsx en ods."))] = None,
    history: Annotated[bool, typer.Option(
        "--history/--current",
        help=_("Alle versies met hun historie, of alleen de geldende waarden (standaard).")),
    ] = False,
) -> None:
    from samenwerkingsmonitor.services.measurements.use_cases import (
        ExportRequest,
        export_measurements,
    )
    result = export_measurements(ExportRequest(output, export_format, history), wiring())
    if output is not None:
        message = (_("{count} versies geschreven naar {file}.") if history
                   else _("{count} geldende waarden geschreven naar {file}."))
        err_console.print(message.format(count=result.rows, file=output), markup=False)


@app.command("backup", help=_(
    "Schrijf de hele database, met alle historie, naar één controleerbaar bestand."))
def backup_command(
    file: Annotated[Path, typer.Argument(help=_("Het bestand voor de reservekopie."))],
) -> None:
    from samenwerkingsmonitor.services.storage.use_cases import BackupRequest, backup
    summary = backup(BackupRequest(file), wiring())
    console.print(_("Reservekopie geschreven naar {file}: {rows} rijen in {tables} tabellen "
                    "(schemaversie {revision}).").format(**_counts(summary)), markup=False)


@app.command("restore", help=_(
    "Zet een reservekopie terug in een lege database: precies zoals hij was."))
def restore_command(
    file: Annotated[Path, typer.Argument(help=_("Een reservekopie van 'samenwerkingsmonitor "
                                              "backup'."))],
) -> None:
    from samenwerkingsmonitor.services.storage.use_cases import BackupRequest, restore
    result = restore(BackupRequest(file), wiring())
    console.print(_("Reservekopie {file} teruggezet in {url}: {rows} rijen in {tables} tabellen; "
                    "alle controlesommen en hashketens kloppen.").format(url=result.database,
                                                           **_counts(result.summary)),
                  markup=False)


def _counts(summary: BackupSummary) -> dict[str, Any]:
    return {"file": summary.path, "rows": sum(summary.row_counts.values()),
            "tables": len(summary.row_counts), "revision": summary.schema_revision}


@app.command("verify", help=_(
    "Reken een opgeslagen toetsing opnieuw uit en toon of elke bevinding gelijk is."))
def verify_command(
    run: Annotated[str | None, typer.Argument(
        help=_("Toetsing, bijv. R-0001, of latest."))] = None,
    all_history: Annotated[bool, typer.Option(
        "--all", help=_("Controleer de hele historie: loop de hashketens van elke tabel na en "
                        "noem de eerste gebroken schakel."))] = False,
    output_format: Annotated[str, typer.Option(
        "--format", help=_("tabel of json"), callback=check_output_format)] = "tabel",
) -> None:
    if all_history or run is None:
        if run is not None or not all_history:
            from samenwerkingsmonitor.errors import UsageError
            raise UsageError(_("Geef een toetsing (bijv. R-0001 of latest) of --all, niet "
                               "allebei en niet geen van beide."))
        _verify_history(output_format)
        return
    from samenwerkingsmonitor.services.assessment.use_cases import VerifyRequest, verify
    result = verify(VerifyRequest(run), wiring())
    if output_format == "json":
        print_json(verification_json(result))
    else:
        print_verification(result)
    if not result.identical:
        raise typer.Exit(1)


def _verify_history(output_format: str) -> None:
    from samenwerkingsmonitor.services.storage.use_cases import verify_history
    result = verify_history(wiring())
    if result.intact:
        message = _("De historie in {url} is ongeschonden: elke hashketen klopt tot en met de "
                    "laatste schakel.").format(url=result.database)
    else:
        message = _("De historie in {url} is gewijzigd buiten samenwerkingsmonitor om: {count} "
                    "hashketens zijn gebroken.").format(url=result.database,
                                                          count=len(result.breaks))
    if output_format == "json":
        print_json({"intact": result.intact, "message": message,
                    "breaks": [{"table": b.table, "link": b.seq, "row": b.position,
                                "message": b.describe()} for b in result.breaks],
                    "heads": {h.table: {"link": h.seq, "hash": h.chain_hash}
                              for h in result.heads}})
    else:
        console.print(message, markup=False)
        for found in result.breaks:
            console.print(f"- {found.describe()}", markup=False)
        table = Table(title=_("Koppen van de hashketens"), title_justify="left")
        for header in (_("tabel"), _("schakels"), _("kop")):
            table.add_column(header)
        for head in result.heads:
            table.add_row(head.table, str(head.seq), head.chain_hash)
        print_table(table)
    if not result.intact:
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
