"""Templates to fill in (issue 4 item 1): the expected rows, real XLSX and ODS files read back
with openpyxl and odfpy, opened by LibreOffice, and imported again once filled in."""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from odf.config import ConfigItem
from odf.opendocument import load as load_ods
from odf.table import ContentValidation, Table, TableCell, TableRow
from odf.text import P
from openpyxl.worksheet.worksheet import Worksheet

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.storage import open_repository
from samenwerkingsmonitor.adapters.workbooks.ods import write_template_ods
from samenwerkingsmonitor.adapters.workbooks.xlsx import write_template_xlsx
from samenwerkingsmonitor.domain.framework import Framework, IndicatorKind, SourceType
from samenwerkingsmonitor.domain.measurements import MeasurementKind
from samenwerkingsmonitor.domain.organisation import Organisation, SubjectKind
from samenwerkingsmonitor.errors import NotFound, UsageError
from samenwerkingsmonitor.services.assessment.assess import resolve_subjects
from samenwerkingsmonitor.services.frameworks.load import load_framework
from samenwerkingsmonitor.services.organisation.register import (
    check_organisation_file,
    load_registered_organisation,
    register_organisation,
)
from samenwerkingsmonitor.services.workbooks.model import (
    EXTRA_ROWS,
    HEADERS,
    TemplateModel,
    build_template,
)
from support.cli import Cli

EXAMPLE = Path(str(resources.files("samenwerkingsmonitor") / "example" / "organisatie.toml"))
SUBJECTS = ("GM0397", "heemstede-bloemendaal", "heemstede-bloemendaal/*",
            "omgevingswet-kennisdeling")
MUNICIPALITY_INPUTS = ["inwoners", "formatie_fte", "bezetting_fte", "apparaatskosten_eur",
                       "loonsom_eur", "inhuur_eur", "lasten_totaal_eur", "lasten_overhead_eur"]
LEVEL_2_INPUTS = ["evaluatiebepaling_aanwezig", "uittredingsbepaling_aanwezig",
                  "zienswijze_raad_gevraagd", "sturing_oordeel",
                  # the process indicators are counted from process events, never asked (ADR 0020)
                  "partnertevredenheid_score", "verdeelsleutel_vastgesteld"]
LEVEL_1_INPUTS = ["lt_doel_vastgelegd", "lt_resultaat_gedeeld", "lt_inzet_bekend",
                  "lt_evaluatie_afgesproken", "lt_voortzetten"]
BBV = ["formatie_per_1000", "bezetting_per_1000", "apparaatskosten_per_inwoner",
       "externe_inhuur_pct", "overhead_pct"]
SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is niet "
                                   "geïnstalleerd; make test installeert het als root")


@pytest.fixture(scope="module")
def organisation() -> Organisation:
    return check_organisation_file(EXAMPLE, reader=read_organisation)


@pytest.fixture(scope="module")
def framework() -> Framework:
    return load_framework("standaardkader", TomlFrameworkFiles())


def template(organisation: Organisation, framework: Framework, specs: tuple[str, ...],
             first: int = 2018, last: int = 2020, **options: object) -> TemplateModel:
    subjects = resolve_subjects(organisation, specs)
    return build_template(framework, organisation, subjects, first, last, **options)  # type: ignore[arg-type]


def team_inputs() -> list[str]:
    """Every input the bundled framework names for teams, in its order: a simpler rule than the
    model's (no area, level or formula), which gives the same list for the standaardkader and
    keeps these cases right when an input for teams is added to it. Computed indicators (from
    the competence matrix) are never asked."""
    framework = load_framework("standaardkader", TomlFrameworkFiles())
    return [i.id for i in framework.indicators
            if i.kind is IndicatorKind.INPUT and SubjectKind.TEAM in i.applies_to
            and i.source_type is not SourceType.COMPUTED]


TEAM_INPUTS = team_inputs()
TEAM = len(TEAM_INPUTS)


@pytest.fixture(scope="module")
def model(organisation: Organisation, framework: Framework) -> TemplateModel:
    return template(organisation, framework, SUBJECTS)


@pytest.fixture(scope="module")
def files(model: TemplateModel, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    return {"xlsx": write_template_xlsx(model, folder / "metingen.xlsx"),
            "ods": write_template_ods(model, folder / "metingen.ods")}


# --- which rows a template asks for ---------------------------------------------------------

@pytest.mark.parametrize(("spec", "first", "last", "options", "indicators", "years"), [
    ("GM0397", 2018, 2020, {}, MUNICIPALITY_INPUTS, [2018, 2019, 2020]),
    ("GM0397", 2019, 2019, {"with_derived": True}, MUNICIPALITY_INPUTS + BBV, [2019]),
    ("heemstede-bloemendaal/communicatie", 2018, 2019, {}, TEAM_INPUTS, [2018, 2019]),
    # a beleid team: formatie and bezetting (area bedrijfsvoering) are asked all the same,
    # because its bezettingsgraad needs them
    ("heemstede-bloemendaal/handhaving-openbare-ruimte", 2020, 2020, {}, TEAM_INPUTS, [2020]),
    # taken back after 2022: no rows for the years it no longer exists
    ("heemstede-bloemendaal/financiele-administratie", 2021, 2023, {}, TEAM_INPUTS,
     [2021, 2022]),
    ("heemstede-bloemendaal", 2018, 2018, {}, LEVEL_2_INPUTS, [2018]),
    ("omgevingswet-kennisdeling", 2021, 2021, {}, LEVEL_1_INPUTS, [2021]),
])
def test_expected_rows_per_subject(organisation: Organisation, framework: Framework, spec: str,
                                   first: int, last: int, options: dict[str, object],
                                   indicators: list[str], years: list[int]) -> None:
    built = template(organisation, framework, (spec,), first, last, **options)
    expected = [(spec, i, y, "realisatie") for y in years for i in indicators]
    assert [(r.subject, r.indicator, r.year, r.kind.value) for r in built.rows] == expected
    assert all(r.unit == framework.indicator(r.indicator).unit for r in built.rows)  # type: ignore[union-attr]


def test_each_soort_asked_gets_its_own_rows(organisation: Organisation,
                                            framework: Framework) -> None:
    built = template(organisation, framework, ("GM0397",), 2019, 2019,
                     kinds=(MeasurementKind.BUDGET, MeasurementKind.ACTUAL))
    assert Counter(r.kind.value for r in built.rows) == {"begroting": 8, "realisatie": 8}


def test_scale_rows_carry_their_values(model: TemplateModel) -> None:
    scales = {r.indicator: r.scale for r in model.rows if r.scale}
    assert scales["ontvlechtingsplan_aanwezig"] == ("ja", "nee")
    assert scales["kwaliteit_oordeel"] == ("1", "2", "3", "4", "5")
    assert "klanttevredenheid_score" not in scales  # a report mark such as 7.4 is a number


def test_data_burden_per_kind_of_subject(model: TemplateModel) -> None:
    lines = [(b.subject_kind, b.subjects, b.per_subject_year, b.pc_source, b.assessed,
              b.framework_values, b.rows) for b in model.burden]
    assert lines == [("gemeenten", 1, 8, 8, 0, 8, 24),
                     ("teams", 6, TEAM, 0, 1, TEAM, 6 * 3 * TEAM),
                     # level 2 asks 6 a year (the 3 process indicators are counted from
                     # events, ADR 0020), 4 of them published; the level-1 one exists from
                     # 2019 and asks 5
                     ("samenwerkingen", 2, 6, 4, 2, 11, 3 * 6 + 2 * 5)]


@pytest.mark.parametrize(("first", "last", "message"), [
    (2020, 2018, "Het eerste jaar (2020) ligt na het laatste (2018)."),
    (2015, 2018, "De jaren moeten binnen de periode van het kader liggen: 2018-2030."),
    (2030, 2031, "De jaren moeten binnen de periode van het kader liggen: 2018-2030."),
])
def test_years_outside_the_framework_are_refused(organisation: Organisation,
                                                 framework: Framework, first: int, last: int,
                                                 message: str) -> None:
    with pytest.raises(UsageError) as refused:
        template(organisation, framework, ("GM0397",), first, last)
    assert str(refused.value) == message


def test_an_unknown_subject_is_refused(organisation: Organisation) -> None:
    with pytest.raises(NotFound, match="Onbekend onderwerp: GM9999"):
        resolve_subjects(organisation, ("GM9999",))


# --- the XLSX file, read back with openpyxl -------------------------------------------------

@pytest.fixture(scope="module")
def book(files: dict[str, Path]) -> openpyxl.Workbook:
    return openpyxl.load_workbook(files["xlsx"])


def prefilled(model: TemplateModel) -> list[list[object]]:
    return [[r.subject, r.indicator, r.year, r.kind.value, r.unit] for r in model.rows]


def filled_rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    return [row for row in sheet.iter_rows(min_row=2, values_only=True)
            if any(v is not None for v in row)]


def validations(sheet: Worksheet) -> list[tuple[str | None, str | None, str]]:
    return [(v.type, v.formula1, str(v.sqref)) for v in sheet.data_validations.dataValidation]


def test_xlsx_metingen_has_the_headers_rows_and_units(model: TemplateModel,
                                                      book: openpyxl.Workbook) -> None:
    assert book.sheetnames == ["Metingen", "Toelichting", "Lijsten"]
    sheet = book["Metingen"]
    assert [c.value for c in sheet[1]] == list(HEADERS)
    assert sheet.freeze_panes == "A2"
    rows = filled_rows(sheet)
    assert len(rows) == len(model.rows) == 24 + 6 * 3 * TEAM + 3 * 6 + 2 * 5
    assert [[r[0], r[1], r[2], r[3], r[5]] for r in rows] == prefilled(model)
    assert all(r[4] is None and r[6] is None for r in rows)  # waarde and bron are to fill in
    assert sheet["F2"].fill.fgColor.rgb.endswith("D9D9D9")  # the unit is greyed


def test_xlsx_dropdowns_cover_their_columns(model: TemplateModel,
                                            book: openpyxl.Workbook) -> None:
    found = validations(book["Metingen"])
    end = len(model.rows) + 1 + EXTRA_ROWS
    for column, letter in (("onderwerp", "A"), ("indicator", "B"), ("soort", "D"),
                           ("status", "I"), ("vergelijkbaar", "K")):
        assert ("list", f"lijst_{column}", f"{letter}2:{letter}{end}") in found
        lists = book["Lijsten"]
        values = model.lists[column]
        letter = letter_of(column)
        reference = book.defined_names[f"lijst_{column}"].attr_text
        assert reference == f"'Lijsten'!${letter}$2:${letter}${len(values) + 1}"
        column_cells = lists[letter][1:len(values) + 1]
        assert tuple(c.value for c in column_cells) == values
    assert ("whole", "2018", f"C2:C{end}") in found
    assert book["Lijsten"].sheet_state == "hidden"
    assert model.lists["soort"] == ("begroting", "realisatie", "prognose",
                                    "begroting_na_wijziging")
    assert model.lists["vergelijkbaar"] == ("ja", "nee")
    assert model.lists["onderwerp"][:2] == ("GM0397", "heemstede-bloemendaal")


def letter_of(column: str) -> str:
    return "ABCDE"[["onderwerp", "indicator", "soort", "status", "vergelijkbaar"].index(column)]


def rows_of(model: TemplateModel, indicator: str) -> list[int]:
    return [number for number, r in enumerate(model.rows, start=2) if r.indicator == indicator]


@pytest.mark.parametrize(("indicator", "kind", "formula"), [
    ("ontvlechtingsplan_aanwezig", "list", '"ja,nee"'),
    ("kwaliteit_oordeel", "list", '"1,2,3,4,5"'),
    ("ziekteverzuim_pct", "decimal", "0"),
    ("klanttevredenheid_score", "decimal", "1"),
])
def test_xlsx_waarde_is_checked_per_row(model: TemplateModel, book: openpyxl.Workbook,
                                        indicator: str, kind: str, formula: str) -> None:
    sheet = book["Metingen"]
    covered = [v for v in sheet.data_validations.dataValidation
               if f"E{rows_of(model, indicator)[0]}" in v.sqref]
    assert [(v.type, v.formula1) for v in covered] == [(kind, formula)]
    cells = {c for r in covered[0].sqref.ranges for c in _cells(r.coord)}
    assert cells == {f"E{n}" for n in rows_of(model, indicator)}


def _cells(coord: str) -> list[str]:
    first, _sep, last = coord.partition(":")
    column, start, end = first[0], int(first[1:]), int((last or first)[1:])
    return [f"{column}{n}" for n in range(start, end + 1)]


def test_xlsx_unit_is_a_one_value_list_per_row(model: TemplateModel,
                                               book: openpyxl.Workbook) -> None:
    sheet = book["Metingen"]
    for number, row in enumerate(model.rows, start=2):
        covering = [v.formula1 for v in sheet.data_validations.dataValidation
                    if f"F{number}" in v.sqref]
        assert covering == [f'"{row.unit}"'], number


def test_xlsx_toelichting_explains_every_indicator_and_the_burden(
        model: TemplateModel, book: openpyxl.Workbook) -> None:
    sheet = book["Toelichting"]
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert texts[0] == "Invulbestand metingen 2018-2020"
    for guide in model.guides:
        assert guide.id in texts and guide.definition in texts
    assert "procent: 12,5 betekent 12,5 % (niet 0,125)" in texts[texts.index("ziekteverzuim_pct")
                                                              + 7]
    assert (f"• 6 teams: {TEAM} waarden per onderwerp per jaar, waarvan 0 al gepubliceerd "
            f"(begroting, jaarrekening of een ander openbaar stuk) en 1 door een beoordelaar "
            f"(het hele kader vraagt er ten hoogste {TEAM}); {6 * 3 * TEAM} rijen in dit "
            f"bestand.") in texts


# --- the ODS file, read back with odfpy ----------------------------------------------------

def ods_sheets(document: Any) -> dict[str, Table]:
    return {t.getAttribute("name"): t for t in document.spreadsheet.getElementsByType(Table)}


@pytest.fixture(scope="module")
def ods(files: dict[str, Path]) -> Any:
    return load_ods(str(files["ods"]))


def cell_texts(row: TableRow) -> list[str]:
    return [str(c) for c in row.getElementsByType(TableCell)]


def test_ods_has_the_rows_and_content_validations(model: TemplateModel, ods: Any) -> None:
    document = ods
    conditions = {v.getAttribute("name"): v.getAttribute("condition")
                  for v in document.spreadsheet.getElementsByType(ContentValidation)}
    assert conditions["lijst_onderwerp"] == "of:cell-content-is-in-list([$Lijsten.$A$2:.$A$10])"
    assert conditions["lijst_soort"] == "of:cell-content-is-in-list([$Lijsten.$C$2:.$C$5])"
    assert conditions["waarde_ontvlechtingsplan_aanwezig"] == (
        'of:cell-content-is-in-list("ja";"nee")')
    assert conditions["waarde_ziekteverzuim_pct"] == (
        "of:cell-content-is-decimal-number() and cell-content-is-between(0,100)")
    assert conditions["eenheid_fte"] == 'of:cell-content-is-in-list("fte")'
    sheets = ods_sheets(ods)
    assert list(sheets) == ["Metingen", "Toelichting", "Lijsten"]
    rows = [r for r in sheets["Metingen"].getElementsByType(TableRow) if "".join(cell_texts(r))]
    assert cell_texts(rows[0]) == list(HEADERS)
    assert [cell_texts(r)[:6] for r in rows[1:]] == [
        [r.subject, r.indicator, str(r.year), r.kind.value, "", r.unit] for r in model.rows]
    first = rows[1].getElementsByType(TableCell)
    assert [c.getAttribute("contentvalidationname") for c in first[:7]] == [
        "lijst_onderwerp", "lijst_indicator", "lijst_jaar", "lijst_soort", "waarde_inwoners",
        "eenheid_aantal", "bron_inwoners"]


def test_ods_lists_sheet_is_hidden(ods: Any) -> None:
    styles = {s.getAttribute("name"): s for s in ods.automaticstyles.childNodes}
    for name, display in (("Metingen", "true"), ("Lijsten", "false")):
        style = styles[ods_sheets(ods)[name].getAttribute("stylename")]
        assert style.childNodes[0].getAttribute("display") == display


def test_ods_freezes_the_header_row(ods: Any) -> None:
    items = {i.getAttribute("name"): str(i) for i in ods.settings.getElementsByType(ConfigItem)}
    assert (items["VerticalSplitMode"], items["VerticalSplitPosition"]) == ("2", "1")
    assert items["ActiveTable"] == "Metingen"


# --- LibreOffice opens what we write ---------------------------------------------------------

@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh LibreOffice profile for this module: nothing from a user's settings leaks in."""
    return tmp_path_factory.mktemp("lo-profile")


def soffice(source: Path, target: str, folder: Path, profile: Path) -> Path:
    """Convert headless; the exit code must be 0 and the converted file must exist."""
    done = subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", target, "--outdir", str(folder), str(source)],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    converted = folder / f"{source.stem}.{target.split(':')[0]}"
    assert converted.is_file(), done.stdout + done.stderr
    return converted


@needs_soffice
@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_libreoffice_converts_the_template_and_keeps_the_rows(
        model: TemplateModel, files: dict[str, Path], tmp_path: Path, profile: Path,
        kind: str) -> None:
    converted = soffice(files[kind], "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path,
                        profile)
    with converted.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.reader(handle) if any(r)]
    assert rows[0] == list(HEADERS)
    assert [[r[0], r[1], r[2], r[3], r[5]] for r in rows[1:]] == [
        [str(v) for v in row] for row in prefilled(model)]


@needs_soffice
def test_libreoffice_reads_the_ods_content_validations(files: dict[str, Path], tmp_path: Path,
                                                       profile: Path) -> None:
    """LibreOffice saves the ODS as XLSX: the checks it understood come out as validations."""
    sheet = openpyxl.load_workbook(soffice(files["ods"], "xlsx", tmp_path, profile))["Metingen"]
    found = {(v.type, v.formula1, v.formula2) for v in sheet.data_validations.dataValidation}
    assert {("list", "Lijsten!$A$2:$A$10", "0"), ("list", "Lijsten!$C$2:$C$5", "0"),
            ("whole", "2018", "2020"), ("decimal", "0", "100"), ("list", '"fte"', "0"),
            ("list", '"ja,nee"', "0"), ("list", '"1,2,3,4,5"', "0")} <= found


# --- a filled-in template imports cleanly ------------------------------------------------

SCALE_ANSWERS = {"ja_nee": "nee", "score_1_5": "4"}


def fill_xlsx(source: Path, target: Path) -> Path:
    book = openpyxl.load_workbook(source)
    sheet = book["Metingen"]
    for row in sheet.iter_rows(min_row=2):
        unit = row[5].value
        if unit is None:
            continue
        row[4].value = SCALE_ANSWERS.get(unit, 7 if unit == "score_1_10" else 12.5)
        row[6].value = "Jaarrekening (fictief)"
    book.save(target)
    return target


def fill_ods(source: Path, target: Path) -> Path:
    document = load_ods(str(source))
    for row in ods_sheets(document)["Metingen"].getElementsByType(TableRow)[1:]:
        cells = row.getElementsByType(TableCell)
        unit = str(cells[5])
        if not unit:
            continue
        answer = SCALE_ANSWERS.get(unit)
        if answer is None:
            number = "7" if unit == "score_1_10" else "12.5"
            cells[4].setAttribute("valuetype", "float")
            cells[4].setAttribute("value", number)
            cells[4].addElement(P(text=number))
        else:
            cells[4].setAttribute("valuetype", "string")
            cells[4].addElement(P(text=answer))
        cells[6].setAttribute("valuetype", "string")
        cells[6].addElement(P(text="Jaarrekening (fictief)"))
    document.save(str(target))
    return target


FILLERS = {"xlsx": fill_xlsx, "ods": fill_ods}


@pytest.fixture()
def repository(tmp_path: Path):  # type: ignore[no-untyped-def]
    repo = open_repository(f"sqlite:///{tmp_path / 'monitor.db'}")
    repo.migrate()
    register_organisation(repo, EXAMPLE, "tester", "test", reader=read_organisation)
    return repo


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_a_filled_in_template_imports_cleanly(model: TemplateModel, files: dict[str, Path],
                                              framework: Framework, repository,  # type: ignore[no-untyped-def]
                                              tmp_path: Path, kind: str) -> None:
    reader = pytest.importorskip("samenwerkingsmonitor.adapters.intake.spreadsheet_reader")
    from samenwerkingsmonitor.services.measurements.importing import import_measurements

    filled = FILLERS[kind](files[kind], tmp_path / f"ingevuld.{kind}")
    organisation = load_registered_organisation(repository, reader=read_organisation)
    result = import_measurements(repository, filled, organisation, framework, "tester", "",
                                 reader=getattr(reader, f"read_{kind}"))
    assert (result.rows, result.new, result.changed) == (len(model.rows), len(model.rows), 0)
    stored = {m.measurement.key: m.measurement for m in repository.current_measurements()}
    plan = stored["heemstede-bloemendaal/communicatie", "ontvlechtingsplan_aanwezig", 2019,
                  "realisatie"]
    assert (plan.scale_value, plan.value, plan.unit) == ("nee", None, "ja_nee")
    absence = stored["heemstede-bloemendaal/communicatie", "ziekteverzuim_pct", 2019,
                     "realisatie"]
    assert (absence.value, absence.unit, absence.source) == (12.5, "pct",
                                                             "Jaarrekening (fictief)")


def test_an_unfilled_template_row_is_refused_with_its_place(
        files: dict[str, Path], framework: Framework, repository,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    reader = pytest.importorskip("samenwerkingsmonitor.adapters.intake.spreadsheet_reader")
    from samenwerkingsmonitor.errors import ImportRefused
    from samenwerkingsmonitor.services.measurements.importing import import_measurements

    filled = fill_xlsx(files["xlsx"], tmp_path / "half.xlsx")
    book = openpyxl.load_workbook(filled)
    book["Metingen"]["E5"].value = None
    book.save(filled)
    organisation = load_registered_organisation(repository, reader=read_organisation)
    with pytest.raises(ImportRefused) as refused:
        import_measurements(repository, filled, organisation, framework, "tester", "",
                            reader=reader.read_xlsx)
    assert [i.location.row for i in refused.value.report.issues] == [5]
    assert refused.value.report.issues[0].location.column == "waarde"
    assert repository.current_measurements() == []


# --- the command -------------------------------------------------------------------------



@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
def test_the_template_command_writes_the_file(cli: Cli,
                                              repository, tmp_path: Path,  # type: ignore[no-untyped-def]
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str],
                                              suffix: str) -> None:
    out = tmp_path / f"invullen.{suffix}"
    code, stdout, stderr = cli("--database", str(tmp_path / "monitor.db"),
                               "template", str(out), "--subjects", "GM0397,GM0377",
                               "--years", "2019-2020", "--kinds", "begroting,realisatie")
    assert (code, stderr) == (0, "")
    assert stdout.strip() == (f"Invulbestand {out} geschreven: 64 rijen voor 2 onderwerpen, "
                              "2019-2020.")
    assert out.stat().st_size > 5_000


@pytest.mark.parametrize(("args", "code", "message"), [
    (("uit.csv", "--subjects", "GM0397", "--years", "2019"), 2,
     "Fout: Bestandstype '.csv' kan niet als invulbestand worden geschreven: kies .xlsx of .ods."),
    (("uit.xlsx", "--subjects", "GM0397", "--years", "2019", "--kinds", "jaarrekening"), 2,
     "Fout: Onbekende soort 'jaarrekening': kies begroting, begroting_na_wijziging, "
     "realisatie of prognose."),
    (("uit.xlsx", "--subjects", "GM9999", "--years", "2019"), 1,
     "Fout: Onbekend onderwerp: GM9999."),
    (("uit.xlsx", "--subjects", "GM0397", "--years", "2010-2012"), 2,
     "Fout: De jaren moeten binnen de periode van het kader liggen: 2018-2030."),
])
def test_the_template_command_refuses_bad_usage(cli: Cli,
                                                repository, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str],
                                                args: tuple[str, ...], code: int,
                                                message: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("--database", str(tmp_path / "monitor.db"), "template",
                 *args)
    assert result[0] == code
    assert result[2].startswith(message)
    assert not (tmp_path / args[0]).exists()


def test_the_team_inputs_of_the_standaardkader() -> None:
    assert TEAM_INPUTS[:3] == ["formatie_fte", "bezetting_fte", "lasten_eur"]
    assert {"kwaliteit_oordeel", "ontvlechtingsplan_aanwezig", "ziekteverzuim_pct"} <= set(
        TEAM_INPUTS)
