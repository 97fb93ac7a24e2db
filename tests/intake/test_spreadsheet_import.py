"""Importing real XLSX and ODS files (written with openpyxl and odfpy) into a real SQLite file:
typed cells, cached formula values, formula-like text as data, cell references in every
problem, ambiguous text numbers, locked periods and the intake options."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from openpyxl import Workbook

from samenwerkingsmonitor.adapters.intake.file_guard import MAX_FILE_ENV, IntakeLimits, limits_from
from samenwerkingsmonitor.adapters.intake.spreadsheet_reader import cell_text, read_ods, read_xlsx
from samenwerkingsmonitor.adapters.storage import SqlRepository, open_repository
from samenwerkingsmonitor.domain.organisation import CouncilDocument, ProcessFacts
from samenwerkingsmonitor.errors import ImportRefused, UsageError
from samenwerkingsmonitor.services.intake.tables import cell_reference
from samenwerkingsmonitor.services.measurements.importing import import_measurements
from samenwerkingsmonitor.services.measurements.rows import validate_rows
from support.hostile_files import HEADERS, sheet_rows, sheet_xml, write_zip, xlsx_parts
from support.import_fixtures import framework, organisation

ORG, FRAMEWORK = organisation(), framework()
ROW = ["GM0397", "formatie_fte", 2019, "realisatie", 190.5, "fte", "Jaarrekening 2019"]
FORMULA_TEXT = ["=SOM(A1:A3)", "+31 23 548 5678", "-", "@team"]


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[SqlRepository]:
    repository = open_repository(f"sqlite:///{tmp_path / 'monitor.db'}")
    repository.migrate()
    yield repository
    repository.close()


def write_xlsx(path: Path, rows: list[list[object]], sheet: str = "Metingen") -> Path:
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    for values in rows:
        worksheet.append(values)
    for line in worksheet.iter_rows():
        for cell in line:  # openpyxl would write "=..." as a formula; these are text
            if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                cell.data_type = "s"
    workbook.save(path)
    return path


def write_ods(path: Path, rows: list[list[object]], sheet: str = "Metingen") -> Path:
    document = OpenDocumentSpreadsheet()
    table = Table(name=sheet)
    for values in rows:
        line = TableRow()
        for value in values:
            if isinstance(value, tuple):  # (formula, cached value)
                cell = TableCell(valuetype="float", value=value[1], formula=value[0])
            elif isinstance(value, (int, float)):
                cell = TableCell(valuetype="float", value=value)
            elif isinstance(value, date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
            else:
                cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value[1] if isinstance(value, tuple) else value)))
            line.addElement(cell)
        table.addElement(line)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def full_rows() -> list[list[object]]:
    header = [*HEADERS, "peildatum", "toelichting"]
    rows: list[list[object]] = [header]
    for offset, text in enumerate(FORMULA_TEXT):
        rows.append([*ROW[:2], 2018 + offset, *ROW[3:], date(2018 + offset, 1, 1), text])
    return rows


@pytest.mark.parametrize("writer", [write_xlsx, write_ods], ids=["xlsx", "ods"])
def test_typed_cells_and_formula_like_text_round_trip(writer: object, tmp_path: Path,
                                                      repo: SqlRepository) -> None:
    suffix = ".xlsx" if writer is write_xlsx else ".ods"
    path = writer(tmp_path / f"metingen{suffix}", full_rows())  # type: ignore[operator]
    reader = read_xlsx if suffix == ".xlsx" else read_ods
    result = import_measurements(repo, path, ORG, FRAMEWORK, "tester", "", reader=reader)
    assert (result.rows, result.new, result.decimal_comma) == (4, 4, False)
    stored = sorted(repo.current_measurements(), key=lambda s: s.measurement.year)
    assert [(s.measurement.year, s.measurement.value, s.measurement.reference_date,
             s.measurement.note) for s in stored] == [
        (2018 + i, 190.5, date(2018 + i, 1, 1), text) for i, text in enumerate(FORMULA_TEXT)]
    assert {(s.sheet, s.row) for s in stored} >= {("Metingen", 2)}


def test_the_sheet_name_is_matched_without_regard_to_case(tmp_path: Path) -> None:
    table = read_xlsx(write_xlsx(tmp_path / "m.xlsx", [HEADERS, ROW], sheet="metingen"))
    assert (table.sheet, table.rows[0][1][2], table.rows[0][1][4]) == ("metingen", "2019",
                                                                       "190.5")


def test_a_formula_cell_gives_its_cached_value(tmp_path: Path) -> None:
    cells = sheet_rows(HEADERS).replace("</sheetData>", "") + (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>GM0397</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>formatie_fte</t></is></c><c r="C2"><f>2018+1</f>'
        '<v>2019</v></c><c r="D2" t="inlineStr"><is><t>realisatie</t></is></c>'
        '<c r="E2"><f>100+90.5</f><v>190.5</v></c><c r="F2" t="inlineStr"><is><t>fte</t></is>'
        '</c><c r="G2" t="str"><f>"Jaar"&amp;"rekening"</f><v>Jaarrekening</v></c></row>')
    path = tmp_path / "formules.xlsx"
    write_zip(path, xlsx_parts({"Metingen": sheet_xml(cells)}))
    assert read_xlsx(path).rows == [(2, ("GM0397", "formatie_fte", "2019", "realisatie",
                                         "190.5", "fte", "Jaarrekening"))]
    ods = write_ods(tmp_path / "formules.ods", [list(HEADERS), [*ROW[:4], ("of:=100+90.5",
                                                                         190.5), *ROW[5:]]])
    assert read_ods(ods).rows[0][1][4] == "190.5"


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed; make test installs it as root")
def test_a_workbook_saved_by_libreoffice_gives_cached_formula_values(tmp_path: Path) -> None:
    source = write_ods(tmp_path / "bron.ods", [list(HEADERS), [*ROW[:4], ("of:=100+90.5",
                                                                         190.5), *ROW[5:]]])
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "xlsx", "--outdir", str(tmp_path / "uit"), str(source)],
                   check=True, capture_output=True, timeout=180)
    table = read_xlsx(tmp_path / "uit" / "bron.xlsx")
    assert table.rows[0][1][2:5] == ("2019", "realisatie", "190.5")


@pytest.mark.parametrize(("rows", "expected"), [
    ([[*ROW[:4], -3, *ROW[5:]]],
     ["m.xlsx, blad Metingen, rij 2, kolom 'waarde', cel E2: Waarde -3 is lager dan het minimum "
      "0 van indicator 'formatie_fte'. Controleer de waarde en de eenheid ('fte')."]),
    ([[*ROW], ["GM0397", "externe_inhuur_pct", 2019, "realisatie", 112.5, "pct", "Begroting"]],
     ["m.xlsx, blad Metingen, rij 3, kolom 'waarde', cel E3: Waarde 112.5 is hoger dan het "
      "maximum 100 van indicator 'externe_inhuur_pct'. Controleer de waarde en de eenheid "
      "('pct')."]),
    ([[*ROW[:2], 2019.5, *ROW[3:]], [*ROW[:4], "twaalf", *ROW[5:]]],
     ["m.xlsx, blad Metingen, rij 2, kolom 'jaar', cel C2: Jaar '2019.5' is geen geheel getal. "
      "Schrijf het jaar als vier cijfers, bijvoorbeeld 2019.",
      "m.xlsx, blad Metingen, rij 3, kolom 'waarde', cel E3: Waarde 'twaalf' is geen getal. Vul "
      "een getal in, bijvoorbeeld 1234.5, of laat de rij weg als de waarde ontbreekt."]),
    ([[*ROW, "extra"]],
     ["m.xlsx, blad Metingen, rij 2, cel H2: Waarde 'extra' staat in kolom 8, die geen naam "
      "heeft. Geef de kolom een naam (onderwerp, indicator, jaar, soort, waarde, eenheid, bron, "
      "peildatum, status, variant, vergelijkbaar, toelichting) of verwijder de waarde."]),
], ids=["below minimum", "above maximum", "year and value", "nameless column"])
def test_every_problem_names_its_cell(rows: list[list[object]], expected: list[str],
                                      tmp_path: Path) -> None:
    table = read_xlsx(write_xlsx(tmp_path / "m.xlsx", [list(HEADERS), *rows]))
    report = validate_rows(table, ORG, FRAMEWORK).report
    assert [issue.describe() for issue in report.issues] == expected


def test_cell_references_follow_the_sheet_not_the_table(tmp_path: Path) -> None:
    # The table starts in C4: three empty rows above it, two empty columns before it.
    rows = sheet_rows(("", "", *HEADERS), ("", "", *ROW[:4], "twaalf", *ROW[5:]), start=4)
    rows = re.sub(r'<c r="[AB]\d" t="inlineStr"><is><t></t></is></c>', "", rows)
    path = tmp_path / "verschoven.xlsx"
    write_zip(path, xlsx_parts({"Metingen": sheet_xml(rows)}))
    report = validate_rows(read_xlsx(path), ORG, FRAMEWORK).report
    assert [issue.location.cell for issue in report.issues] == ["G5"]


@pytest.mark.parametrize(("column", "row", "reference"), [
    (0, 1, "A1"), (4, 12, "E12"), (25, 3, "Z3"), (26, 3, "AA3"), (16383, 1048576, "XFD1048576")])
def test_cell_reference(column: int, row: int, reference: str) -> None:
    assert cell_reference(column, row) == reference


@pytest.mark.parametrize(("value", "text"), [
    (2019.0, "2019"), (190.5, "190.5"), (1e-07, "0.0000001"), (1e20, "100000000000000000000"),
    (-0.0, "0"), (True, "ja"), (False, "nee"), (date(2019, 1, 1), "2019-01-01"),
    (datetime(2019, 1, 1), "2019-01-01"), (datetime(2019, 1, 1, 12, 30), "2019-01-01 12:30:00"),
    ("=SOM(A1)", "=SOM(A1)"), ("", ""),
])
def test_typed_cells_become_the_text_the_checks_expect(value: object, text: str) -> None:
    assert cell_text(value) == text


@pytest.mark.parametrize(("cell", "decimal_comma", "value", "problem"), [
    ("12,5", None, 12.5, None),  # one reading only
    ("1234.5", None, 1234.5, None),
    ("1.234.567", None, 1234567.0, None),
    ("1.234", None, None,
     "Waarde '1.234' staat als tekst in de cel en is dubbelzinnig: de punt kan het "
     "decimaalteken zijn of duizendtallen scheiden (1234)."),
    ("12,500", None, None,
     "Waarde '12,500' staat als tekst in de cel en is dubbelzinnig: de komma kan het "
     "decimaalteken zijn of duizendtallen scheiden (12500)."),
    ("1.234", True, 1234.0, None),  # --decimal comma decides for the whole file
    ("1.234", False, 1.234, None),
    (190.5, True, 190.5, None),  # a typed number is never ambiguous, in either notation
])
def test_numbers_written_as_text(cell: object, decimal_comma: bool | None, value: float | None,
                                 problem: str | None, tmp_path: Path) -> None:
    costs = ["GM0397/communicatie", "lasten_eur", 2019, "realisatie", cell, "eur", "Begroting"]
    table = read_xlsx(write_xlsx(tmp_path / "m.xlsx", [list(HEADERS), costs]), decimal_comma)
    checked = validate_rows(table, ORG, FRAMEWORK)
    assert [row.measurement.value for row in checked.rows] == ([value] if value else [])
    assert [issue.message for issue in checked.report.issues] == ([problem] if problem else [])


# --- locked periods ---------------------------------------------------------------------------

ADOPTED_2019 = CouncilDocument("besluit", "2020-031", date(2020, 7, 2), "GM0397",
                               "Vaststelling jaarrekening 2019", closes_year=2019)
LOCKED_ORG = dataclasses.replace(ORG, process=ProcessFacts(council_documents=(ADOPTED_2019,)))
LOCKED = ("Jaar {year} van {subject} ligt vast: de jaarrekening 2019 van GM0397 is vastgesteld "
          "bij besluit 2020-031 van 2020-07-02. Een nieuwe waarde in die periode vraagt een "
          "reden. Importeer opnieuw met --reason \"...\" en leg uit waarom de waarde na de "
          "vaststelling wordt toegevoegd, of laat de rij weg.")


@pytest.mark.parametrize(("subject", "year", "locked"), [
    ("GM0397", 2019, True),
    ("GM0397", 2018, True),  # every year up to the adopted one
    ("GM0397", 2020, False),
    ("GM0377", 2019, False),  # the partner has not adopted anything
    ("GM0397/communicatie", 2019, True),  # a team of the municipality
    ("heemstede-bloemendaal/communicatie", 2019, True),  # a shared team of a partner
])
def test_a_new_value_in_a_locked_period_needs_a_reason(subject: str, year: int, locked: bool,
                                                       tmp_path: Path,
                                                       repo: SqlRepository) -> None:
    values = [subject, "lasten_eur" if "/" in subject else "formatie_fte", year, "realisatie",
              1, "eur" if "/" in subject else "fte", "Jaarrekening"]
    path = write_xlsx(tmp_path / "m.xlsx", [list(HEADERS), values])
    if not locked:
        import_measurements(repo, path, LOCKED_ORG, FRAMEWORK, "tester", "", reader=read_xlsx)
        return
    with pytest.raises(ImportRefused) as refused:
        import_measurements(repo, path, LOCKED_ORG, FRAMEWORK, "tester", "", reader=read_xlsx)
    assert [issue.describe() for issue in refused.value.report.issues] == [
        "m.xlsx, blad Metingen, rij 2, kolom 'jaar', cel C2: "
        + LOCKED.format(year=year, subject=subject)]
    assert repo.dump()["batches"] == []
    result = import_measurements(repo, path, LOCKED_ORG, FRAMEWORK, "tester",
                                 "Nulmeting achteraf gereconstrueerd", reader=read_xlsx)
    assert result.new == 1


def test_without_adopted_accounts_nothing_is_locked(tmp_path: Path, repo: SqlRepository) -> None:
    path = write_xlsx(tmp_path / "m.xlsx", [list(HEADERS), ROW])
    assert import_measurements(repo, path, ORG, FRAMEWORK, "t", "", reader=read_xlsx).new == 1


# --- limits and options -----------------------------------------------------------------------

@pytest.mark.parametrize(("option", "env", "expected"), [
    (None, "", IntakeLimits().max_bytes),
    (None, "2", 2_000_000),
    (None, "0,5", 500_000),
    (3.0, "2", 3_000_000),  # the option wins
])
def test_the_size_limit_comes_from_the_option_or_the_environment(
        option: float | None, env: str, expected: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MAX_FILE_ENV, env)
    assert limits_from(option).max_bytes == expected


@pytest.mark.parametrize(("option", "env", "message"), [
    (None, "veel", "SAMENWERKINGSMONITOR_MAX_FILE_MB moet een positief aantal megabytes zijn, "
                   "bijvoorbeeld 50."),
    (0.0, "", "--max-size moet een positief aantal megabytes zijn, bijvoorbeeld 50."),
])
def test_a_wrong_size_limit_is_a_usage_error(option: float | None, env: str, message: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MAX_FILE_ENV, env)
    with pytest.raises(UsageError) as error:
        limits_from(option)
    assert str(error.value) == message


# --- the English catalogue --------------------------------------------------------------------

INTAKE_MODULES = ["adapters/intake/file_guard.py", "adapters/intake/zip_guard.py",
                  "adapters/intake/formulas.py",
                  "services/intake/text_cells.py",
                  "adapters/intake/spreadsheet_reader.py", "services/intake/number_text.py",
                  "services/measurements/locked_periods.py"]


def test_every_intake_message_has_an_english_translation_with_the_same_placeholders() -> None:
    package = Path(__file__).resolve().parents[2] / "src" / "samenwerkingsmonitor"
    with (package / "locale" / "en" / "LC_MESSAGES" / "intake.po").open("rb") as handle:
        catalogue = {m.id: m.string for m in read_po(handle) if m.id}
    used = {message for module in INTAKE_MODULES
            for _, message, _, _ in extract_from_file("python", package / module,
                                                      keywords={"_": None})}
    assert len(used) > 60
    assert sorted(used - set(catalogue)) == []
    placeholders = re.compile(r"\{(\w*)\}")
    assert [m for m in used if sorted(placeholders.findall(str(m)))
            != sorted(placeholders.findall(str(catalogue[m])))] == []


# --- formulas whose value is not in the file (issue 15, ADR 0026) ---------------------------

def _formula_row(value_cell: str) -> str:
    return sheet_rows(HEADERS).replace("</sheetData>", "") + (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>GM0397</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>formatie_fte</t></is></c><c r="C2"><v>2019</v></c>'
        '<c r="D2" t="inlineStr"><is><t>realisatie</t></is></c>' + value_cell +
        '<c r="F2" t="inlineStr"><is><t>fte</t></is></c>'
        '<c r="G2" t="inlineStr"><is><t>Jaarrekening</t></is></c></row>')


@pytest.mark.parametrize(("value_cell", "expected"), [
    ('<c r="E2"><f>[1]Blad1!A1</f><v>190.5</v></c>',
     "m.xlsx, blad Metingen, rij 2, cel E2: De cel bevat een formule die verwijst naar een ander "
     "bestand (=[1]Blad1!A1); de waarde komt niet uit deze werkmap. Zet de waarde zelf in de cel "
     "(kopiëren en plakken als waarde), of neem de gegevens op in deze werkmap."),
    ("<c r=\"E2\"><f>'file:///C:/data/[begroting.xlsx]Blad1'!A1</f><v>190.5</v></c>",
     "m.xlsx, blad Metingen, rij 2, cel E2: De cel bevat een formule die verwijst naar een ander "
     "bestand (='file:///C:/data/[begroting.xlsx]Blad1'!A1); de waarde komt niet uit deze "
     "werkmap. Zet de waarde zelf in de cel (kopiëren en plakken als waarde), of neem de "
     "gegevens op in deze werkmap."),
    ('<c r="E2"><f>100+90.5</f></c>',
     "m.xlsx, blad Metingen, rij 2, cel E2: De cel bevat een formule zonder berekende waarde; de "
     "cel zou als leeg worden gelezen. Open het bestand in Excel of LibreOffice en sla het op: "
     "dan staat de uitkomst van elke formule in het bestand."),
    ('<c r="E2"><f>100+90.5</f><v></v></c>',
     "m.xlsx, blad Metingen, rij 2, cel E2: De cel bevat een formule zonder berekende waarde; de "
     "cel zou als leeg worden gelezen. Open het bestand in Excel of LibreOffice en sla het op: "
     "dan staat de uitkomst van elke formule in het bestand."),
], ids=["external index", "external path", "no cached value", "empty cached value"])
def test_a_formula_whose_value_is_not_in_the_file_is_refused_with_its_cell(
        value_cell: str, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "m.xlsx"
    write_zip(path, xlsx_parts({"Metingen": sheet_xml(_formula_row(value_cell))}))
    with pytest.raises(ImportRefused) as refused:
        read_xlsx(path)
    assert [i.describe() for i in refused.value.report.issues] == [expected]


def test_a_workbook_written_by_openpyxl_with_formulas_is_refused_at_each_formula(
        tmp_path: Path) -> None:
    """openpyxl (like many generators) writes formulas without calculating them."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Metingen"
    for values in ([*HEADERS], [*ROW[:4], "=[1]Blad1!A1", *ROW[5:]],
                   [*ROW[:2], 2020, ROW[3], "=100+90.5", *ROW[5:]]):
        sheet.append(values)  # "=..." becomes a formula here, as in any generator
    path = tmp_path / "m.xlsx"
    workbook.save(path)
    with pytest.raises(ImportRefused) as refused:
        read_xlsx(path)
    assert [(i.location.row, i.location.cell) for i in refused.value.report.issues] == [
        (2, "E2"), (3, "E3")]
    assert "verwijst naar een ander bestand" in refused.value.report.issues[0].message
    assert "zonder berekende waarde" in refused.value.report.issues[1].message
