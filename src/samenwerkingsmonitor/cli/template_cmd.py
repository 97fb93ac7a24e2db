"""`template OUT.xlsx|OUT.ods --framework ID --subjects ... --years A-B [--kinds ...]
[--with-derived] [--vulnerability]`: write a spreadsheet to fill in (docs/invullen.md,
ADR 0012)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from samenwerkingsmonitor.cli.app import app, console, either, wiring
from samenwerkingsmonitor.cli.assess_cmd import parse_list, parse_years
from samenwerkingsmonitor.domain.measurements import MeasurementKind
from samenwerkingsmonitor.errors import UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.frameworks import DEFAULT_FRAMEWORK


def parse_kinds(text: str) -> tuple[MeasurementKind, ...]:
    kinds: list[MeasurementKind] = []
    for part in (p.strip().lower() for p in text.split(",")):
        if part not in {k.value for k in MeasurementKind}:
            raise UsageError(_("Onbekende soort '{text}': kies begroting, "
                               "begroting_na_wijziging, realisatie of prognose.").format(
                text=part))
        kinds.append(MeasurementKind(part))
    return tuple(dict.fromkeys(kinds))


@app.command("template", help=_("Schrijf een invulbestand met de verwachte rijen, keuzelijsten "
                                "en toelichting."))
def template_command(
    output: Annotated[Path, typer.Argument(
        help=_("Het invulbestand dat wordt geschreven: .xlsx of .ods."))],
    subjects: Annotated[str, typer.Option(
        "--subjects", help=_("Onderwerpen, komma-gescheiden; 'samenwerking/*' voor alle "
                             "gedeelde teams."))],
    years: Annotated[str, typer.Option("--years", help=_("Jaren A-B, bijv. 2018-2020."))],
    framework: Annotated[str, typer.Option(
        "--framework", help=_("Toetsingskader: meegeleverd id of bestand."))
    ] = DEFAULT_FRAMEWORK,
    kinds: Annotated[str | None, typer.Option(
        "--kinds", help=_("Soorten, komma-gescheiden: begroting, realisatie, prognose "
                          "(standaard: realisatie)."))] = None,
    with_derived: Annotated[bool, typer.Option(
        "--with-derived", help=_("Ook rijen voor gepubliceerde afgeleide indicatoren "
                                 "(BBV-waarden uit begroting of jaarrekening)."))] = False,
    vulnerability: Annotated[bool, typer.Option(
        "--vulnerability", help=_("Ook de bladen Taken, Medewerkers en Competenties voor "
                                  "import-vulnerability."))] = False,
    old_kinds: Annotated[str | None, typer.Option("--soort", hidden=True)] = None,
    old_vulnerability: Annotated[bool | None, typer.Option(
        "--kwetsbaarheid", hidden=True)] = None,
) -> None:
    from samenwerkingsmonitor.services.workbooks.use_cases import TemplateRequest, write_template

    first, last = parse_years(years)
    request = TemplateRequest(
        output, parse_list(subjects), first, last, framework,
        parse_kinds(either(kinds, old_kinds, "--soort", "--kinds") or "realisatie"),
        with_derived,
        bool(either(vulnerability or None, old_vulnerability, "--kwetsbaarheid",
                    "--vulnerability")))
    model = write_template(request, wiring())
    console.print(_("Invulbestand {file} geschreven: {rows} rijen voor {subjects} onderwerpen, "
                    "{first}-{last}.").format(file=output, rows=len(model.rows),
                                              subjects=len(model.subjects),
                                              first=model.first_year, last=model.last_year),
                  markup=False)
