"""`init` and `history SUBJECT INDICATOR`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer
from rich.table import Table

from samenwerkingsmonitor.cli.app import (
    app,
    check_output_format,
    console,
    print_json,
    print_table,
    wiring,
)
from samenwerkingsmonitor.i18n import _

if TYPE_CHECKING:  # services load their libraries when a command runs, not for --help
    pass



@app.command("init", help=_('Maak de database aan of werk hem bij naar de nieuwste versie.'))
def init_command() -> None:
    from samenwerkingsmonitor.services.storage.use_cases import prepare_database
    console.print(_("Database klaar: {url}").format(url=prepare_database(wiring())))


@app.command("history", help=_(
    "Toon alle versies van een waarde: wie, wanneer, waarom en uit welk bestand."))
def history_command(
    subject: str = typer.Argument(..., help=_("Onderwerp, bijv. GM0397 of GM0397/communicatie.")),
    indicator: str = typer.Argument(..., help=_("Indicator- of invoer-id, bijv. inwoners.")),
    output_format: str = typer.Option("tabel", "--format", help=_("tabel of json"),
                                      callback=check_output_format),
) -> None:
    from samenwerkingsmonitor.services.intake.numbers import plain_number
    from samenwerkingsmonitor.services.measurements.use_cases import (
        HistoryRequest,
        measurement_history,
    )
    versions = measurement_history(HistoryRequest(subject, indicator), wiring())
    if output_format == "json":
        print_json([
            {
                "versie": v.version_id, "jaar": v.measurement.year,
                "soort": v.measurement.kind.value, "waarde": v.measurement.value,
                "schaalwaarde": v.measurement.scale_value, "status": v.measurement.status.value,
                "bron": v.measurement.source, "batch": v.batch, "bestand": v.file_name,
                "rij": v.row, "wie": v.user, "wanneer": v.created.isoformat(),
                "reden": v.reason, "vervangt": v.supersedes,
            }
            for v in versions
        ])
        return
    table = Table(title=_("Historie van {subject} / {indicator}").format(
        subject=subject, indicator=indicator))
    for header in (_("versie"), _("jaar"), _("soort"), _("waarde"), _("status"), _("bestand"),
                   _("rij"), _("wie"), _("wanneer"), _("reden"), _("vervangt")):
        table.add_column(header)
    for v in versions:
        m = v.measurement
        value = m.scale_value if m.scale_value is not None else plain_number(m.value or 0.0)
        table.add_row(str(v.version_id), str(m.year), m.kind.value, value, m.status.value,
                      v.file_name, str(v.row or ""), v.user,
                      v.created.strftime("%Y-%m-%d %H:%M"), v.reason, str(v.supersedes or ""))
    print_table(table)
