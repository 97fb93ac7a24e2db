"""`template OUT.xlsx|OUT.ods --framework ID --subjects ... --years A-B [--soort ...]
[--with-derived] [--kwetsbaarheid]`: write a spreadsheet to fill in (docs/invullen.md,
ADR 0012)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from samenwerkingsmonitor.cli.app import app, console, repository
from samenwerkingsmonitor.cli.assess_cmd import parse_years
from samenwerkingsmonitor.domain.measurements import MeasurementKind
from samenwerkingsmonitor.errors import UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.frameworks.load import DEFAULT_FRAMEWORK
from samenwerkingsmonitor.services.workbooks.model import TemplateModel

Writer = Callable[[TemplateModel, Path], Path]


def writer_for(path: Path) -> Writer:
    """The writer by suffix; imported here so that `--help` needs neither library."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from samenwerkingsmonitor.adapters.workbooks.xlsx import write_template_xlsx
        return write_template_xlsx
    if suffix == ".ods":
        from samenwerkingsmonitor.adapters.workbooks.ods import write_template_ods
        return write_template_ods
    raise UsageError(_("Bestandstype '{suffix}' kan niet als invulbestand worden geschreven: "
                       "kies .xlsx of .ods.").format(suffix=path.suffix or _("zonder extensie")))


def parse_kinds(text: str) -> tuple[MeasurementKind, ...]:
    kinds: list[MeasurementKind] = []
    for part in (p.strip().lower() for p in text.split(",")):
        if part not in {k.value for k in MeasurementKind}:
            raise UsageError(_("Onbekende soort '{text}': kies begroting, realisatie of "
                               "prognose.").format(text=part))
        kinds.append(MeasurementKind(part))
    return tuple(dict.fromkeys(kinds))


def make_template(output: Path, framework_id: str, subjects: tuple[str, ...], years: str,
                  kinds: tuple[MeasurementKind, ...], with_derived: bool,
                  vulnerability: bool = False) -> TemplateModel:
    """Build the template for the registered organisation and write it to `output`."""
    from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
    from samenwerkingsmonitor.adapters.organisation.file import read_organisation
    from samenwerkingsmonitor.services.assessment.assess import resolve_subjects
    from samenwerkingsmonitor.services.frameworks.load import load_framework
    from samenwerkingsmonitor.services.organisation.register import load_registered_organisation
    from samenwerkingsmonitor.services.workbooks.model import build_template

    write = writer_for(output)
    if not output.parent.is_dir():
        raise UsageError(_("Map {folder} bestaat niet.").format(folder=output.parent))
    first, last = parse_years(years)
    organisation = load_registered_organisation(repository(), reader=read_organisation)
    framework = load_framework(framework_id, TomlFrameworkFiles())
    chosen = resolve_subjects(organisation, subjects)
    model = build_template(framework, organisation, chosen, first, last, kinds, with_derived,
                           vulnerability)
    write(model, output)
    return model


@app.command("template")
def template_command(
    output: Annotated[Path, typer.Argument(help="Het invulbestand dat wordt geschreven: "
                                                 ".xlsx of .ods.")],
    subjects: Annotated[str, typer.Option(
        "--subjects", help="Onderwerpen, komma-gescheiden; 'samenwerking/*' voor alle gedeelde "
                           "teams.")],
    years: Annotated[str, typer.Option("--years", help="Jaren A-B, bijv. 2018-2020.")],
    framework: Annotated[str, typer.Option(
        "--framework", help="Toetsingskader: meegeleverd id of bestand.")] = DEFAULT_FRAMEWORK,
    soort: Annotated[str, typer.Option(
        "--soort", help="Soorten, komma-gescheiden: begroting, realisatie, prognose.")
    ] = "realisatie",
    with_derived: Annotated[bool, typer.Option(
        "--with-derived", help="Ook rijen voor gepubliceerde afgeleide indicatoren "
                               "(BBV-waarden uit begroting of jaarrekening).")] = False,
    kwetsbaarheid: Annotated[bool, typer.Option(
        "--kwetsbaarheid", help="Ook de bladen Taken, Medewerkers en Competenties voor "
                                "import-kwetsbaarheid.")] = False,
) -> None:
    """Schrijf een invulbestand met de verwachte rijen, keuzelijsten en toelichting."""
    model = make_template(output, framework,
                          tuple(s.strip() for s in subjects.split(",") if s.strip()), years,
                          parse_kinds(soort), with_derived, kwetsbaarheid)
    console.print(_("Invulbestand {file} geschreven: {rows} rijen voor {subjects} onderwerpen, "
                    "{first}-{last}.").format(file=output, rows=len(model.rows),
                                              subjects=len(model.subjects),
                                              first=model.first_year, last=model.last_year),
                  markup=False)
