"""Every value is stored exactly as given, or refused with its place (issue 15, ADR 0026).

The corpus is made by the tests: numbers a float cannot hold, scientific notation, other
scripts' digits, a bare CR inside a CSV field, a file that mixes UTF-8 and Windows-1252, and
bidirectional, control and zero-width characters in codes and free text. Each case has its
exact Dutch message; a property over generated cell texts shows that an import followed by an
export gives back the same number, or refuses that cell with its row and column.
Real SQLite files, the real CSV reader and writer, the real import.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.measurements.csv_writer import write_csv
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.storage import SqlRepository, open_repository
from samenwerkingsmonitor.domain.framework import Framework
from samenwerkingsmonitor.errors import ImportRefused
from samenwerkingsmonitor.services.frameworks.load import load_framework
from samenwerkingsmonitor.services.intake.numbers import NumberParser, plain_number
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
HEADER = "onderwerp,indicator,jaar,soort,waarde,eenheid,bron,toelichting\n"
ROW = "GM0377,apparaatskosten_eur,2019,realisatie,{value},eur,{source},{note}\n"


@pytest.fixture(scope="module")
def unbounded(tmp_path_factory: pytest.TempPathFactory) -> Framework:
    """The standaardkader without minimum and maximum, so that any number may be stored."""
    lines = [line for line in STANDAARDKADER.read_text(encoding="utf-8").splitlines()
             if not line.startswith(("min = ", "max = "))]
    path = tmp_path_factory.mktemp("kader") / "onbegrensd.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_framework(str(path), TomlFrameworkFiles())


def new_repo(path: Path) -> SqlRepository:
    repo = open_repository(f"sqlite:///{path}")
    repo.migrate()
    register_organisation(repo, EXAMPLE, "tester", "test", reader=read_organisation)
    return repo


def refusal(repo: SqlRepository, path: Path, framework: Framework) -> list[str]:
    organisation = load_registered_organisation(repo, reader=read_organisation)
    with pytest.raises(ImportRefused) as error:
        import_file(repo, path, organisation, framework, "tester")
    assert repo.current_measurements() == []  # nothing stored
    return [issue.describe() for issue in error.value.report.issues]


def one_row(folder: Path, value: str, source: str = "Jaarrekening", note: str = "",
            name: str = "m.csv") -> Path:
    path = folder / name
    path.write_bytes((HEADER + ROW.format(value=value, source=source, note=note))
                     .encode("utf-8"))
    return path


# --- numbers ----------------------------------------------------------------------------------

NUMBER_CASES = [
    ("2" + "0" * 308,
     "m.csv, rij 2, kolom 'waarde': Waarde '20000000000000000000…0000000000 (309 tekens)' is te "
     "groot om op te slaan. Controleer de waarde; een getal heeft hooguit 308 cijfers voor de "
     "komma en hooguit 15 cijfers die ertoe doen."),
    ("12345678901234567890",
     "m.csv, rij 2, kolom 'waarde': Waarde '12345678901234567890' heeft meer cijfers dan precies "
     "kan worden opgeslagen; het zou 12345678901234567000 worden. Rond het getal af op hooguit "
     "15 cijfers (nullen vooraan niet meegeteld)."),
    ("0." + "0" * 330 + "1",
     "m.csv, rij 2, kolom 'waarde': Waarde '0.000000000000000000…0000000001 (333 tekens)' heeft "
     "meer cijfers dan precies kan worden opgeslagen; het zou 0 worden. Rond het getal af op "
     "hooguit 15 cijfers (nullen vooraan niet meegeteld)."),
    ("1e308",
     "m.csv, rij 2, kolom 'waarde': Waarde '1e308' is in wetenschappelijke notatie (met een e) "
     "geschreven; die wordt niet gelezen. Schrijf het getal voluit, bijvoorbeeld 1500000 in "
     "plaats van 1.5e6."),
    ("1.5E-3",
     "m.csv, rij 2, kolom 'waarde': Waarde '1.5E-3' is in wetenschappelijke notatie (met een e) "
     "geschreven; die wordt niet gelezen. Schrijf het getal voluit, bijvoorbeeld 1500000 in "
     "plaats van 1.5e6."),
    ("\u0661\u0662",
     "m.csv, rij 2, kolom 'waarde': Waarde '\u0661\u0662' bevat cijfers uit een ander schrift "
     "dan 0 tot en met 9. Typ het getal met de gewone cijfers 0 tot en met 9."),
    ("\uff11\uff12",
     "m.csv, rij 2, kolom 'waarde': Waarde '\uff11\uff12' bevat cijfers uit een ander schrift "
     "dan 0 tot en met 9. Typ het getal met de gewone cijfers 0 tot en met 9."),
]


@pytest.mark.parametrize(("value", "message"), NUMBER_CASES)
def test_a_number_a_float_cannot_hold_is_refused_with_its_place(
        tmp_path: Path, unbounded: Framework, value: str, message: str) -> None:
    repo = new_repo(tmp_path / "a.db")
    assert refusal(repo, one_row(tmp_path, value), unbounded) == [message]


def test_a_year_in_other_digits_is_refused(tmp_path: Path, unbounded: Framework) -> None:
    repo = new_repo(tmp_path / "a.db")
    path = tmp_path / "m.csv"
    path.write_text(HEADER + ROW.format(value="1", source="x", note="").replace(
        "2019", "\u0662\u0660\u0661\u0669"), encoding="utf-8")
    assert refusal(repo, path, unbounded) == [
        "m.csv, rij 2, kolom 'jaar': Jaar '\u0662\u0660\u0661\u0669' is geen geheel getal. "
        "Schrijf het jaar als vier cijfers, bijvoorbeeld 2019."]


# The property: generated cell texts, close to numbers and far from them.
DIGITS = st.text(st.sampled_from("0123456789"), min_size=1, max_size=25)
NUMBER_LIKE = st.one_of(
    st.builds(lambda sign, whole, frac: f"{sign}{whole}{frac}",
              st.sampled_from(["", "-", "+"]), DIGITS,
              st.one_of(st.just(""), DIGITS.map(lambda d: "." + d))),
    st.builds(lambda a, e, b: f"{a}{e}{b}", DIGITS, st.sampled_from(["e", "E", "e-", "e+"]),
              st.text(st.sampled_from("0123456789"), min_size=1, max_size=3)),
    st.text(st.sampled_from("0123456789.,-+e \u0663\uff15"), min_size=1, max_size=12),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
).filter(lambda text: text.strip() == text and text != "")


def _as_decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=NUMBER_LIKE)
def test_import_then_export_gives_back_the_same_number_or_refuses_the_cell(
        value: str, unbounded: Framework, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("getal")
    repo = new_repo(folder / "a.db")
    path = one_row(folder, f'"{value}"')  # quoted: a comma stays inside the cell
    organisation = load_registered_organisation(repo, reader=read_organisation)
    try:
        import_file(repo, path, organisation, unbounded, "tester")
    except ImportRefused as error:
        places = [(i.location.row, i.location.column) for i in error.report.issues]
        assert places == [(2, "waarde")]
        assert repo.current_measurements() == []
        return
    exported = folder / "export.csv"
    write_csv(export_measurements(repo), exported)
    rows = list(csv.DictReader(io.StringIO(exported.read_text("utf-8-sig"))))
    assert len(rows) == 1
    assert _as_decimal(rows[0]["waarde"]) == _as_decimal(value)  # the same number, never a
    assert "e" not in rows[0]["waarde"].lower()  # changed or missing one
    repo.close()


@given(value=st.floats(allow_nan=False, allow_infinity=False))
def test_every_stored_float_is_written_as_text_the_parser_reads_back_exactly(
        value: float) -> None:
    text = plain_number(value)
    assert NumberParser(decimal_comma=False).read(text) == (value + 0.0, None)
    assert NumberParser(decimal_comma=True).read(text.replace(".", ",")) == (value + 0.0, None)


# --- text -------------------------------------------------------------------------------------

def test_a_bare_cr_inside_a_field_refuses_the_file_at_its_line(
        tmp_path: Path, unbounded: Framework) -> None:
    repo = new_repo(tmp_path / "a.db")
    path = tmp_path / "m.csv"
    path.write_bytes((HEADER + ROW.format(value="1", source="x", note="")
                      + ROW.format(value="2", source="x", note='"eerste deel\rtweede deel"')
                      .replace("2019", "2020")).encode("utf-8"))
    assert refusal(repo, path, unbounded) == [
        "m.csv, regel 3: De regel bevat een los regeleinde-teken (CR, teken 13) zonder "
        "regelopvoeding; daar zou de rij worden afgebroken. Haal het teken uit de waarde, of sla "
        "het bestand opnieuw op als 'CSV UTF-8' met gewone regeleinden."]


def test_a_file_mixing_utf8_and_windows_1252_is_refused_where_it_breaks(
        tmp_path: Path, unbounded: Framework) -> None:
    repo = new_repo(tmp_path / "a.db")
    path = tmp_path / "m.csv"
    path.write_bytes(HEADER.encode("utf-8")
                     + ROW.format(value="1", source="Financiële staat", note="")
                     .encode("utf-8")
                     + ROW.format(value="2", source="Financiële staat", note="")
                     .replace("2019", "2020").encode("cp1252"))
    assert refusal(repo, path, unbounded) == [
        "m.csv, regel 3: Het bestand mengt twee tekensets: regel 2 is UTF-8, maar deze regel "
        "niet (waarschijnlijk Windows-1252). Sla het hele bestand opnieuw op als 'CSV UTF-8' en "
        "controleer de letters met accenten op deze regel."]


def test_a_file_wholly_in_windows_1252_is_still_read_with_its_accents(
        tmp_path: Path, unbounded: Framework) -> None:
    repo = new_repo(tmp_path / "a.db")
    path = tmp_path / "m.csv"
    path.write_bytes((HEADER + ROW.format(value="1", source="Financiële staat", note=""))
                     .encode("cp1252"))
    organisation = load_registered_organisation(repo, reader=read_organisation)
    result = import_file(repo, path, organisation, unbounded, "tester")
    assert result.encoding == "cp1252"
    assert [s.measurement.source for s in repo.current_measurements()] == ["Financiële staat"]


RLO = "\u202e"
TEXT_CASES = [
    ("bron", f"Jaarrekening {RLO}9102",
     "m.csv, rij 2, kolom 'bron': De cel bevat het onzichtbare teken U+202E RIGHT-TO-LEFT "
     "OVERRIDE (teken 14); dat teken kan de leesrichting van tekst omdraaien. Verwijder het "
     "teken: typ de tekst opnieuw of plak hem als platte tekst. Zo leest een rapport de tekst "
     "zoals hij is opgeslagen."),
    ("toelichting", "zie \u2067bijlage\u2069",
     "m.csv, rij 2, kolom 'toelichting': De cel bevat het onzichtbare teken U+2067 RIGHT-TO-LEFT "
     "ISOLATE (teken 5); dat teken kan de leesrichting van tekst omdraaien. Verwijder het teken:"
     " typ de tekst opnieuw of plak hem als platte tekst. Zo leest een rapport de tekst zoals "
     "hij is opgeslagen."),
    ("toelichting", "bel\x07",
     "m.csv, rij 2, kolom 'toelichting': De cel bevat het onzichtbare teken U+0007 stuurteken "
     "(teken 4). Verwijder het teken; een cel bevat alleen gewone tekst."),
    ("onderwerp", "GM0377\u200b",
     "m.csv, rij 2, kolom 'onderwerp': De cel bevat het onzichtbare teken U+200B ZERO WIDTH SPACE"
     " (teken 7). Verwijder het teken; een cel bevat alleen gewone tekst."),
    ("onderwerp", '"GM0377\n"',
     "m.csv, rij 2, kolom 'onderwerp': De cel bevat een U+000A regeleinde (LF) (teken 7); een "
     "code of keuze staat op één regel. Haal het regeleinde of de tab uit de cel."),
]


@pytest.mark.parametrize(("column", "text", "message"), TEXT_CASES)
def test_bidi_control_and_zero_width_characters_are_refused_with_their_cell(
        tmp_path: Path, unbounded: Framework, column: str, text: str, message: str) -> None:
    repo = new_repo(tmp_path / "a.db")
    line = ROW.format(value="1", source="x", note="")
    if column == "onderwerp":
        line = line.replace("GM0377", text)
    elif column == "bron":
        line = ROW.format(value="1", source=text, note="")
    else:
        line = ROW.format(value="1", source="x", note=text)
    path = tmp_path / "m.csv"
    path.write_text(HEADER + line, encoding="utf-8")
    assert refusal(repo, path, unbounded) == [message]


def test_a_note_over_two_lines_and_homoglyphs_are_stored_exactly(
        tmp_path: Path, unbounded: Framework) -> None:
    repo = new_repo(tmp_path / "a.db")
    note = "eerste regel\r\ntweede regel met een tab\tEn Cyrillische а"
    path = tmp_path / "m.csv"
    path.write_bytes((HEADER + ROW.format(value="1", source="Jааrrekening",
                                          note=f'"{note}"')).encode("utf-8"))
    organisation = load_registered_organisation(repo, reader=read_organisation)
    import_file(repo, path, organisation, unbounded, "tester")
    stored = repo.current_measurements()[0].measurement
    assert (stored.source, stored.note) == ("Jааrrekening", note)


# --- messages ---------------------------------------------------------------------------------

def test_the_skipped_rows_notice_names_the_rows(cli: Cli, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'a.db'}"
    assert cli("--database", database, "init")[0] == 0
    assert cli("--database", database, "register", str(EXAMPLE))[0] == 0
    path = tmp_path / "m.csv"
    path.write_text(HEADER + ROW.format(value="1", source="x", note="")
                    + "GM0377,apparaatskosten_eur,2020,realisatie,,eur,,\n"
                    + ROW.format(value="2", source="x", note="").replace("2019", "2021")
                    + "GM0377,apparaatskosten_eur,2022,realisatie,,eur,,\n", encoding="utf-8")
    code, out, err = cli("--database", database, "import", str(path))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == ("2 rijen zonder waarde en bron zijn overgeslagen (niet "
                                    "ingevuld): rij 3 en 5.")


def test_history_piped_to_a_file_keeps_whole_columns_and_exact_values(
        cli: Cli, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'a.db'}"
    assert cli("--database", database, "init")[0] == 0
    assert cli("--database", database, "register", str(EXAMPLE))[0] == 0
    path = one_row(tmp_path, "1234567.125", source="Jaarrekening 2019",
                   note="een lange toelichting")
    assert cli("--database", database, "import", str(path), "--reason", "eerste opgave")[0] == 0
    code, out, _err = cli("--database", database, "history", "GM0377", "apparaatskosten_eur")
    assert code == 0
    header = out.splitlines()[2]
    assert [cell.strip() for cell in header.strip("┃").split("┃")] == [
        "versie", "jaar", "soort", "waarde", "status", "bestand", "rij", "wie", "wanneer",
        "reden", "vervangt"]
    row = [cell.strip() for cell in out.splitlines()[4].strip("│").split("│")]
    assert row[3:6] == ["1234567.125", "definitief", "m.csv"]
    assert row[9] == "eerste opgave"
