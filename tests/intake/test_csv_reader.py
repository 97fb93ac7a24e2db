"""Reading CSV into a RawTable: encoding, delimiter, notation, line numbers, formula prefix."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.intake.csv_reader import (
    detect_delimiter,
    parse_csv,
    read_csv,
    unescape_formula,
)
from samenwerkingsmonitor.errors import ImportRefused

HEADER = "onderwerp,indicator,jaar,soort,waarde,eenheid,bron\n"
ROW = "GM0397,formatie_fte,2019,realisatie,190.5,fte,Jaarrekening 2019\n"


@pytest.mark.parametrize(("header_line", "delimiter"), [
    ("onderwerp,indicator,jaar", ","),
    ("onderwerp;indicator;jaar", ";"),
    ("onderwerp;indicator;toelichting, vrij", ";"),  # more semicolons than commas
    ("onderwerp", ","),  # one column: nothing to decide, comma by default
    ("", ","),
])
def test_the_delimiter_is_decided_by_the_header_line(header_line: str, delimiter: str) -> None:
    assert detect_delimiter(header_line) == delimiter


@pytest.mark.parametrize(("delimiter", "option", "decimal_comma"), [
    (",", None, False),  # a comma file: dot notation
    (";", None, True),  # a semicolon file: Dutch notation
    (",", True, True),  # --decimal comma on a comma file (values quoted)
    (";", False, False),  # --decimal point on a semicolon file
])
def test_the_number_notation_is_decided_per_file(delimiter: str, option: bool | None,
                                                 decimal_comma: bool) -> None:
    data = (HEADER + ROW).replace(",", delimiter).encode()
    table = parse_csv(data, "m.csv", option)
    assert (table.delimiter, table.decimal_comma) == (delimiter, decimal_comma)
    assert table.rows[0][1][0] == "GM0397"


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"], ids=["utf-8", "utf-8 with BOM"])
def test_utf8_with_or_without_byte_order_mark(prefix: bytes) -> None:
    data = prefix + (HEADER + "GM0397,formatie_fte,2019,realisatie,1,fte,Financiële staat\n"
                     ).encode()
    table = parse_csv(data, "m.csv")
    assert table.headers[0] == "onderwerp"
    assert table.rows[0][1][6] == "Financiële staat"


@pytest.mark.parametrize(("data", "encoding", "source"), [
    ("Financiële staat".encode(), "utf-8", "Financiële staat"),
    ("Financiële staat – €".encode("cp1252"), "cp1252", "Financiële staat – €"),
], ids=["utf-8", "windows-1252"])
def test_a_file_that_is_not_utf8_is_read_as_windows_1252(data: bytes, encoding: str,
                                                         source: str) -> None:
    table = parse_csv(HEADER.encode() + b"GM0397,formatie_fte,2019,realisatie,1,fte," + data,
                      "m.csv")
    assert (table.encoding, table.rows[0][1][6]) == (encoding, source)


def test_rows_carry_their_line_number_in_the_file() -> None:
    text = (HEADER + ROW + "\n"  # a blank line 3 is skipped, but counted
            + 'GM0397,formatie_fte,2020,realisatie,1,fte,"twee\nregels"\n'  # lines 4-5
            + ROW)  # line 6
    table = parse_csv(text.encode(), "m.csv")
    assert [number for number, _ in table.rows] == [2, 4, 6]
    assert table.rows[1][1][6] == "twee\nregels"
    assert table.header_row == 1


def test_leading_blank_lines_move_the_header_down() -> None:
    table = parse_csv(("\n\n" + HEADER + ROW).encode(), "m.csv")
    assert table.header_row == 3
    assert [number for number, _ in table.rows] == [4]


@pytest.mark.parametrize(("cell", "data"), [
    ("'=SOM(A1:A3)", "=SOM(A1:A3)"),
    ("'+31 23 548 5678", "+31 23 548 5678"),
    ("'-", "-"),
    ("'@team", "@team"),
    ("'quote", "'quote"),  # only before formula-like text
    ("'", "'"),
    ("l'Oréal", "l'Oréal"),
])
def test_the_quote_before_formula_like_text_is_removed(cell: str, data: str) -> None:
    assert unescape_formula(cell) == data
    table = parse_csv((HEADER + ROW.replace("Jaarrekening 2019", cell)).encode(), "m.csv")
    assert table.rows[0][1][6] == data


def test_file_facts_sha256_and_name(tmp_path: Path) -> None:
    path = tmp_path / "metingen.csv"
    path.write_bytes((HEADER + ROW).encode())
    table = read_csv(path)
    assert table.file_name == "metingen.csv"
    assert table.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n\n  \n"])
def test_an_empty_file_gives_no_header(data: bytes) -> None:
    table = parse_csv(data, "m.csv")
    assert (table.headers, list(table.rows)) == ((), [])


@pytest.mark.parametrize(("data", "expected"), [
    # 0x81 is undefined in Windows-1252 too, so neither encoding can read the file
    ((HEADER + "GM0397,formatie_fte,2019,realisatie,1,fte,Caf").encode() + b"\x81\n",
     "m.csv, rij 2: Het bestand is geen geldige UTF-8-tekst. Sla het bestand op als "
     "'CSV UTF-8' (in Excel: Opslaan als, CSV UTF-8)."),
    (b"PK\x03\x04rest-of-a-zip",
     "m.csv: Dit is geen CSV-bestand maar een spreadsheet (XLSX of ODS). Sla het blad "
     "Metingen op als CSV UTF-8, of lever een CSV-bestand aan."),
    ((HEADER + ROW + 'GM0397,"' + "x" * 200_000).encode(),  # a quote that never closes
     "m.csv, rij 3: Het bestand is geen leesbare CSV-tekst. Controleer de aanhalingstekens "
     "vanaf deze regel: een waarde loopt door tot voorbij de grootte die een veld mag hebben."),
], ids=["neither utf-8 nor windows-1252", "spreadsheet", "unclosed quote"])
def test_unreadable_bytes_are_refused_with_a_located_message(data: bytes,
                                                            expected: str) -> None:
    with pytest.raises(ImportRefused) as refused:
        parse_csv(data, "m.csv")
    assert [issue.describe() for issue in refused.value.report.issues] == [expected]
    assert str(refused.value) == "Het bestand m.csv is geweigerd; er is niets opgeslagen."
