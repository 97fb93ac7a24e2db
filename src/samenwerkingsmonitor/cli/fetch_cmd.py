"""`fetch cbs|bbv --subjects GM0397,GM0377 --years 2017-2020 [--from-file FILE] [--kind K]
[--reason TEXT] [--dry-run] [--format json]`: published figures as measurements
(docs/gepubliceerde-cijfers.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from samenwerkingsmonitor.cli.app import (
    app,
    check_output_format,
    console,
    print_json,
    settings,
    wiring,
)
from samenwerkingsmonitor.cli.assess_cmd import parse_list, parse_years
from samenwerkingsmonitor.i18n import _, number


@app.command("fetch", help=_("Haal gepubliceerde cijfers op (cbs: inwoners van CBS StatLine; "
                             "bbv: de BBV-indicatoren van waarstaatjegemeente.nl) en sla ze op "
                             "als metingen met status gepubliceerd."))
def fetch_command(
    source: Annotated[str, typer.Argument(help=_("De bron: cbs of bbv."))],
    years: Annotated[str, typer.Option("--years", help=_("Jaren A-B, bijv. 2017-2020."))],
    subjects: Annotated[str, typer.Option(
        "--subjects", help=_("Gemeenten, komma-gescheiden; standaard alle geregistreerde."))
    ] = "",
    from_file: Annotated[Path | None, typer.Option(
        "--from-file", help=_("Zonder internet: een bestand dat u van de site van de bron "
                              "downloadde (CSV)."))] = None,
    kind: Annotated[str, typer.Option(
        "--kind", help=_("bbv: begroting (standaard) of realisatie (jaarrekening)."))
    ] = "begroting",
    reason: Annotated[str, typer.Option(
        "--reason", help=_("Waarom waarden wijzigen; verplicht bij een correctie."))] = "",
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help=_("Alleen ophalen, controleren en tellen, niets opslaan."))] = False,
    output_format: Annotated[str, typer.Option(
        "--format", help=_("Uitvoer: tabel of json."), callback=check_output_format)] = "tabel",
) -> None:
    from samenwerkingsmonitor.services.measurements.use_cases import (
        FetchRequest,
        fetch_published,
    )

    first, last = parse_years(years)
    result = fetch_published(FetchRequest(
        source, parse_list(subjects) if subjects else (), first, last, settings.user, reason,
        dry_run, from_file, kind), wiring())
    from samenwerkingsmonitor.cli.import_cmd import result_json, summary

    if output_format == "json":
        print_json({"source": result.source, "values": [
            {"subject": v.subject, "indicator": v.indicator, "year": v.year, "kind": v.kind,
             "value": v.value, "unit": v.unit, "source": v.source_url,
             "retrieved": v.retrieved.isoformat()} for v in result.values],
            "import": result_json(result.imported)})
        return
    table = Table(title=_("Opgehaald uit {source}").format(source=result.source),
                  title_justify="left")
    for column in (_("Onderwerp"), _("Indicator"), _("Jaar"), _("Soort"), _("Waarde"),
                   _("Bron")):
        table.add_column(column, justify="right" if column == _("Waarde") else "left")
    for v in result.values:
        table.add_row(v.subject, v.indicator, str(v.year), v.kind,
                      number(v.value, 0 if v.unit == "aantal" else 2), v.source_url)
    console.print(table)
    console.print(summary(result.imported), markup=False)
