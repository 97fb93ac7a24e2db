"""`export`: the long format with history columns, and an export that imports back unchanged.

Real SQLite files, the real CSV writer and reader, the real import.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.measurements.csv_writer import cell_text, number_text, write_csv
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.storage import SqlRepository, open_repository
from samenwerkingsmonitor.domain.framework import Framework
from samenwerkingsmonitor.domain.measurements import Measurement
from samenwerkingsmonitor.services.frameworks.load import load_framework
from samenwerkingsmonitor.services.intake.text_cells import text_problem
from samenwerkingsmonitor.services.measurements.columns import EXPORT_COLUMNS
from samenwerkingsmonitor.services.measurements.export import export_measurements
from samenwerkingsmonitor.services.organisation.register import (
    load_registered_organisation,
    register_organisation,
)
from support.cli import Cli
from support.workflow import import_file

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src/samenwerkingsmonitor/example/organisatie.toml"
STANDAARDKADER = ROOT / "src/samenwerkingsmonitor/frameworks/standaardkader.toml"
FILES = TomlFrameworkFiles()
TEAM = "heemstede-bloemendaal/communicatie"
HEADER = "onderwerp,indicator,jaar,soort,waarde,eenheid,bron,status,toelichting\n"


def new_repo(path: Path) -> SqlRepository:
    repo = open_repository(f"sqlite:///{path}")
    repo.migrate()
    register_organisation(repo, EXAMPLE, "tester", "test", reader=read_organisation)
    return repo


def load(repo: SqlRepository, path: Path, framework: Framework, reason: str = "") -> None:
    organisation = load_registered_organisation(repo, reader=read_organisation)
    import_file(repo, path, organisation, framework, "tester", reason)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def unbounded(tmp_path_factory: pytest.TempPathFactory) -> Framework:
    """The standaardkader without minimum and maximum, so that negative values may be stored."""
    lines = [line for line in STANDAARDKADER.read_text(encoding="utf-8").splitlines()
             if not line.startswith(("min = ", "max = "))]
    path = tmp_path_factory.mktemp("kader") / "onbegrensd.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_framework(str(path), FILES)


@pytest.mark.parametrize(("value", "text"), [
    (0.0, "0"),
    (27286.0, "27286"),
    (-12.5, "-12.5"),
    (0.1, "0.1"),
    (1e-10, "0.0000000001"),
    (1.5e-7, "0.00000015"),
    (1e22, "10000000000000000000000"),
    (123456.78901234567, "123456.78901234567"),
    (2.0**53, "9007199254740992"),
])
def test_numbers_are_written_in_full_and_read_back_exactly(value: float, text: str) -> None:
    assert number_text(value) == text
    assert float(text) == value


@pytest.mark.parametrize(("cell", "text"), [
    ("=SUM(A1)", "'=SUM(A1)"),
    ("+31 6 12345678", "'+31 6 12345678"),
    ("-", "'-"),
    ("@gemeente", "'@gemeente"),
    ("Jaarrekening 2019", "Jaarrekening 2019"),
    ("'citaat'", "'citaat'"),
    (-5.0, "-5"),  # a number is never prefixed
    (date(2019, 1, 1), "2019-01-01"),
    (None, ""),
    (7, "7"),
])
def test_cells_as_text(cell: object, text: str) -> None:
    assert cell_text(cell) == text  # type: ignore[arg-type]


def test_current_export_has_history_columns_and_only_current_values(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "a.db")
    framework = load_framework("standaardkader", FILES)
    load(repo, write(tmp_path / "eerste.csv", HEADER
                     + f"{TEAM},lasten_eur,2019,realisatie,100,eur,=SUM(A1),definitief,\n"),
         framework)
    load(repo, write(tmp_path / "tweede.csv", HEADER
                     + f"{TEAM},lasten_eur,2019,realisatie,120,eur,=SUM(A1),definitief,\n"),
         framework, reason="gecorrigeerd")
    out = tmp_path / "export.csv"
    assert write_csv(export_measurements(repo), out) == 1
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == ",".join(EXPORT_COLUMNS) == (
        "onderwerp,indicator,jaar,soort,waarde,eenheid,bron,peildatum,status,variant,"
        "vergelijkbaar,toelichting,versie,batch,bestand,rij,wie,wanneer,reden,vervangt")
    created = repo.history(TEAM, "lasten_eur")[1].created.isoformat()
    assert lines[1:] == [
        f"{TEAM},lasten_eur,2019,realisatie,120,eur,'=SUM(A1),,definitief,,ja,,2,2,tweede.csv,"
        f"2,tester,{created},gecorrigeerd,1"]


def test_history_export_lists_every_version_oldest_first(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "a.db")
    framework = load_framework("standaardkader", FILES)
    load(repo, write(tmp_path / "eerste.csv", HEADER
                     + f"{TEAM},lasten_eur,2019,realisatie,100,eur,bron,definitief,\n"
                     + "GM0397,inwoners,2019,realisatie,27286,aantal,CBS,definitief,\n"),
         framework)
    load(repo, write(tmp_path / "tweede.csv", HEADER
                     + f"{TEAM},lasten_eur,2019,realisatie,120,eur,bron,definitief,\n"),
         framework, reason="gecorrigeerd")
    rows = list(export_measurements(repo, history=True).rows)
    assert [(r[0], r[4], r[12], r[18], r[19]) for r in rows] == [
        ("GM0397", 27286.0, 2, "", None),
        (TEAM, 100.0, 1, "", None),
        (TEAM, 120.0, 3, "gecorrigeerd", 1),
    ]


def test_export_command_writes_the_file_and_says_so(cli: Cli, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    repo = new_repo(tmp_path / "a.db")
    load(repo, write(tmp_path / "a.csv", HEADER
                     + "GM0397,inwoners,2019,realisatie,27286,aantal,CBS,definitief,\n"),
         load_framework("standaardkader", FILES))
    code, out, err = cli("--database", str(tmp_path / "a.db"), "export",
                         "--output", str(tmp_path / "uit.csv"))
    assert (code, out, err) == (0, "", f"1 geldende waarden geschreven naar {tmp_path}/uit.csv.\n")
    code, out, err = cli("--database", str(tmp_path / "a.db"), "export")
    assert code == 0 and out.splitlines()[1].startswith("GM0397,inwoners,2019,realisatie,27286,")


@pytest.mark.parametrize("fmt", ["pdf", "xls"])
def test_export_in_an_unknown_format_is_a_usage_error(cli: Cli, tmp_path: Path, fmt: str,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    new_repo(tmp_path / "a.db")
    code, _out, err = cli("--database", str(tmp_path / "a.db"), "export",
                          "--format", fmt)
    assert (code, err) == (2, f"Fout: Onbekend formaat '{fmt}': kies csv, xlsx of ods.\n")




# The property: an export of the current values, imported into an empty database with the same
# organisation registered, gives the same current values.

NUMBERS = st.one_of(
    st.sampled_from([0.0, -0.5, 1e-12, 1.5e-300, 9.87654321e21, 123456.78901234567,
                     0.1 + 0.2, -1e15]),
    st.floats(min_value=-1e20, max_value=1e20, allow_nan=False, allow_infinity=False),
).map(lambda x: x + 0.0)  # the store keeps -0.0 as 0.0
FORMULA_LIKE = st.sampled_from(["=SUM(A1)", "+31 6 12345678", "-", "@import", "=1+1",
                                "-12 volgens opgave", "Jaarrekening 2019, p. 12"])
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
               max_size=20).map(str.strip).filter(
    lambda t: not t.startswith("'") and text_problem(t, free_text=True) is None)
NUMERIC = [("GM0397", "inwoners", "aantal"), ("GM0397", "overhead_pct", "pct"),
           ("GM0377", "apparaatskosten_eur", "eur"), (TEAM, "formatie_fte", "fte"),
           (TEAM, "ziekteverzuim_pct", "pct")]
SCALE = [(TEAM, "kwaliteit_oordeel", "score_1_5", ["1", "2", "3", "4", "5"]),
         ("heemstede-bloemendaal", "evaluatiebepaling_aanwezig", "ja_nee", ["ja", "nee"]),
         (TEAM, "klanttevredenheid_score", "score_1_10", [str(i) for i in range(1, 11)])]


def _cell(value: object) -> str:
    text = cell_text(value)  # type: ignore[arg-type]
    return '"' + text.replace('"', '""') + '"'


@st.composite
def measurement_rows(draw: st.DrawFn) -> list[list[str]]:
    keys = draw(st.lists(st.tuples(st.integers(0, len(NUMERIC) + len(SCALE) - 1),
                                   st.integers(2018, 2022),
                                   st.sampled_from(["begroting", "realisatie", "prognose"])),
                         min_size=1, max_size=6, unique=True))
    rows = []
    for index, year, kind in keys:
        if index < len(NUMERIC):
            subject, indicator, unit = NUMERIC[index]
            value = number_text(draw(NUMBERS))
        else:
            subject, indicator, unit, scale = SCALE[index - len(NUMERIC)]
            value = draw(st.sampled_from(scale))
        source = draw(st.one_of(FORMULA_LIKE, TEXT.filter(bool)))
        note = draw(st.one_of(FORMULA_LIKE, TEXT))
        comparable = "nee" if note and draw(st.booleans()) else "ja"
        status = draw(st.sampled_from(["definitief", "voorlopig", "reconstructie", "schatting"]))
        rows.append([subject, indicator, str(year), kind, value, unit, source, status,
                     draw(TEXT), comparable, note, draw(st.sampled_from(["", "2019-01-01"]))])
    return rows


def _measurements(repo: SqlRepository) -> list[Measurement]:
    return [s.measurement for s in repo.current_measurements()]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=measurement_rows())
def test_an_export_of_current_values_imports_back_as_the_same_values(
        rows: list[list[str]], unbounded: Framework, tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("rondgang")
    header = ("onderwerp,indicator,jaar,soort,waarde,eenheid,bron,status,variant,vergelijkbaar,"
              "toelichting,peildatum\n")
    source = folder / "bron.csv"
    source.write_text(header + "".join(",".join(_cell(c) for c in row) + "\n" for row in rows),
                      encoding="utf-8")
    first = new_repo(folder / "eerste.db")
    load(first, source, unbounded)
    exported = folder / "export.csv"
    write_csv(export_measurements(first), exported)
    second = new_repo(folder / "tweede.db")
    load(second, exported, unbounded)
    assert _measurements(second) == _measurements(first)
    assert len(_measurements(first)) == len(rows)
    again = folder / "opnieuw.csv"
    write_csv(export_measurements(second), again)
    columns = len(EXPORT_COLUMNS) - 8  # everything but the history columns is the same text
    assert ([line.split(",")[:columns] for line in again.read_text("utf-8").splitlines()]
            == [line.split(",")[:columns] for line in exported.read_text("utf-8").splitlines()])
    first.close()
    second.close()
