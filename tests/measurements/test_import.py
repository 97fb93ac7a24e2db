"""Importing measurement files into a real SQLite database: all or nothing, with history."""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from samenwerkingsmonitor.adapters.frameworks.schema import framework_to_dict
from samenwerkingsmonitor.adapters.intake.csv_reader import read_csv
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.storage import SqlRepository, open_repository
from samenwerkingsmonitor.errors import ImportRefused
from samenwerkingsmonitor.services.measurements.importing import ImportResult, import_measurements
from samenwerkingsmonitor.services.organisation.register import register_organisation
from support.cli import Cli
from support.import_fixtures import csv_text, framework, organisation, row

ORG, FRAMEWORK = organisation(), framework()
TEAM_COSTS = dict(onderwerp="GM0397/communicatie", indicator="lasten_eur", eenheid="eur")
FIRST_FILE = [row(), row(jaar="2020", waarde="192"), row(**TEAM_COSTS, waarde="1250000")]


def new_repository(folder: Path) -> SqlRepository:
    repo = open_repository(f"sqlite:///{folder / 'monitor.db'}")
    repo.migrate()
    return repo


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[SqlRepository]:
    repository = new_repository(tmp_path)
    yield repository
    repository.close()


def write(folder: Path, rows: list[dict[str, str]], name: str = "metingen.csv",
          delimiter: str = ",", headers: tuple[str, ...] | None = None) -> Path:
    path = folder / name
    extra = tuple(dict.fromkeys(k for r in rows for k in r if k not in row()))
    columns = headers or (*row(), *extra)
    path.write_text(csv_text(rows, delimiter, columns), encoding="utf-8")
    return path


def run(repo: SqlRepository, path: Path, reason: str = "", dry_run: bool = False,
        decimal_comma: bool | None = None) -> ImportResult:
    return import_measurements(repo, path, ORG, FRAMEWORK, "tester", reason, dry_run,
                               decimal_comma, reader=read_csv)


def counts(result: ImportResult) -> tuple[int, int, int, int]:
    return result.rows, result.new, result.changed, result.unchanged


def test_a_first_import_stores_one_batch_with_every_row_and_its_provenance(
        repo: SqlRepository, tmp_path: Path) -> None:
    path = write(tmp_path, FIRST_FILE)
    result = run(repo, path)
    assert counts(result) == (3, 3, 0, 0)
    assert result.batch_id == repo.last_batch_id() == 1
    stored = repo.current_measurements()
    assert {(s.measurement.key, s.measurement.value, s.row) for s in stored} == {
        (("GM0397", "formatie_fte", 2019, "realisatie"), 190.5, 2),
        (("GM0397", "formatie_fte", 2020, "realisatie"), 192.0, 3),
        (("GM0397/communicatie", "lasten_eur", 2019, "realisatie"), 1250000.0, 4),
    }
    assert {(s.file_name, s.user, s.supersedes) for s in stored} == {
        ("metingen.csv", "tester", None)}
    assert repo.dump()["batches"][0]["sha256"] == result.sha256


def test_an_unchanged_reimport_is_a_no_op(repo: SqlRepository, tmp_path: Path) -> None:
    path = write(tmp_path, FIRST_FILE)
    run(repo, path)
    before = repo.dump()
    again = run(repo, path, reason="nogmaals")
    assert counts(again) == (3, 0, 0, 3)
    assert (again.batch_id, again.nothing_changed) == (None, True)
    assert repo.dump() == before


def test_the_same_values_in_another_notation_are_unchanged(repo: SqlRepository,
                                                           tmp_path: Path) -> None:
    run(repo, write(tmp_path, [row(waarde="1234.5")]))
    dutch = write(tmp_path, [row(waarde="1.234,5")], name="nl.csv", delimiter=";")
    assert counts(run(repo, dutch)) == (1, 0, 0, 1)


def test_a_correction_without_a_reason_is_refused_and_names_each_changed_row(
        repo: SqlRepository, tmp_path: Path) -> None:
    run(repo, write(tmp_path, FIRST_FILE))
    before = repo.dump()
    corrected = [row(waarde="191"), FIRST_FILE[1], row(**TEAM_COSTS, waarde="1250000",
                                                       bron="Herziene jaarrekening")]
    with pytest.raises(ImportRefused) as refused:
        run(repo, write(tmp_path, corrected, name="correctie.csv"))
    hint = ("Een correctie vraagt een reden: importeer opnieuw met --reason \"...\", of herstel "
            "de rij als de wijziging niet bedoeld is.")
    assert str(refused.value) == ("Het bestand correctie.csv is geweigerd: 2 problemen; er is "
                                  "niets opgeslagen.")
    assert [i.describe() for i in refused.value.report.issues] == [
        "correctie.csv, rij 2, kolom 'waarde': Deze rij wijzigt de opgeslagen waarde van GM0397, "
        f"formatie_fte, 2019, realisatie (versie 1): waarde 190.5 → 191. {hint}",
        "correctie.csv, rij 4, kolom 'bron': Deze rij wijzigt de opgeslagen waarde van "
        "GM0397/communicatie, lasten_eur, 2019, realisatie (versie 3): bron 'Jaarrekening 2019' "
        f"→ 'Herziene jaarrekening'. {hint}",
    ]
    assert repo.dump() == before


def test_a_correction_with_a_reason_supersedes_the_current_version(repo: SqlRepository,
                                                                   tmp_path: Path) -> None:
    run(repo, write(tmp_path, FIRST_FILE))
    corrected = [row(waarde="191", status="voorlopig"), FIRST_FILE[1],
                 row(jaar="2021", waarde="195")]
    result = run(repo, write(tmp_path, corrected, name="correctie.csv"),
                 reason="telfout in de jaarrekening")
    assert counts(result) == (3, 1, 1, 1)
    history = repo.history("GM0397", "formatie_fte")
    versions_2019 = [h for h in history if h.measurement.year == 2019]
    assert [(h.measurement.value, h.supersedes, h.reason) for h in versions_2019] == [
        (190.5, None, ""), (191.0, versions_2019[0].version_id, "telfout in de jaarrekening")]
    current = {s.measurement.key: s for s in repo.current_measurements()}
    assert current["GM0397", "formatie_fte", 2019, "realisatie"].measurement.value == 191.0
    assert len(current) == 4
    assert [b["row_count"] for b in repo.dump()["batches"]] == [3, 3]


@pytest.mark.parametrize("bad_rows", [
    [row(), row(onderwerp="GM9999")],  # one bad row refuses the good one too
    [row(), row()],  # duplicate
    [row(waarde="1.234,5")],  # Dutch notation in a comma file
    [row(jaar="2030"), row(eenheid="eur")],
], ids=["unknown subject", "duplicate", "notation", "year and unit"])
def test_a_refused_import_changes_nothing_stored(repo: SqlRepository, tmp_path: Path,
                                                 bad_rows: list[dict[str, str]]) -> None:
    run(repo, write(tmp_path, FIRST_FILE))
    before = repo.dump()
    with pytest.raises(ImportRefused):
        run(repo, write(tmp_path, bad_rows, name="fout.csv"), reason="poging")
    assert repo.dump() == before


@pytest.mark.parametrize(("content", "expected"), [
    ("", "metingen.csv: Het bestand is leeg."),
    ("onderwerp,indicator,jaar,soort,waarde,eenheid,bron\n",
     "metingen.csv: Het bestand bevat alleen een kopregel en geen rijen met waarden."),
], ids=["empty file", "header only"])
def test_a_file_without_rows_is_refused(repo: SqlRepository, tmp_path: Path, content: str,
                                        expected: str) -> None:
    path = tmp_path / "metingen.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        run(repo, path)
    assert [i.describe().split(". ")[0] + "." for i in refused.value.report.issues] == [expected]
    assert repo.dump()["batches"] == []


def test_a_dry_run_validates_and_counts_but_stores_nothing(repo: SqlRepository,
                                                           tmp_path: Path) -> None:
    empty = repo.dump()
    first = run(repo, write(tmp_path, FIRST_FILE), dry_run=True)
    assert counts(first) == (3, 3, 0, 0)
    assert (first.batch_id, first.dry_run) == (None, True)
    assert repo.dump() == empty
    run(repo, write(tmp_path, FIRST_FILE))
    before = repo.dump()
    changed = write(tmp_path, [row(waarde="191")], name="correctie.csv")
    with pytest.raises(ImportRefused):  # the dry run predicts the refusal
        run(repo, changed, dry_run=True)
    assert counts(run(repo, changed, reason="correctie", dry_run=True)) == (1, 0, 1, 0)
    assert repo.dump() == before


def test_a_semicolon_file_is_read_in_dutch_notation(repo: SqlRepository, tmp_path: Path) -> None:
    path = write(tmp_path, [row(waarde="1.234"), row(jaar="2020", waarde="12,5")],
                 delimiter=";")
    assert counts(run(repo, path)) == (2, 2, 0, 0)
    values = sorted(s.measurement.value or 0 for s in repo.current_measurements())
    assert values == [12.5, 1234.0]


def _yearly_rows() -> list[dict[str, str]]:
    rows = []
    for year in range(2018, 2023):
        for kind in ("begroting", "realisatie"):
            rows.append(row(jaar=str(year), soort=kind, waarde=f"{180 + year % 7}.5"))
            rows.append(row(**TEAM_COSTS, jaar=str(year), soort=kind, waarde=str(year * 100)))
    return rows


@settings(max_examples=8, deadline=None)
@given(st.randoms(use_true_random=False))
def test_the_stored_measurements_do_not_depend_on_row_order(rng: random.Random) -> None:
    rows = _yearly_rows()
    shuffled = rows[:]
    rng.shuffle(shuffled)
    stored = []
    for ordering in (rows, shuffled):
        with tempfile.TemporaryDirectory() as folder:
            repository = new_repository(Path(folder))
            run(repository, write(Path(folder), ordering))
            stored.append({s.measurement for s in repository.current_measurements()})
            repository.close()
    assert stored[0] == stored[1]
    assert len(stored[0]) == len(rows)


# --- the command line --------------------------------------------------------------------------

EXAMPLE_ORGANISATION = (Path(__file__).resolve().parents[2] / "src" / "samenwerkingsmonitor"
                        / "example" / "organisatie.toml")




@pytest.fixture
def database(tmp_path: Path) -> str:
    """A migrated database with the example organisation registered, and the test framework
    written as a file next to it."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    repository = open_repository(url)
    repository.migrate()
    register_organisation(repository, EXAMPLE_ORGANISATION, "tester", "",
                          reader=read_organisation)
    repository.close()
    (tmp_path / "kader.toml").write_text(tomli_w.dumps(framework_to_dict(FRAMEWORK)),
                                         encoding="utf-8")
    return url


def test_cli_imports_then_finds_nothing_changed(cli: Cli, database: str, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, FIRST_FILE)
    options = ["--database", database, "--user", "cli-test", "import", str(path),
               "--framework", str(tmp_path / "kader.toml")]
    code, out, _ = cli(*options, "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert {k: result[k] for k in ("rows", "new", "changed", "unchanged", "batch")} == {
        "rows": 3, "new": 3, "changed": 0, "unchanged": 0, "batch": 1}
    code, out, _ = cli(*options)
    assert code == 0
    assert out.splitlines()[-1] == ("Niets gewijzigd: alle 3 waarden staan al zo opgeslagen; er "
                                    "is geen importbatch gemaakt.")


def test_cli_refusal_exits_1_with_every_problem(cli: Cli, database: str, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, [row(waarde="twaalf"), row(onderwerp="GM9999")])
    options = ["--database", database, "import", str(path), "--framework",
               str(tmp_path / "kader.toml")]
    code, out, err = cli(*options)
    assert (code, out) == (1, "")
    assert [line for line in err.splitlines() if line.startswith(("Fout", "- "))] == [
        "Fout: Het bestand metingen.csv is geweigerd: 2 problemen; er is niets opgeslagen.",
        "- metingen.csv, rij 2, kolom 'waarde': Waarde 'twaalf' is geen getal. Vul een getal in, "
        "bijvoorbeeld 1234.5, of laat de rij weg als de waarde ontbreekt.",
        "- metingen.csv, rij 3, kolom 'onderwerp': Onbekend onderwerp 'GM9999'. Registreer het "
        "onderwerp eerst in het organisatiebestand, of controleer de schrijfwijze (bijvoorbeeld "
        "GM0397 of GM0397/communicatie).",
    ]
    code, out, _ = cli(*options, "--format", "json")
    assert code == 1
    issues = json.loads(out)["issues"]
    assert [(i["row"], i["column"]) for i in issues] == [(2, "waarde"), (3, "onderwerp")]


def test_cli_dry_run_and_decimal_option(cli: Cli, database: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, [row(waarde='"1.234,5"')])  # quoted: the comma is in the value
    options = ["--database", database, "import", str(path), "--framework",
               str(tmp_path / "kader.toml"), "--format", "json"]
    assert cli(*options)[0] == 1  # a comma file: dot notation
    code, out, _ = cli(*options, "--decimal", "komma", "--dry-run")
    assert code == 0
    assert json.loads(out)["message"] == ("Proefdraai: 1 nieuw, 0 gewijzigd, 0 ongewijzigd; er "
                                          "is niets opgeslagen.")
    assert open_repository(database).dump()["batches"] == []


def test_cli_uses_the_bundled_standaardkader_by_default(cli: Cli, database: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    # Ids and units of docs/organisation-file.md; a semicolon file, so Dutch notation.
    rows = [row(indicator="inwoners", eenheid="aantal", waarde="27.286"),
            row(onderwerp="GM0397/communicatie", waarde="6,4")]
    path = write(tmp_path, rows, delimiter=";")
    code, out, _ = cli("--database", database, "import", str(path),
                       "--format", "json")
    assert (code, json.loads(out)["new"]) == (0, 2)
    values = {s.measurement.indicator: s.measurement.value
              for s in open_repository(database).current_measurements()}
    assert values == {"inwoners": 27286.0, "formatie_fte": 6.4}


@pytest.mark.parametrize(("args", "code", "expected"), [
    (["--decimal", "spatie"], 2,
     "Fout: Onbekend decimaalteken 'spatie': kies comma (komma) of point (punt)."),
    (["--format", "xml"], 2, "Fout: Onbekend formaat 'xml': kies tabel of json."),
])
def test_cli_usage_errors(cli: Cli, database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str], args: list[str], code: int,
                          expected: str) -> None:
    path = write(tmp_path, FIRST_FILE)
    result = cli("--database", database, "import", str(path), *args)
    assert (result[0], result[2].splitlines()[0]) == (code, expected)


def test_cli_refuses_an_unsupported_file_type(cli: Cli, database: str, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, FIRST_FILE, name="metingen.txt")
    code, _, err = cli("--database", database, "import", str(path),
                       "--framework", str(tmp_path / "kader.toml"))
    assert code == 1
    assert err.splitlines()[1] == (
        "- metingen.txt: Bestandstype '.txt' kan (nog) niet worden ingelezen. Lever de metingen "
        "aan als werkmap (.xlsx of .ods) met een blad Metingen, of als CSV-bestand (.csv).")


def test_cli_needs_a_registered_organisation(cli: Cli,
                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'leeg.db'}"
    open_repository(url).migrate()
    code, out, err = cli("--database", url, "import",
                         str(write(tmp_path, FIRST_FILE)))
    assert (code, out) == (1, "")
    assert err.strip() == ("Fout: Er is nog geen organisatiebestand geregistreerd. Registreer er "
                           "een met: samenwerkingsmonitor register BESTAND")


# --- the English catalogue --------------------------------------------------------------------


