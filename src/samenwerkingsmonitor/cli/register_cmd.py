"""`register FILE [--check-only] [--reason TEXT] [--format json]` (docs/organisation-file.md,
docs/commands.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from samenwerkingsmonitor.cli.app import (
    app,
    check_output_format,
    console,
    print_json,
    refusal_json,
    settings,
    wiring,
)
from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.errors import OrganisationInvalid
from samenwerkingsmonitor.i18n import _

if TYPE_CHECKING:  # services load their libraries when a command runs, not for --help
    from samenwerkingsmonitor.services.organisation.use_cases import (
        RegisterResult,
    )



@app.command("register", help=_(
    "Controleer een organisatiebestand en registreer het als nieuwe versie."))
def register_command(
    file: Annotated[Path, typer.Argument(help=_("Het organisatiebestand (TOML)."))],
    check_only: Annotated[bool, typer.Option(
        "--check-only", help=_("Alleen controleren, niets opslaan."))] = False,
    reason: Annotated[str, typer.Option(
        "--reason", help=_("Waarom deze versie wordt geregistreerd."))] = "",
    output_format: Annotated[str, typer.Option("--format", help=_("Uitvoer: tabel of json."),
                                               callback=check_output_format)] = "tabel",
) -> None:
    from samenwerkingsmonitor.services.organisation.use_cases import RegisterRequest, register
    request = RegisterRequest(file, settings.user, reason, check_only)
    try:
        result = register(request, wiring())
    except OrganisationInvalid as error:
        if output_format != "json":
            raise
        print_json({**refusal_json(file.name, error), "valid": False})
        sys.exit(error.exit_code)
    if output_format == "json":
        print_json(_summary(file, result))
    else:
        _print_summary(file, result)


def _counts(organisation: Organisation) -> dict[str, int]:
    return {
        "municipalities": len(organisation.municipalities),
        "teams": len(organisation.units),
        "shared_teams": sum(len(c.shared_units) for c in organisation.cooperations),
        "cooperations": len(organisation.cooperations),
        "peer_groups": len(organisation.peer_groups),
        "reference_series": len(organisation.reference_series),
    }


def _summary(file: Path, result: RegisterResult) -> dict[str, Any]:
    organisation = result.organisation
    summary: dict[str, Any] = {
        "file": file.name, "valid": True, "version": organisation.version,
        "title": organisation.title, "fictitious": organisation.fictitious,
        "counts": _counts(organisation), "stored": None,
    }
    if result.stored is not None:
        summary["stored"] = {"version": result.stored.version, "changed": result.changed,
                             "sha256": result.stored.sha256}
    return summary


def _print_summary(file: Path, result: RegisterResult) -> None:
    organisation, document = result.organisation, result.stored
    counts = _counts(organisation)
    console.print(_("Organisatiebestand {file} (versie {version}) is in orde: {municipalities} "
                    "gemeenten, {teams} teams, {shared_teams} gedeelde teams, {cooperations} "
                    "samenwerkingen.").format(file=file.name, version=organisation.version,
                                              **counts), markup=False)
    if organisation.fictitious:
        console.print(_("Let op: dit bestand bevat fictieve voorbeeldgegevens."), markup=False)
    if document is None:
        console.print(_("Niets opgeslagen (--check-only)."), markup=False)
        return
    if result.changed:
        console.print(_("Geregistreerd als versie {number}.").format(number=document.version),
                      markup=False)
    else:
        console.print(_("Ongewijzigd: gelijk aan de geregistreerde versie {number}; niets "
                        "opgeslagen.").format(number=document.version), markup=False)
