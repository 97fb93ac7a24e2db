"""`export --format xlsx|ods`: typed cells, text never a formula, and a workbook that imports back.

Real SQLite files, the real writers (openpyxl, odfpy), the project's own spreadsheet reader and
import, and LibreOffice when it is installed.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from test_export import FILES, HEADER, TEAM, load, new_repo, write

from samenwerkingsmonitor.adapters.measurements.spreadsheet_writer import write_ods, write_xlsx
from samenwerkingsmonitor.adapters.storage import SqlRepository
from samenwerkingsmonitor.domain.framework import Framework
from samenwerkingsmonitor.domain.measurements import Measurement
from samenwerkingsmonitor.services.frameworks.load import load_framework
from samenwerkingsmonitor.services.measurements.columns import EXPORT_COLUMNS
from samenwerkingsmonitor.services.measurements.export import export_measurements
from support.cli import Cli

WRITERS = {"xlsx": write_xlsx, "ods": write_ods}
FORMULA_LIKE = ["=SUM(A1)", "+31 6 1234", "@x", "-x"]
FIRST = HEADER.replace("toelichting", "toelichting,peildatum") + "".join([
    f"{TEAM},lasten_eur,2019,realisatie,100,eur,=SUM(A1),definitief,+31 6 1234,\n",
    "GM0397,inwoners,2019,realisatie,27286,aantal,@x,definitief,-x,2019-01-01\n",
    "GM0397,overhead_pct,2020,begroting,0.30000000000000004,pct,CBS,voorlopig,"
    "\"twee  spaties, één komma\",\n",
    f"{TEAM},kwaliteit_oordeel,2019,realisatie,3,score_1_5,enquête,definitief,+31 6 1234,\n",
])
CORRECTION = HEADER + f"{TEAM},lasten_eur,2019,realisatie,120.25,eur,=SUM(A1),definitief,-x\n"
SOFFICE = shutil.which("soffice")
ODS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
       "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
       "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework("standaardkader", FILES)


def filled_repo(folder: Path, framework: Framework) -> SqlRepository:
    """Four measurements, one of them corrected, with formula-like text in source and note."""
    repo = new_repo(folder / "bron.db")
    load(repo, write(folder / "eerste.csv", FIRST), framework)
    load(repo, write(folder / "correctie.csv", CORRECTION), framework, reason="gecorrigeerd")
    return repo


def measurements(repo: SqlRepository) -> list[Measurement]:
    return [s.measurement for s in repo.current_measurements()]


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_an_export_of_current_values_imports_back_as_the_same_values(
        kind: str, framework: Framework, tmp_path: Path) -> None:
    first = filled_repo(tmp_path, framework)
    exported = tmp_path / f"export.{kind}"
    assert WRITERS[kind](export_measurements(first), exported) == 4
    second = new_repo(tmp_path / "terug.db")
    load(second, exported, framework)
    assert measurements(second) == measurements(first)
    assert len(measurements(first)) == 4
    texts = {(m.source, m.note) for m in measurements(second)}
    assert {("=SUM(A1)", "-x"), ("@x", "-x")} <= texts  # formula-like text came back unchanged
    assert 0.30000000000000004 in {m.value for m in measurements(second)}  # all 17 digits
    first.close()
    second.close()


def test_the_xlsx_has_typed_cells_and_text_that_is_never_a_formula(
        framework: Framework, tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    write_xlsx(export_measurements(filled_repo(tmp_path, framework)), path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Metingen"]
    sheet = workbook["Metingen"]
    assert [c.value for c in sheet[1]] == list(EXPORT_COLUMNS)
    assert all(c.font.b for c in sheet[1]) and sheet.freeze_panes == "A2"
    cells = {(c.value, c.data_type) for row in sheet.iter_rows(min_row=2) for c in row}
    assert {(text, "s") for text in FORMULA_LIKE} <= cells
    assert not any(kind == "f" for _value, kind in cells)
    by_header = {h: [row[i] for row in sheet.iter_rows(min_row=2)]
                 for i, h in enumerate(EXPORT_COLUMNS)}
    assert [(c.value, c.data_type) for c in by_header["jaar"]] == [(2019, "n"), (2020, "n"),
                                                                   (2019, "n"), (2019, "n")]
    assert [c.value for c in by_header["waarde"]] == [27286, 0.30000000000000004, "3", 120.25]
    assert [c.value for c in by_header["peildatum"]] == [datetime(2019, 1, 1), None, None, None]
    assert by_header["peildatum"][0].is_date and by_header["wanneer"][0].is_date


def ods_rows(path: Path) -> list[list[tuple[str | None, str | None, str]]]:
    """Every row of the sheet Metingen as (value-type, value or date-value, text) per cell."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    table, office, text = (f"{{{ODS[k]}}}" for k in ("table", "office", "text"))
    [sheet] = root.iter(f"{table}table")
    assert sheet.get(f"{table}name") == "Metingen"
    return [[(cell.get(f"{office}value-type"),
              cell.get(f"{office}value") or cell.get(f"{office}date-value"),
              "\n".join(paragraph_text(p) for p in cell.iter(f"{text}p")))
             for cell in row.iter(f"{table}table-cell")]
            for row in sheet.iter(f"{table}table-row")]


def paragraph_text(element: ElementTree.Element) -> str:
    """The text of a paragraph with its runs of spaces (<text:s text:c="2"/>) written out."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{{{ODS['text']}}}s":
            parts.append(" " * int(child.get(f"{{{ODS['text']}}}c", "1")))
        else:
            parts.append(paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def test_the_ods_has_typed_cells_and_formula_like_text_as_string_content(
        framework: Framework, tmp_path: Path) -> None:
    path = tmp_path / "export.ods"
    write_ods(export_measurements(filled_repo(tmp_path, framework)), path)
    header, *rows = ods_rows(path)
    assert [t for _kind, _value, t in header] == list(EXPORT_COLUMNS)
    column = {h: i for i, h in enumerate(EXPORT_COLUMNS)}
    assert [r[column["waarde"]][:2] for r in rows] == [
        ("float", "27286.0"), ("float", "0.30000000000000004"), ("string", None),
        ("float", "120.25")]
    assert [r[column["jaar"]][:2] for r in rows] == [
        ("float", "2019"), ("float", "2020"), ("float", "2019"), ("float", "2019")]
    assert rows[0][column["peildatum"]][:2] == ("date", "2019-01-01")
    assert rows[0][column["wanneer"]][0] == "date"
    strings = {t for r in rows for kind, _value, t in r if kind == "string"}
    assert set(FORMULA_LIKE) | {"twee  spaties, één komma"} <= strings
    assert not any(cell[0] is None and cell[2] for r in rows for cell in r)  # no untyped text


@pytest.mark.parametrize(("args", "code", "message", "written"), [
    (["--output", "{d}/uit.xlsx"], 0, "4 geldende waarden geschreven naar {d}/uit.xlsx.\n",
     "uit.xlsx"),
    (["--format", "ods", "--output", "{d}/uit.ods"], 0,
     "4 geldende waarden geschreven naar {d}/uit.ods.\n", "uit.ods"),
    (["--format", "XLSX", "--output", "{d}/uit.xlsx", "--history"], 0,
     "5 versies geschreven naar {d}/uit.xlsx.\n", "uit.xlsx"),
    (["--output", "{d}/uit.txt"], 0, "4 geldende waarden geschreven naar {d}/uit.txt.\n",
     "uit.txt"),
    (["--format", "xlsx"], 2, "Fout: Een export als xlsx is een bestand: geef --output "
                              "BESTAND.xlsx.\n", None),
    (["--format", "ods", "--output", "{d}/uit.xlsx"], 2,
     "Fout: Het formaat ods past niet bij het bestand {d}/uit.xlsx: geef het bestand de "
     "extensie .ods of kies --format xlsx.\n", None),
])
def test_the_export_command_takes_the_format_from_the_option_or_the_suffix(cli: Cli,
        args: list[str], code: int, message: str, written: str | None, framework: Framework,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    filled_repo(tmp_path, framework).close()
    result = cli("--database", str(tmp_path / "bron.db"), "export",
                 *[a.format(d=tmp_path) for a in args])
    assert result == (code, "", message.format(d=tmp_path))
    made = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("uit"))
    assert made == ([written] if written else [])
    if written and written.endswith(".txt"):
        assert (tmp_path / written).read_text("utf-8-sig").startswith("onderwerp,indicator,")
    elif written:
        assert zipfile.is_zipfile(tmp_path / written)


def test_an_empty_database_gives_a_workbook_with_only_the_header(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "leeg.db")
    assert write_xlsx(export_measurements(repo), tmp_path / "leeg.xlsx") == 0
    assert write_ods(export_measurements(repo), tmp_path / "leeg.ods") == 0
    sheet = openpyxl.load_workbook(tmp_path / "leeg.xlsx")["Metingen"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [list(EXPORT_COLUMNS)]
    assert len(ods_rows(tmp_path / "leeg.ods")) == 1


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is niet geïnstalleerd; "
                                            "make test installeert het als root")
@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_libreoffice_opens_the_export_and_keeps_formula_like_text_as_text(
        kind: str, framework: Framework, tmp_path: Path) -> None:
    path = tmp_path / f"export.{kind}"
    WRITERS[kind](export_measurements(filled_repo(tmp_path, framework)), path)
    out = tmp_path / "csv"
    done = subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{tmp_path / 'lo-profiel'}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out),
         str(path)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    converted = out / "export.csv"
    assert converted.is_file(), done.stdout + done.stderr
    with converted.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(EXPORT_COLUMNS)
    column = {h: i for i, h in enumerate(EXPORT_COLUMNS)}
    assert [(r[column["bron"]], r[column["toelichting"]]) for r in rows[1:]] == [
        ("@x", "-x"), ("CBS", "twee  spaties, één komma"), ("enquête", "+31 6 1234"),
        ("=SUM(A1)", "-x")]
    assert rows[1][column["peildatum"]] == date(2019, 1, 1).isoformat()


def test_a_control_character_is_refused_for_xlsx_not_dropped(tmp_path: Path) -> None:
    from samenwerkingsmonitor.adapters.measurements.spreadsheet_writer import write_xlsx
    from samenwerkingsmonitor.errors import InputRefused
    from samenwerkingsmonitor.services.measurements.export import ExportTable

    table = ExportTable(("onderwerp", "toelichting"), iter([("GM0397", "regel\x07belletje")]))
    with pytest.raises(InputRefused) as error:
        write_xlsx(table, tmp_path / "uit.xlsx")
    assert [issue.describe() for issue in error.value.report.issues] == [
        "Metingen, rij 2, kolom 'toelichting': Deze tekst bevat een stuurteken dat XLSX niet "
        "kan bewaren. Exporteer als CSV of ODS, of verbeter de tekst met een import met "
        "--reason."]
    assert not (tmp_path / "uit.xlsx").exists()
