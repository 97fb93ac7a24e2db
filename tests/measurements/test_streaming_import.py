"""The streamed import (ADR 0025): chunks checked, planned and written in one transaction, still
all or nothing; duplicates across chunks found; a refusal stops after a bounded number of
problems and says how many rows it checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.intake.csv_reader import read_csv
from samenwerkingsmonitor.adapters.storage import SqlRepository, open_repository
from samenwerkingsmonitor.errors import ImportRefused
from samenwerkingsmonitor.services.measurements.importing import import_table
from support.import_fixtures import csv_text, framework, organisation, row

ORG, FRAMEWORK = organisation(), framework()
THIS_YEAR = 2021


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[SqlRepository]:
    repository = open_repository(f"sqlite:///{tmp_path / 'monitor.db'}")
    repository.migrate()
    yield repository
    repository.close()


def table(folder: Path, rows: list[dict[str, str]]):  # type: ignore[no-untyped-def]
    path = folder / "metingen.csv"
    path.write_text(csv_text(rows, ",", tuple(row())), encoding="utf-8")
    return read_csv(path)


def years(count: int, **changes: str) -> list[dict[str, str]]:
    return [row(jaar=str(1990 + i), **changes) for i in range(count)]


def test_chunks_land_together_and_match_a_single_pass(repo: SqlRepository,
                                                      tmp_path: Path) -> None:
    rows = years(30)
    result = import_table(repo, table(tmp_path, rows), ORG, FRAMEWORK, "t", "", chunk_rows=7,
                          this_year=THIS_YEAR)
    assert (result.rows, result.new, result.batch_id) == (30, 30, 1)
    stored = repo.current_measurements()
    assert sorted(s.measurement.year for s in stored) == list(range(1990, 2020))
    assert {s.batch for s in stored} == {1}
    again = import_table(repo, table(tmp_path, rows), ORG, FRAMEWORK, "t", "", chunk_rows=7,
                         this_year=THIS_YEAR)
    assert (again.new, again.changed, again.unchanged, again.batch_id) == (0, 0, 30, None)


def test_a_duplicate_in_a_later_chunk_is_refused_and_nothing_is_stored(
        repo: SqlRepository, tmp_path: Path) -> None:
    rows = years(10) + [row(jaar="1991", waarde="200")]  # rij 12 repeats rij 3
    with pytest.raises(ImportRefused) as refusal:
        import_table(repo, table(tmp_path, rows), ORG, FRAMEWORK, "t", "", chunk_rows=4,
                     this_year=THIS_YEAR)
    assert [issue.describe() for issue in refusal.value.report.issues] == [
        "metingen.csv, rij 12: Dubbele rij: GM0397, formatie_fte, 1991, realisatie staat ook "
        "in rij 3. Houd één rij per onderwerp, indicator, jaar en soort over; een correctie "
        "importeert u later met --reason."]
    assert repo.current_measurements() == [] and repo.last_batch_id() == 0


def test_a_problem_in_the_last_chunk_rolls_back_the_chunks_written_before(
        repo: SqlRepository, tmp_path: Path) -> None:
    rows = years(20) + [row(onderwerp="GM9999")]
    with pytest.raises(ImportRefused):
        import_table(repo, table(tmp_path, rows), ORG, FRAMEWORK, "t", "", chunk_rows=5,
                     this_year=THIS_YEAR)
    assert repo.current_measurements() == [] and repo.last_batch_id() == 0


def test_a_dry_run_counts_and_stores_nothing(repo: SqlRepository, tmp_path: Path) -> None:
    result = import_table(repo, table(tmp_path, years(12)), ORG, FRAMEWORK, "t", "",
                          dry_run=True, chunk_rows=5, this_year=THIS_YEAR)
    assert (result.rows, result.new, result.batch_id, result.dry_run) == (12, 12, None, True)
    assert repo.current_measurements() == [] and repo.last_batch_id() == 0


def test_the_refusal_stops_after_the_bound_and_says_how_far_it_checked(
        repo: SqlRepository, tmp_path: Path) -> None:
    rows = years(20, waarde="twaalf")  # one problem per row
    with pytest.raises(ImportRefused) as refusal:
        import_table(repo, table(tmp_path, rows), ORG, FRAMEWORK, "t", "", max_problems=5,
                     chunk_rows=3, this_year=THIS_YEAR)
    issues = [issue.describe() for issue in refusal.value.report.issues]
    assert len(issues) == 6
    assert [i.split(":")[0] for i in issues[:5]] == [
        f"metingen.csv, rij {n}, kolom 'waarde'" for n in range(2, 7)]
    assert issues[5] == (
        "metingen.csv: Gestopt na 5 problemen: 5 rijen zijn gecontroleerd; verderop in het "
        "bestand kunnen meer problemen staan. Herstel deze problemen en importeer opnieuw; "
        "--max-problems kiest een andere grens.")
    assert str(refusal.value) == ("Het bestand metingen.csv is geweigerd: 6 problemen; er is "
                                  "niets opgeslagen.")
