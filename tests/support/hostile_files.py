"""A corpus of hostile and broken measurement files, each with the exact message it must get.

Run as a script to write the corpus to a folder: `python tests/support/hostile_files.py DIR`.
tests/intake/test_hostile_files.py reads every file through the import's readers and checks.
Workbooks are assembled from their XML parts with zipfile, so the corpus can hold what no
spreadsheet program writes (a million formatted empty rows, a cell in XFD1048576, a zip whose
directory lies about its sizes) and builds in about a second.
"""

from __future__ import annotations

import random
import struct
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from samenwerkingsmonitor.adapters.intake.file_guard import IntakeLimits

HEADERS = ("onderwerp", "indicator", "jaar", "soort", "waarde", "eenheid", "bron")
ROW = ("GM0397", "formatie_fte", 2019, "realisatie", 190.5, "fte", "Jaarrekening 2019")
CSV_HEADER = ",".join(HEADERS) + "\n"
CSV_ROW = "GM0397,formatie_fte,2019,realisatie,190.5,fte,Jaarrekening 2019\n"
SMALL = IntakeLimits.for_megabytes(1)

@dataclass
class Hostile:
    name: str  # the file name, whose suffix picks the reader
    make: Callable[[Path], None]  # writes the file (or folder) at the given path
    limits: IntakeLimits = field(default_factory=IntakeLimits)


# --- workbook parts --------------------------------------------------------------------------

def _cell(ref: str, value: object) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_rows(*rows: tuple[object, ...], start: int = 1) -> str:
    return "".join(
        f'<row r="{number}">'
        + "".join(_cell(f"{column_letters(i)}{number}", v) for i, v in enumerate(row)) + "</row>"
        for number, row in enumerate(rows, start=start))


def sheet_xml(rows: str, dimension: str = "A1:G2") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
            f'formats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>'
            f"{rows}</sheetData></worksheet>")


def xlsx_parts(sheets: dict[str, str]) -> dict[str, str | bytes]:
    """The parts of a minimal XLSX with these sheets (name -> sheet XML)."""
    main = "http://schemas.openxmlformats.org"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1))
    entries = "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, name in enumerate(sheets, start=1))
    links = "".join(
        f'<Relationship Id="rId{i}" Type="{main}/officeDocument/2006/relationships/worksheet" '
        f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml":
            f'<?xml version="1.0"?><Types xmlns="{main}/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            f'officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>',
        "_rels/.rels":
            f'<?xml version="1.0"?><Relationships xmlns="{main}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{main}/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            f'<?xml version="1.0"?><workbook xmlns="{main}/spreadsheetml/2006/main" '
            f'xmlns:r="{main}/officeDocument/2006/relationships"><sheets>{entries}</sheets>'
            "</workbook>",
        "xl/_rels/workbook.xml.rels":
            f'<?xml version="1.0"?><Relationships xmlns="{main}/package/2006/relationships">'
            f"{links}</Relationships>",
    }
    for i, xml in enumerate(sheets.values(), start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = xml
    return parts


def write_zip(path: Path, parts: dict[str, str | bytes],
              method: int = zipfile.ZIP_DEFLATED) -> None:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in parts.items():
            if name == "mimetype":
                archive.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_STORED)
            else:
                archive.writestr(name, data)


def xlsx(sheets: dict[str, str]) -> Callable[[Path], None]:
    return lambda path: write_zip(path, xlsx_parts(sheets))


def good_xlsx_bytes(folder: Path) -> bytes:
    path = folder / "_good.xlsx"
    write_zip(path, xlsx_parts({"Metingen": sheet_xml(sheet_rows(HEADERS, ROW))}))
    data = path.read_bytes()
    path.unlink()
    return data


ODS_TABLE_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def ods_parts(tables: dict[str, str]) -> dict[str, str | bytes]:
    body = "".join(f'<table:table table:name="{name}">{rows}</table:table>'
                   for name, rows in tables.items())
    return {
        "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": f'<?xml version="1.0"?><office:document-content {ODS_TABLE_NS} '
                       f'office:version="1.2"><office:body><office:spreadsheet>{body}'
                       "</office:spreadsheet></office:body></office:document-content>",
        "META-INF/manifest.xml":
            '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
            'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>',
    }


def ods_row(*values: object, repeat: int = 1) -> str:
    cells = "".join(
        f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p>'
        "</table:table-cell>" if isinstance(v, (int, float)) else
        f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
        for v in values)
    attribute = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{attribute}>{cells}</table:table-row>"


def ods(tables: dict[str, str]) -> Callable[[Path], None]:
    return lambda path: write_zip(path, ods_parts(tables))


def patch_central_size(path: Path, member: str, file_size: int) -> None:
    """Make the central directory claim another unpacked size for `member`."""
    data = bytearray(path.read_bytes())
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        name_length = struct.unpack("<H", data[position + 28:position + 30])[0]
        name = bytes(data[position + 46:position + 46 + name_length]).decode()
        if name == member:
            data[position + 24:position + 28] = struct.pack("<I", file_size)
        position = data.find(b"PK\x01\x02", position + 4)
    path.write_bytes(bytes(data))


# --- the corpus ------------------------------------------------------------------------------

def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _truncated(fraction: float) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        data = good_xlsx_bytes(path.parent)
        path.write_bytes(data[:max(1, int(len(data) * fraction))])
    return make


def _ratio_bomb(path: Path) -> None:
    filler = " " * 30_000_000  # spaces between rows are valid XML; 30 MB packs to ~30 KB
    rows = sheet_rows(HEADERS, ROW)
    write_zip(path, xlsx_parts({"Metingen": sheet_xml(rows + filler)}))


def _claims_huge(path: Path) -> None:
    write_zip(path, xlsx_parts({"Metingen": sheet_xml(sheet_rows(HEADERS, ROW))}))
    patch_central_size(path, "xl/worksheets/sheet1.xml", 3_000_000_000)


def _lies_small(path: Path) -> None:
    rows = sheet_rows(HEADERS, ROW)
    write_zip(path, xlsx_parts({"Metingen": sheet_xml(rows + " " * 5_000_000)}))
    patch_central_size(path, "xl/worksheets/sheet1.xml", 1_000)


def _many_entries(path: Path) -> None:
    parts = xlsx_parts({"Metingen": sheet_xml(sheet_rows(HEADERS, ROW))})
    parts.update({f"xl/media/image{i}.bin": b"" for i in range(2_000)})
    write_zip(path, parts)


def _million_empty_rows(path: Path) -> None:
    bad = (*ROW[:4], "twaalf", *ROW[5:])
    empty = "".join(f'<row r="{r}" s="1" customFormat="1"><c r="A{r}" s="1"/><c r="E{r}" s="1"/>'
                    "</row>" for r in range(3, 1_000_001))
    write_zip(path, xlsx_parts({"Metingen": sheet_xml(sheet_rows(HEADERS, bad) + empty,
                                                      "A1:G1000000")}))


def _encrypted_entry(path: Path) -> None:
    write_zip(path, xlsx_parts({"Metingen": sheet_xml(sheet_rows(HEADERS, ROW))}))
    data = bytearray(path.read_bytes())
    position = data.find(b"PK\x01\x02")
    while position >= 0:  # set the "encrypted" flag in every central directory entry
        data[position + 8] |= 0x1
        position = data.find(b"PK\x01\x02", position + 4)
    path.write_bytes(bytes(data))


def _ole2(encrypted: bool) -> bytes:
    body = bytearray(b"\x00" * 2048)
    if encrypted:
        body[1024:1024 + 28] = "EncryptionInfo".encode("utf-16-le")
    return bytes.fromhex("D0CF11E0A1B11AE1") + bytes(body)


def _seeded_noise(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def _wide_csv(path: Path) -> None:
    path.write_text(",".join([*HEADERS, *(f"k{i}" for i in range(10_000 - len(HEADERS)))])
                    + "\n" + CSV_ROW, encoding="utf-8")


def _wide_xlsx(path: Path) -> None:
    header = (*HEADERS, *(f"k{i}" for i in range(10_000 - len(HEADERS))))
    write_zip(path, xlsx_parts({"Metingen": sheet_xml(sheet_rows(header, ROW))}))


def _folder(path: Path) -> None:
    path.mkdir()


def _bzip2_xlsx(path: Path) -> None:
    write_zip(path, xlsx_parts({"Metingen": sheet_xml(sheet_rows(HEADERS, ROW))}),
              method=zipfile.ZIP_BZIP2)


def _other_zip(members: dict[str, str | bytes]) -> Callable[[Path], None]:
    return lambda path: write_zip(path, members)


def corpus() -> list[Hostile]:
    return [
        # CSV
        Hostile("leeg.csv", _bytes(b"")),
        Hostile("alleen-bom.csv", _bytes(b"\xef\xbb\xbf")),
        Hostile("alleen-kop.csv", _bytes(CSV_HEADER.encode())),
        Hostile("nul-byte.csv", _bytes((CSV_HEADER + CSV_ROW[:10]).encode() + b"\x00x\n")),
        Hostile("lange-regel.csv", _bytes((CSV_HEADER + CSV_ROW + "x" * 10_000_000 + "\n"
                                           ).encode())),
        Hostile("utf16.csv", _bytes((CSV_HEADER + CSV_ROW).encode("utf-16"))),
        Hostile("utf16-zonder-bom.csv", _bytes((CSV_HEADER + CSV_ROW).encode("utf-16-le"))),
        Hostile("geen-tekenset.csv", _bytes((CSV_HEADER + CSV_ROW).encode()
                                            + b"GM0397,\x81\x8d\n")),
        Hostile("dubbele-kop.csv", _bytes((CSV_HEADER.rstrip() + ",waarde\n" + CSV_ROW.rstrip()
                                           + ",1\n").encode())),
        Hostile("breed.csv", _wide_csv),
        Hostile("pdf.csv", _bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")),
        Hostile("png.csv", _bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)),
        Hostile("werkmap.csv", _bytes(b"PK\x03\x04" + b"\x00" * 64)),
        Hostile("open-aanhalingsteken.csv", _bytes((CSV_HEADER + CSV_ROW + 'GM0397,"'
                                                    + "x" * 200_000).encode())),
        Hostile("ruis.csv", _bytes(_seeded_noise(4096, seed=4))),
        Hostile("versleuteld.csv", _bytes(_ole2(encrypted=True))),
        Hostile("te-groot.csv", _bytes((CSV_HEADER + CSV_ROW * 30_000).encode()), SMALL),
        Hostile("map.csv", _folder),
        # XLSX that is no XLSX
        Hostile("tekst.xlsx", _bytes((CSV_HEADER + CSV_ROW).encode())),
        Hostile("pdf.xlsx", _bytes(b"%PDF-1.4\n" + b"x" * 100)),
        Hostile("ruis.xlsx", _bytes(_seeded_noise(4096, seed=7))),
        Hostile("leeg.xlsx", _bytes(b"")),
        Hostile("versleuteld.xlsx", _bytes(_ole2(encrypted=True))),
        Hostile("oud-formaat.xlsx", _bytes(_ole2(encrypted=False))),
        Hostile("word.xlsx", _other_zip({"[Content_Types].xml": "<Types/>",
                                         "word/document.xml": "<w:document/>"})),
        Hostile("zip.xlsx", _other_zip({"lees-mij.txt": "hallo"})),
        Hostile("ods-als.xlsx", ods({"Metingen": ods_row(*HEADERS) + ods_row(*ROW)})),
        Hostile("xlsx-als.ods", xlsx({"Metingen": sheet_xml(sheet_rows(HEADERS, ROW))})),
        Hostile("map.xlsx", _folder),
        Hostile("te-groot.xlsx", _bytes(b"PK\x03\x04" + _seeded_noise(2_000_000, 1)),
                SMALL),
        # broken or hostile zips
        *(Hostile(f"afgekapt-{int(f * 100)}.xlsx", _truncated(f))
          for f in (0.01, 0.25, 0.5, 0.75, 0.99)),
        Hostile("zip-bom-verhouding.xlsx", _ratio_bomb),
        Hostile("zip-bom-claimt-3gb.xlsx", _claims_huge),
        Hostile("zip-bom-liegt.xlsx", _lies_small),
        Hostile("veel-onderdelen.xlsx", _many_entries),
        Hostile("versleuteld-onderdeel.xlsx", _encrypted_entry),
        Hostile("bzip2.xlsx", _bzip2_xlsx),
        Hostile("kapotte-xml.xlsx", xlsx({"Metingen": "<worksheet><sheetData><row r='1'>"})),
        # workbooks with a hostile or wrong sheet
        Hostile("miljoen-lege-rijen.xlsx", _million_empty_rows),
        Hostile("cel-in-de-hoek.xlsx", xlsx({"Metingen": sheet_xml(
            sheet_rows(HEADERS, ROW) + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')})),
        Hostile("verkeerd-blad.xlsx", xlsx({"Blad1": sheet_xml(sheet_rows(HEADERS, ROW)),
                                            "Toelichting": sheet_xml("")})),
        Hostile("twee-bladen-metingen.xlsx", xlsx({"metingen": sheet_xml(""),
                                                   "METINGEN": sheet_xml("")})),
        Hostile("leeg-blad.xlsx", xlsx({"Metingen": sheet_xml("")})),
        Hostile("alleen-kop.xlsx", xlsx({"Metingen": sheet_xml(sheet_rows(HEADERS))})),
        Hostile("dubbele-kop.xlsx", xlsx({"Metingen": sheet_xml(sheet_rows(
            (*HEADERS, "value"), (*ROW, 1)))})),
        Hostile("breed.xlsx", _wide_xlsx),
        Hostile("dubbelzinnig.xlsx", xlsx({"Metingen": sheet_xml(sheet_rows(
            HEADERS, (*ROW[:4], "1.234", *ROW[5:]), start=1))})),
        # ODS
        Hostile("afgekapt.ods", lambda p: p.write_bytes(_ods_bytes(p)[:300])),
        Hostile("herhaalde-rijen.ods", ods({"Metingen": ods_row(*HEADERS) + ods_row(
            *ROW, repeat=1_000_000) + ods_row("x")})),
        Hostile("verkeerd-blad.ods", ods({"Blad1": ods_row(*HEADERS) + ods_row(*ROW)})),
        Hostile("geen-mimetype.ods", _other_zip({"content.xml": "<x/>"})),
    ]


def _ods_bytes(path: Path) -> bytes:
    scratch = path.with_name("_good.ods")
    write_zip(scratch, ods_parts({"Metingen": ods_row(*HEADERS) + ods_row(*ROW)}))
    data = scratch.read_bytes()
    scratch.unlink()
    return data


def write_corpus(folder: Path) -> list[tuple[Hostile, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for item in corpus():
        path = folder / item.name
        item.make(path)
        written.append((item, path))
    return written


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for _item, path in write_corpus(target):
        sys.stdout.write(f"{path}\n")
