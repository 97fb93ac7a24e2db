"""Formula cells of an XLSX sheet that would import a value the file does not hold
(docs/adr/0026-nothing-lost-nothing-forged.md).

The reader takes a formula cell's cached value, the result the spreadsheet program last
computed. Two cases make that value untrustworthy or absent, and are refused with their cell:
- a formula that refers to another file (`[1]Blad1!A1`, `'file:///...'`, a URL): its value
  comes from a workbook we do not have and may be stale; the cell is named with "verwijst naar
  een ander bestand";
- a formula without a cached value (the file was written by a program that does not calculate,
  or saved without calculating): the cell would read as empty; the user is told to open and
  save the file.

Only the sheet that is read is scanned, after zip_guard has bounded every member. ODS files
are not scanned yet (their cells carry no reference; see the ADR).
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.errors import ImportRefused, refusal
from samenwerkingsmonitor.i18n import _

_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_RELATION = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_RELATION_REVERSED = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)', re.DOTALL)
_REFERENCE = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_FORMULA = re.compile(rb'<(?:\w+:)?f\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?f>)', re.DOTALL)
_SHARED = re.compile(rb'\bsi="([0-9]+)"')
_VALUE = re.compile(rb'<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)', re.DOTALL)
_INLINE = re.compile(rb'<(?:\w+:)?is\b')
_EXTERNAL = re.compile(r"\[[0-9]+\]|'?(?:file|https?)://", re.IGNORECASE)


def check_xlsx_formulas(path: Path, sheet: str) -> None:
    """Refuses (ImportRefused) the workbook when `sheet` has a formula cell that refers to
    another file or has no cached value; every such cell is named."""
    with zipfile.ZipFile(path) as archive:
        part = _sheet_part(archive, sheet)
        if part is None:
            return
        data = archive.read(part)
    report = ValidationReport()
    external_shared: set[bytes] = set()
    for attributes, body in _CELL.findall(data):
        if not body or b"f" not in body:
            continue
        formula = _FORMULA.search(body)
        reference = _REFERENCE.search(attributes)
        if formula is None or reference is None:
            continue
        cell = (reference[1] + reference[2]).decode("ascii")
        location = Location(path.name, sheet=sheet, row=int(reference[2]), cell=cell)
        text = html.unescape((formula[2] or b"").decode("utf-8", "replace"))
        shared = _SHARED.search(formula[1])
        if text and _EXTERNAL.search(text):
            if shared:
                external_shared.add(shared[1])
            report.add(location, _("De cel bevat een formule die verwijst naar een ander "
                                   "bestand (={formula}); de waarde komt niet uit deze "
                                   "werkmap.").format(formula=_short(text)),
                       _("Zet de waarde zelf in de cel (kopiëren en plakken als waarde), of "
                         "neem de gegevens op in deze werkmap."))
        elif not text and shared and shared[1] in external_shared:
            report.add(location, _("De cel bevat een formule die verwijst naar een ander "
                                   "bestand; de waarde komt niet uit deze werkmap."),
                       _("Zet de waarde zelf in de cel (kopiëren en plakken als waarde), of "
                         "neem de gegevens op in deze werkmap."))
        elif not _cached(attributes, body):
            report.add(location, _("De cel bevat een formule zonder berekende waarde; de cel "
                                   "zou als leeg worden gelezen."),
                       _("Open het bestand in Excel of LibreOffice en sla het op: dan staat de "
                         "uitkomst van elke formule in het bestand."))
    if not report.ok:
        message = _("Het bestand {file} is geweigerd; er is niets opgeslagen.")
        raise refusal(ImportRefused, report, message, message, file=path.name)


def _cached(attributes: bytes, body: bytes) -> bool:
    """Whether a formula cell holds its last result (an empty text result counts)."""
    value = _VALUE.search(body)
    if value is not None and (value[1] or b"").strip():
        return True
    return b't="str"' in attributes and value is not None or _INLINE.search(body) is not None


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member of the worksheet named `sheet` (xl/workbook.xml and its relations)."""
    try:
        workbook = archive.read("xl/workbook.xml")
        relations = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return None
    targets = {rid: target for rid, target in _RELATION.findall(relations)}
    targets.update({rid: target for target, rid in _RELATION_REVERSED.findall(relations)})
    for name, rid in _SHEET.findall(workbook):
        if html.unescape(name.decode("utf-8", "replace")) != sheet or rid not in targets:
            continue
        target = targets[rid].decode("utf-8", "replace")
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        return member if member in archive.namelist() else None
    return None
