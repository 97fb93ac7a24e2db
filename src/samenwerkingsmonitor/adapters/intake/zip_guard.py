"""Zip sanity for XLSX and ODS before a parser opens them (docs/adr/0011-file-intake.md).

1. The file must be a zip of the kind its suffix promises (XLSX: [Content_Types].xml and
   xl/workbook.xml; ODS: the mimetype entry), else we say what it is instead.
2. The central directory is read with `zipfile`: too many entries, a total unpacked size over
   the limit or an entry with a compression ratio no spreadsheet has is refused.
3. Every entry is inflated once, in bounded chunks, and must yield exactly the size the
   directory declares (a zip bomb that lies about its size is caught here, not in the parser).
4. The sheet XML is scanned for the bounding box of its filled cells: the parser allocates
   that box densely, so one cell in A1 and one in XFD1048576 would ask for 17 billion cells.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from samenwerkingsmonitor.adapters.intake.file_guard import (
    EMPTY_ZIP,
    OLE2,
    ZIP,
    IntakeLimits,
    binary_kind,
    check_path,
    refuse,
    refuse_ole2,
)
from samenwerkingsmonitor.i18n import _

_CHUNK = 1 << 20
_MAX_FILLED_REPEAT = 1_000  # ODS: a filled row repeated more often is an amplifier, not data
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_XLSX_VALUE_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"[^>/]*>')  # no "/>": it has content
_XLSX_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"[^>]*(?<!/)>')
_XLSX_CELL_WITHOUT_REF = re.compile(rb'<(?:\w+:)?c(?:\s(?![^>]*\br=)[^>]*)?>')
_XLSX_ROW_WITHOUT_REF = re.compile(rb'<(?:\w+:)?row(?:\s(?![^>]*\br=)[^>]*)?/?>')
_ODS_REPEAT = re.compile(rb'number-(?:rows|columns)-repeated="(\d+)"')
_ODS_ROW = re.compile(rb"<table:table-row\b([^>]*?)(?:/>|>(.*?)</table:table-row>)", re.DOTALL)
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*?)(/?)>")
_ODS_REPEATED_COLUMNS = re.compile(rb'number-columns-repeated="(\d+)"')
_ODS_REPEATED_ROWS = re.compile(rb'number-rows-repeated="(\d+)"')


def check_spreadsheet(path: Path, suffix: str, limits: IntakeLimits) -> None:
    """Refuses (ImportRefused) what a spreadsheet parser should not be given."""
    name = path.name
    size = check_path(path, limits)
    with path.open("rb") as handle:
        head = handle.read(4096)
        if size == 0:
            refuse(name, _("Het bestand is leeg (0 bytes)."),
                   _("Lever een werkmap met een blad Metingen aan."))
        if not head.startswith((ZIP, EMPTY_ZIP)):
            handle.seek(0)
            _refuse_not_a_zip(name, head, handle.read(), suffix)
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            _check_directory(name, entries, limits)
            _check_kind(name, archive, suffix)
        _check_entries(path, entries, limits)
        with zipfile.ZipFile(path) as archive:
            _check_sheet_extent(name, archive, suffix, limits)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, struct.error,
            NotImplementedError, ValueError):
        _refuse_damaged(name)


def _refuse_not_a_zip(name: str, head: bytes, data: bytes, suffix: str) -> None:
    label = suffix.lstrip(".").upper()
    if head.startswith(OLE2):
        refuse_ole2(name, data)
    kind = binary_kind(head)
    if kind is not None:
        refuse(name, _("Dit is geen {label}-werkmap maar {kind}.").format(label=label, kind=kind),
               _("Lever de metingen aan als XLSX-, ODS- of CSV-bestand."))
    if b"\x00" not in head and (b";" in head or b"," in head):
        refuse(name, _("Dit is een tekstbestand (zoals CSV), geen {label}-werkmap.").format(
            label=label), _("Geef het bestand de extensie .csv, of sla het op als werkmap."))
    refuse(name, _("Dit is geen {label}-werkmap: het bestand is geen zip-archief.").format(
        label=label), _("Open het bestand in Excel of LibreOffice en sla het op als .xlsx of "
                        ".ods; een deels gekopieerd bestand moet opnieuw worden aangeleverd."))


def _refuse_damaged(name: str) -> None:
    refuse(name, _("De werkmap is beschadigd of onvolledig (het zip-archief is niet leesbaar)."),
           _("Lever het bestand opnieuw aan; open het zo nodig eerst in Excel of LibreOffice "
             "en sla het opnieuw op."))


def _check_directory(name: str, entries: list[zipfile.ZipInfo], limits: IntakeLimits) -> None:
    if len(entries) > limits.max_zip_entries:
        refuse(name, _("Het zip-archief heeft {count} onderdelen; een werkmap heeft er hooguit "
                       "{limit}.").format(count=len(entries), limit=limits.max_zip_entries),
               _("Dit is geen gewone werkmap; sla de gegevens op in een nieuwe werkmap."))
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_unpacked_bytes:
        refuse(name, _("Uitgepakt is de werkmap {size} MB; de grens is {limit} MB.").format(
            size=_mb(total), limit=_mb(limits.max_unpacked_bytes)), _bomb_hint())
    for entry in entries:
        if entry.flag_bits & 0x1:
            refuse(name, _("De werkmap is beveiligd met een wachtwoord (versleuteld) en kan "
                           "daarom niet worden gelezen."),
                   _("Haal de beveiliging eraf en sla het bestand opnieuw op."))
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            _refuse_damaged(name)
        if entry.file_size > _CHUNK and entry.file_size > limits.max_ratio * max(
                entry.compress_size, 1):
            refuse(name, _("Onderdeel '{entry}' pakt uit tot {ratio} keer zijn grootte; dat doet "
                           "geen werkmap (een zip-bom?).").format(
                               entry=entry.filename,
                               ratio=entry.file_size // max(entry.compress_size, 1)),
                   _bomb_hint())


def _bomb_hint() -> str:
    return _("Lever de gegevens aan in een gewone werkmap of als CSV-bestand.")


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",")


def _check_kind(name: str, archive: zipfile.ZipFile, suffix: str) -> None:
    names = set(archive.namelist())
    is_ods = "mimetype" in names and archive.read("mimetype").strip() == _ODS_MIMETYPE
    is_xlsx = "[Content_Types].xml" in names and "xl/workbook.xml" in names
    if suffix == ".xlsx" and is_xlsx or suffix == ".ods" and is_ods:
        return
    if is_ods or is_xlsx:
        actual = ".ods" if is_ods else ".xlsx"
        refuse(name, _("Dit is een {actual}-werkmap, maar de naam eindigt op {suffix}.").format(
            actual=actual.lstrip(".").upper(), suffix=suffix),
            _("Geef het bestand de extensie {actual}.").format(actual=actual))
    if "word/document.xml" in names:
        what = _("een Word-document (DOCX)")
    elif "ppt/presentation.xml" in names:
        what = _("een PowerPoint-presentatie (PPTX)")
    elif "mimetype" in names:
        what = _("een ander OpenDocument-bestand (geen spreadsheet)")
    else:
        what = _("een zip-archief")
    refuse(name, _("Dit is geen {label}-werkmap maar {what}.").format(
        label=suffix.lstrip(".").upper(), what=what),
        _("Lever de metingen aan als XLSX-, ODS- of CSV-bestand."))


def _check_entries(path: Path, entries: list[zipfile.ZipInfo], limits: IntakeLimits) -> None:
    """Inflate each entry in chunks: it must end exactly at its declared size."""
    with path.open("rb") as handle:
        for entry in entries:
            produced = sum(len(chunk) for chunk in _inflate(handle, entry))
            if produced != entry.file_size:
                if produced > entry.file_size:
                    refuse(path.name, _("Onderdeel '{entry}' is groter dan het zip-archief "
                                        "opgeeft (een zip-bom?).").format(entry=entry.filename),
                           _bomb_hint())
                _refuse_damaged(path.name)


def _inflate(handle: BinaryIO, entry: zipfile.ZipInfo) -> Iterator[bytes]:
    """The unpacked bytes of `entry`, never more than its declared size plus one chunk."""
    handle.seek(entry.header_offset)
    header = handle.read(30)
    if len(header) < 30 or header[:4] != ZIP:
        raise zipfile.BadZipFile(entry.filename)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    handle.seek(entry.header_offset + 30 + name_length + extra_length)
    left = entry.compress_size
    inflater = zlib.decompressobj(-15) if entry.compress_type == zipfile.ZIP_DEFLATED else None
    produced = 0
    while left > 0:
        packed = handle.read(min(_CHUNK, left))
        if not packed:
            raise EOFError(entry.filename)
        left -= len(packed)
        if inflater is None:
            produced += len(packed)
            yield packed
            continue
        chunk = inflater.decompress(packed, _CHUNK)
        while True:
            produced += len(chunk)
            yield chunk
            if produced > entry.file_size or not inflater.unconsumed_tail:
                break
            chunk = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
        if produced > entry.file_size:
            return


def _entry_chunks(archive: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """An entry in chunks; tags cut at a chunk border are carried over to the next chunk."""
    carry = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            data = carry + chunk
            cut = data.rfind(b">") + 1
            carry = data[cut:]
            yield data[:cut]
    if carry:
        yield carry


def _check_sheet_extent(name: str, archive: zipfile.ZipFile, suffix: str,
                        limits: IntakeLimits) -> None:
    if suffix == ".xlsx":
        members = [m for m in archive.namelist()
                   if m.startswith("xl/worksheets/") and m.endswith(".xml")]
        cells = max((_xlsx_box(archive, m) for m in members), default=0)
    else:
        cells, repeated = _ods_box(archive)
        if repeated > _MAX_FILLED_REPEAT:
            refuse(name, _("Een rij met waarden wordt {count} keer herhaald "
                           "(number-rows-repeated); een meetbestand heeft in elke rij andere "
                           "waarden.").format(count=f"{repeated:,}".replace(",", ".")),
                   _("Verwijder de herhaalde rijen en sla opnieuw op."))
    if cells > limits.max_sheet_cells:
        refuse(name, _("Een blad van de werkmap beslaat {cells} cellen (van de eerste tot de "
                       "laatste gevulde cel); de grens is {limit}.").format(
                           cells=f"{cells:,}".replace(",", "."),
                           limit=f"{limits.max_sheet_cells:,}".replace(",", ".")),
               _("Verwijder waarden ver buiten de tabel (bijvoorbeeld in de laatste rij of kolom) "
                 "en sla opnieuw op."))


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _xlsx_box(archive: zipfile.ZipFile, member: str) -> int:
    """Cells from row 1 to the last filled row, times the columns between the first and last
    filled column; a cell without a reference (allowed, but no spreadsheet program writes one)
    widens the box by one row and one column each."""
    rows: list[int] = []
    columns: set[bytes] = set()
    loose = 0
    for chunk in _entry_chunks(archive, member):
        plain = _all_tags_referenced(chunk)
        found = (_XLSX_VALUE_CELL if plain else _XLSX_CELL).findall(chunk)
        if found:
            numbers = [int(row) for _col, row in found]
            rows += (min(numbers), max(numbers))
            columns.update(col for col, _row in found)
        if not plain:
            loose += len(_XLSX_CELL_WITHOUT_REF.findall(chunk))
            loose += len(_XLSX_ROW_WITHOUT_REF.findall(chunk))
    if not rows:
        return loose * loose
    numbers = [_column_number(col) for col in columns]
    height = max(rows) + loose  # from row 1: the reader also yields the empty rows above
    width = max(numbers) - min(numbers) + 1 + loose
    return height * width


def _all_tags_referenced(chunk: bytes) -> bool:
    """Fast path: every <c> and <row> starts with its r attribute, as spreadsheet programs
    write them (the slow regular expressions then find nothing)."""
    if b":c " in chunk or b":row" in chunk:  # namespace prefixes: take the slow path
        return False
    cells = chunk.count(b"<c ") + chunk.count(b"<c>")
    rows = chunk.count(b"<row ") + chunk.count(b"<row>")
    return cells == chunk.count(b'<c r="') and rows == chunk.count(b'<row r="')


def _ods_box(archive: zipfile.ZipFile) -> tuple[int, int]:
    """Rows times the widest row, counting repeats, up to the last filled cell; only needed
    when the sheet repeats rows or cells in large numbers."""
    if "content.xml" not in archive.namelist():
        return 0, 0
    if not any(int(n) > _MAX_FILLED_REPEAT for chunk in _entry_chunks(archive, "content.xml")
               for n in _ODS_REPEAT.findall(chunk)):
        return 0, 0
    text = b"".join(_entry_chunks(archive, "content.xml"))
    height = filled_height = width = most_repeated = 0
    for attributes, body in _ODS_ROW.findall(text):
        repeated = _ODS_REPEATED_ROWS.search(attributes)
        count = int(repeated[1]) if repeated else 1
        row_width = _ods_row_width(body) if body else 0
        height += count
        if row_width:
            filled_height = height
            width = max(width, row_width)
            most_repeated = max(most_repeated, count)
    return filled_height * width, most_repeated


def _ods_row_width(body: bytes) -> int:
    position = filled = 0
    for attributes, closed in _ODS_CELL.findall(body):
        repeated = _ODS_REPEATED_COLUMNS.search(attributes)
        position += int(repeated[1]) if repeated else 1
        if not closed or b"value-type" in attributes:
            filled = position
    return filled
