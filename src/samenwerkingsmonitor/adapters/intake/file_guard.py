"""Checks on a file before any parser touches it (docs/adr/0011-file-intake.md).

A measurement file comes from outside: it may be renamed, truncated, encrypted, a zip bomb or
simply too big. Everything here is decided on the bytes, the zip directory and a bounded scan,
so that a hostile file gets a clear Dutch message within seconds and never reaches a parser
that could hang, exhaust memory or crash the process.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.errors import ImportRefused, UsageError, refusal
from samenwerkingsmonitor.i18n import _

MAX_FILE_ENV = "SAMENWERKINGSMONITOR_MAX_FILE_MB"
DEFAULT_MAX_FILE_MB = 50.0
MEGABYTE = 1_000_000

ZIP = b"PK\x03\x04"
EMPTY_ZIP = b"PK\x05\x06"
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")  # the stream of an encrypted OOXML
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_BARE_CR = re.compile(rb"\r(?!\n)")
# A letter outside ASCII written in UTF-8; Windows-1252 text almost never holds these pairs.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                             rb"|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass(frozen=True, slots=True)
class IntakeLimits:
    """Bounds on what a measurement file may ask of the machine."""

    max_bytes: int = int(DEFAULT_MAX_FILE_MB * MEGABYTE)
    max_zip_entries: int = 1_000
    max_unpacked_bytes: int = 10 * int(DEFAULT_MAX_FILE_MB * MEGABYTE)
    max_ratio: int = 200  # unpacked / packed, per zip entry over 1 MB unpacked
    max_sheet_cells: int = 10_000_000  # the bounding box of a sheet's filled cells
    max_columns: int = 500
    max_line_bytes: int = MEGABYTE  # CSV

    @classmethod
    def for_megabytes(cls, megabytes: float) -> IntakeLimits:
        size = int(megabytes * MEGABYTE)
        return cls(max_bytes=size, max_unpacked_bytes=10 * size)


def limits_from(option_mb: float | None = None) -> IntakeLimits:
    """`--max-size`, else SAMENWERKINGSMONITOR_MAX_FILE_MB, else 50 MB."""
    if option_mb is None:
        text = os.environ.get(MAX_FILE_ENV, "").strip()
        if not text:
            return IntakeLimits()
        try:
            option_mb = float(text.replace(",", "."))
        except ValueError:
            option_mb = -1.0
        source = MAX_FILE_ENV
    else:
        source = "--max-size"
    if not option_mb > 0:
        raise UsageError(_("{source} moet een positief aantal megabytes zijn, bijvoorbeeld "
                           "50.").format(source=source))
    return IntakeLimits.for_megabytes(option_mb)


def refuse(file_name: str, message: str, hint: str, *, sheet: str | None = None,
           row: int | None = None, line: int | None = None) -> NoReturn:
    report = ValidationReport()
    report.add(Location(file_name, sheet=sheet, row=row, line=line), message, hint)
    message = _("Het bestand {file} is geweigerd; er is niets opgeslagen.")
    raise refusal(ImportRefused, report, message, message, file=file_name)


def read_guarded(path: Path, limits: IntakeLimits) -> bytes:
    """The bytes of a regular file within the size limit (CSV)."""
    size = check_path(path, limits)
    with path.open("rb") as handle:
        data = handle.read(size + 1)
    return data


def check_path(path: Path, limits: IntakeLimits) -> int:
    """The size of the file at `path`; refuses a missing file, a folder or an oversized file."""
    name = path.name or str(path)
    try:
        if path.is_dir():
            refuse(name, _("Dit is een map, geen bestand."),
                   _("Geef het pad van het bestand met metingen, niet van de map."))
        size = path.stat().st_size
    except FileNotFoundError:
        refuse(name, _("Het bestand bestaat niet."), _("Controleer het pad en de bestandsnaam."))
    except OSError as error:
        refuse(name, _("Het bestand kan niet worden gelezen: {reason}.").format(
            reason=error.strerror or error), _("Controleer het pad en de rechten op het bestand."))
    if size > limits.max_bytes:
        refuse(name, _("Het bestand is {size} MB groot; de grens is {limit} MB.").format(
            size=_megabytes(size), limit=_megabytes(limits.max_bytes)),
            _("Splits het bestand, of verhoog de grens met --max-size of de "
              "omgevingsvariabele {env}.").format(env=MAX_FILE_ENV))
    return size


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.1f}".replace(".", ",")


def binary_kind(head: bytes) -> str | None:
    """What a non-text, non-zip file is, from its first bytes; None when not recognised."""
    kinds = ((b"%PDF", _("een PDF-document")), (b"\x89PNG", _("een PNG-afbeelding")),
             (b"\xff\xd8\xff", _("een JPEG-afbeelding")), (b"GIF8", _("een GIF-afbeelding")),
             (b"\x1f\x8b", _("een gzip-archief")), (b"Rar!", _("een RAR-archief")),
             (b"7z\xbc\xaf", _("een 7-Zip-archief")), (b"\x7fELF", _("een programma")),
             (b"MZ", _("een programma")), (b"SQLite format 3", _("een SQLite-database")))
    return next((kind for magic, kind in kinds if head.startswith(magic)), None)


def refuse_ole2(file_name: str, data: bytes) -> NoReturn:
    """An OLE2 compound file: an encrypted workbook (EncryptionInfo stream) or an old .xls."""
    if _ENCRYPTION_INFO in data:
        refuse(file_name, _("De werkmap is beveiligd met een wachtwoord (versleuteld) en kan "
                            "daarom niet worden gelezen."),
               _("Haal de beveiliging eraf (in Excel: Bestand, Info, Werkmap beveiligen, "
                 "Versleutelen met wachtwoord, wachtwoord leegmaken) en sla het bestand "
                 "opnieuw op."))
    refuse(file_name, _("Dit is een bestand in het oude Office-formaat (zoals .xls), geen XLSX- "
                        "of ODS-werkmap."),
           _("Open het in Excel of LibreOffice en sla het op als .xlsx of .ods."))


# --- CSV text ------------------------------------------------------------------------------

def decode_text(data: bytes, file_name: str, limits: IntakeLimits, *, first_line: int = 1,
                head: bool = True) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, else Windows-1252; refuses binary data,
    NUL bytes and over-long lines first. A streamed file (csv_stream.py) is checked in pieces:
    `first_line` numbers the piece's first line, `head=False` skips the checks of a file's
    first bytes."""
    if head:
        _check_head(data, file_name)
    nul = data.find(b"\x00")
    if nul >= 0:
        refuse(file_name, _("Het bestand bevat een NUL-teken (byte 0); het is geen gewone "
                            "tekst."),
               _("Sla het bestand opnieuw op als 'CSV UTF-8'; een CSV-bestand bevat geen "
                 "binaire gegevens."), line=data.count(b"\n", 0, nul) + first_line)
    _check_line_lengths(data, file_name, limits.max_line_bytes, first_line)
    _check_bare_cr(data, file_name, first_line)
    try:
        return data.decode("utf-8-sig" if head else "utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    line = data.count(b"\n", 0, utf8_error.start) + first_line
    utf8_letter = _UTF8_MULTIBYTE.search(data)
    if utf8_letter is not None:  # one encoding per file: never "FinanciÃ«le"
        refuse(file_name, _("Het bestand mengt twee tekensets: regel {utf8} is UTF-8, maar "
                            "deze regel niet (waarschijnlijk Windows-1252).").format(
                                utf8=data.count(b"\n", 0, utf8_letter.start()) + first_line),
               _("Sla het hele bestand opnieuw op als 'CSV UTF-8' en controleer de letters met "
                 "accenten op deze regel."), line=line)
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        refuse(file_name, _("Het bestand is geen geldige UTF-8-tekst."),
               _("Sla het bestand op als 'CSV UTF-8' (in Excel: Opslaan als, CSV UTF-8)."),
               row=data.count(b"\n", 0, utf8_error.start) + first_line)


def _check_bare_cr(data: bytes, file_name: str, first_line: int = 1) -> None:
    """A CR without LF ends a row for the CSV reader and drops the rest of a value."""
    found = _BARE_CR.search(data)
    if found is not None:
        refuse(file_name, _("De regel bevat een los regeleinde-teken (CR, teken 13) zonder "
                            "regelopvoeding; daar zou de rij worden afgebroken."),
               _("Haal het teken uit de waarde, of sla het bestand opnieuw op als 'CSV UTF-8' "
                 "met gewone regeleinden."), line=data.count(b"\n", 0, found.start()) + first_line)


def _check_head(data: bytes, file_name: str) -> None:
    if data.startswith(_UTF16_BOMS):
        refuse(file_name, _("Het bestand is opgeslagen als UTF-16-tekst (in Excel: "
                            "'Unicode-tekst')."),
               _("Sla het bestand op als 'CSV UTF-8' (in Excel: Opslaan als, CSV UTF-8)."))
    if data.startswith(OLE2):
        refuse_ole2(file_name, data)
    kind = binary_kind(data[:16])
    if kind is not None:
        refuse(file_name, _("Dit is geen CSV-bestand maar {kind}.").format(kind=kind),
               _("Lever de metingen aan als CSV-, XLSX- of ODS-bestand."))


def _check_line_lengths(data: bytes, file_name: str, limit: int, first_line: int = 1) -> None:
    start, line = 0, first_line
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if end - start > limit:
            refuse(file_name, _("Regel te lang: meer dan {limit} tekens.").format(
                limit=f"{limit:,}".replace(",", ".")),
                _("Een meetbestand heeft één waarde per rij; controleer of de regeleinden "
                  "niet ontbreken of een aanhalingsteken niet open blijft staan."), line=line)
        start, line = end + 1, line + 1


def check_width(headers: tuple[str, ...], file_name: str, limits: IntakeLimits,
                sheet: str | None = None, row: int | None = None) -> None:
    """A measurement file has a dozen columns; thousands mean something else was supplied."""
    filled = sum(1 for header in headers if header.strip())
    if filled > limits.max_columns:
        refuse(file_name, _("De kopregel heeft {count} kolommen; een meetbestand heeft er hooguit "
                            "{limit}.").format(count=filled, limit=limits.max_columns),
               _("Lever het lange formaat aan: één rij per waarde met de kolommen onderwerp, "
                 "indicator, jaar, soort, waarde, eenheid en bron."), sheet=sheet, row=row)


