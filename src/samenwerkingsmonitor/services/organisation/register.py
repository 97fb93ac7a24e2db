"""Use cases of the organisation file: check it, register it, load the registered one.

Reading TOML and the schema belong to an adapter (adapters/organisation/file.py), which the
caller passes in as `reader`; this module adds the checks between the parts and the storage of
versions through the Repository port. An unchanged file is not stored again
(docs/adr/0007-storage-and-history.md).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.errors import NotFound, OrganisationInvalid, refusal
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.organisation.checks import check_organisation
from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
from samenwerkingsmonitor.services.storage.ports import Repository, StoredDocument

DOCUMENT_KIND = "organisation"
DOCUMENT_NAME = "organisation"


@dataclass(frozen=True, slots=True)
class RegisteredOrganisation:
    document: StoredDocument
    organisation: Organisation


def refused(file_name: str, report: ValidationReport) -> OrganisationInvalid:
    """The one error for a refused organisation file, with a count in its message."""
    return refusal(OrganisationInvalid, report,
                   _("Het organisatiebestand {file} is afgekeurd: 1 probleem."),
                   _("Het organisatiebestand {file} is afgekeurd: {count} problemen."),
                   file=file_name)


def check_organisation_text(text: str, file_name: str, *,
                            reader: OrganisationReader) -> Organisation:
    """The organisation in `text`, or OrganisationInvalid listing every problem."""
    parsed = reader(text, file_name)
    report = check_organisation(parsed.organisation, parsed.locate)
    if not report.ok:
        raise refused(file_name, report)
    return parsed.organisation


def read_text(path: Path) -> str:
    """The file as UTF-8 text; unreadable files are refused with a located message."""
    report = ValidationReport()
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        report.add(Location(path.name), _("Het bestand is geen UTF-8-tekst (byte {position})."
                                          ).format(position=error.start + 1),
                   _("Sla het bestand op als UTF-8, bijvoorbeeld met een teksteditor."))
    except OSError as error:
        report.add(Location(path.name), _("Het bestand kan niet worden gelezen: {reason}."
                                          ).format(reason=error.strerror or error),
                   _("Controleer het pad en de rechten op het bestand."))
    raise refused(path.name, report)


def check_organisation_file(path: Path, *, reader: OrganisationReader) -> Organisation:
    return check_organisation_text(read_text(path), path.name, reader=reader)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def register_organisation(repo: Repository, path: Path, user: str, reason: str, *,
                          reader: OrganisationReader) -> tuple[StoredDocument, bool]:
    """Check the file and store it as a new version, unless it equals the latest one.

    Returns the stored (or unchanged latest) version and whether a new one was stored.
    """
    text = read_text(path)
    organisation = check_organisation_text(text, path.name, reader=reader)
    sha256 = text_sha256(text)
    with repo.transaction():
        latest = repo.latest_document(DOCUMENT_KIND, DOCUMENT_NAME)
        if latest is not None and latest.sha256 == sha256:
            return latest, False
        stored = repo.store_document(DOCUMENT_KIND, DOCUMENT_NAME, organisation.version, text,
                                     sha256, user, reason)
    return stored, True


def registered_organisation(repo: Repository, *,
                            reader: OrganisationReader) -> RegisteredOrganisation:
    """The latest registered version, checked again with the rules of this release."""
    document = repo.latest_document(DOCUMENT_KIND, DOCUMENT_NAME)
    if document is None:
        raise NotFound(_("Er is nog geen organisatiebestand geregistreerd. Registreer er een "
                         "met: samenwerkingsmonitor register BESTAND"))
    name = _("versie {version} in de database").format(version=document.version)
    return RegisteredOrganisation(document,
                                  check_organisation_text(document.text, name, reader=reader))


def load_registered_organisation(repo: Repository, *, reader: OrganisationReader) -> Organisation:
    return registered_organisation(repo, reader=reader).organisation
