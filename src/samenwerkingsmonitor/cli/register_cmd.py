"""`register FILE [--check-only] [--reason TEXT] [--format json]` (DESIGN.md §4.2, §4.6)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.cli.app import (
    app,
    check_output_format,
    console,
    place_words,
    print_json,
    settings,
)
from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.errors import OrganisationInvalid
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.organisation.register import (
    check_organisation_file,
    register_organisation,
)
from samenwerkingsmonitor.services.storage.ports import StoredDocument


@app.command("register")
def register(
    file: Annotated[Path, typer.Argument(help="Het organisatiebestand (TOML).")],
    check_only: Annotated[bool, typer.Option("--check-only",
                                             help="Alleen controleren, niets opslaan.")] = False,
    reason: Annotated[str, typer.Option("--reason",
                                        help="Waarom deze versie wordt geregistreerd.")] = "",
    output_format: Annotated[str, typer.Option("--format", help="Uitvoer: tabel of json.",
                                               callback=check_output_format)] = "tabel",
) -> None:
    """Controleer een organisatiebestand en registreer het als nieuwe versie."""
    try:
        organisation = check_organisation_file(file, reader=read_organisation)
    except OrganisationInvalid as error:
        if output_format != "json":
            raise
        print_json(_refusal(file, error))
        sys.exit(error.exit_code)
    stored = None if check_only else _store(file, reason)
    if output_format == "json":
        print_json(_summary(file, organisation, stored))
    else:
        _print_summary(file, organisation, stored)


def _store(file: Path, reason: str) -> tuple[StoredDocument, bool]:
    from samenwerkingsmonitor.adapters.storage import open_repository

    repository = open_repository(settings.database)
    return register_organisation(repository, file, settings.user, reason,
                                 reader=read_organisation)


def _counts(organisation: Organisation) -> dict[str, int]:
    return {
        "municipalities": len(organisation.municipalities),
        "teams": len(organisation.units),
        "shared_teams": sum(len(c.shared_units) for c in organisation.cooperations),
        "cooperations": len(organisation.cooperations),
        "peer_groups": len(organisation.peer_groups),
        "reference_series": len(organisation.reference_series),
    }


def _summary(file: Path, organisation: Organisation,
             stored: tuple[StoredDocument, bool] | None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "file": file.name, "valid": True, "version": organisation.version,
        "title": organisation.title, "fictitious": organisation.fictitious,
        "counts": _counts(organisation), "stored": None,
    }
    if stored is not None:
        document, changed = stored
        result["stored"] = {"version": document.version, "changed": changed,
                            "sha256": document.sha256}
    return result


def _refusal(file: Path, error: OrganisationInvalid) -> dict[str, Any]:
    return {
        "file": file.name, "valid": False, "message": str(error),
        "issues": [{"file": i.location.file, "line": i.location.line,
                    "key_path": i.location.key_path, "message": i.message, "hint": i.hint,
                    "text": i.describe(place_words())} for i in error.report.issues],
    }


def _print_summary(file: Path, organisation: Organisation,
                   stored: tuple[StoredDocument, bool] | None) -> None:
    counts = _counts(organisation)
    console.print(_("Organisatiebestand {file} (versie {version}) is in orde: {municipalities} "
                    "gemeenten, {teams} teams, {shared_teams} gedeelde teams, {cooperations} "
                    "samenwerkingen.").format(file=file.name, version=organisation.version,
                                              **counts), markup=False)
    if organisation.fictitious:
        console.print(_("Let op: dit bestand bevat fictieve voorbeeldgegevens."), markup=False)
    if stored is None:
        console.print(_("Niets opgeslagen (--check-only)."), markup=False)
        return
    document, changed = stored
    if changed:
        console.print(_("Geregistreerd als versie {number}.").format(number=document.version),
                      markup=False)
    else:
        console.print(_("Ongewijzigd: gelijk aan de geregistreerde versie {number}; niets "
                        "opgeslagen.").format(number=document.version), markup=False)
