"""Two imports at once, in two processes, on one database: one waits for the other (bounded),
each lands whole or not at all; and bulk loads by COPY on PostgreSQL store exactly what
executemany stores on SQLite (docs/adr/0014-concurrent-writes-and-bulk-loads.md).

The first import runs the real import service in a child process on the real repository,
which keeps its transaction (and so the write lock) open after writing its rows, as a long
import would, until the test releases it. The second is the real console script `import`.
Nothing depends on timing: the holder says when it holds the lock and lets go only when told,
so a loaded machine changes how long a test takes, never its outcome. On SQLite, and on
PostgreSQL when SAMENWERKINGSMONITOR_TEST_POSTGRES_URL is set (a schema per test).
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.storage import SqlRepository, open_repository
from samenwerkingsmonitor.adapters.storage.write_lock import (
    LOCK_TIMEOUT_ENV,
    lock_timeout,
)
from samenwerkingsmonitor.domain.measurements import (
    Measurement,
    MeasurementKind,
    MeasurementStatus,
)
from samenwerkingsmonitor.errors import StorageError
from samenwerkingsmonitor.services.assessment.assess import AssessmentRequest, run_assessment
from samenwerkingsmonitor.services.frameworks.load import load_framework
from samenwerkingsmonitor.services.organisation.register import (
    load_registered_organisation,
    register_organisation,
)
from samenwerkingsmonitor.services.storage.ports import Batch, NewVersion
from support.databases import needs_postgres, postgres_schema
from support.workflow import import_file

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src/samenwerkingsmonitor/example"
WAIT = 60.0  # seconds a step may take on a loaded machine before the test gives up
SPAWN = multiprocessing.get_context("spawn")


@pytest.fixture
def database_url(database_url: str) -> str:
    """The empty database of tests/conftest.py, migrated, with the example organisation."""
    return _prepared(database_url)


def _prepared(url: str) -> str:
    repo = open_repository(url)
    repo.migrate()
    register_organisation(repo, EXAMPLE / "organisatie.toml", "tester", "test",
                          reader=read_organisation)
    repo.close()
    return url


@pytest.fixture
def halves(tmp_path: Path) -> tuple[Path, Path]:
    """The example measurements split in two files with disjoint keys."""
    header, *rows = (EXAMPLE / "metingen.csv").read_text(encoding="utf-8").splitlines()
    middle = len(rows) // 2
    first, second = tmp_path / "eerste.csv", tmp_path / "tweede.csv"
    first.write_text("\n".join([header, *rows[:middle]]) + "\n", encoding="utf-8")
    second.write_text("\n".join([header, *rows[middle:]]) + "\n", encoding="utf-8")
    return first, second


class HoldingRepository(SqlRepository):
    """The real repository, held up: after writing a batch's rows it says so (event `holding`)
    and keeps its transaction open until the test sets `release`; then the import commits."""

    def __init__(self, url: str, holding: Event, release: Event) -> None:
        super().__init__(url)
        self.holding, self.release = holding, release

    def append_versions(self, batch: Batch, versions: Sequence[NewVersion],
                        check: bool = True) -> None:
        super().append_versions(batch, versions, check)
        self.holding.set()
        assert self.release.wait(WAIT), "the test never released the first import"


def import_holding_the_lock(url: str, file: Path, holding: Event, release: Event) -> None:
    """The first import, in its own process: the import service on a HoldingRepository."""
    repo = HoldingRepository(url, holding, release)
    organisation = load_registered_organisation(repo, reader=read_organisation)
    framework = load_framework("standaardkader", TomlFrameworkFiles())
    import_file(repo, file, organisation, framework, "eerste", "")
    repo.close()


@dataclass
class Holder:
    """The first import, holding the write lock until `finish()` releases it."""

    process: multiprocessing.process.BaseProcess
    release: Event

    def finish(self) -> int | None:
        self.release.set()
        self.process.join(WAIT)
        return self.process.exitcode


def start_holder(url: str, file: Path) -> Holder:
    """Start the first import; return once it holds the write lock."""
    holding, release = SPAWN.Event(), SPAWN.Event()
    process = SPAWN.Process(target=import_holding_the_lock, args=(url, file, holding, release))
    process.start()
    assert holding.wait(WAIT), "the first import never got to hold the lock"
    return Holder(process, release)


def cli_import(url: str, file: Path, **env: str) -> subprocess.Popen[str]:
    """The second import: the real console script, started and left running."""
    environment = {**os.environ, "COLUMNS": "200", **env}
    environment.pop("SAMENWERKINGSMONITOR_DATABASE", None)
    return subprocess.Popen(
        [sys.executable, "-m", "samenwerkingsmonitor", "--database", url, "--user", "tweede",
         "import", str(file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)


def data_rows(file: Path) -> int:
    return len(file.read_text(encoding="utf-8").splitlines()) - 1


def stored(url: str) -> dict[str, list[dict[str, object]]]:
    repo = open_repository(url)
    try:
        return repo.dump()
    finally:
        repo.close()


def versions_per_file(dump: dict[str, list[dict[str, object]]]) -> dict[str, int]:
    names = {b["id"]: b["file_name"] for b in dump["batches"]}
    counts: dict[str, int] = {}
    for version in dump["measurement_versions"]:
        name = str(names[version["batch_id"]])
        counts[name] = counts.get(name, 0) + 1
    return counts


def test_the_second_import_waits_for_the_first_and_both_land_whole(
        database_url: str, halves: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = halves
    holder = start_holder(database_url, first)
    importing = cli_import(database_url, second, **{LOCK_TIMEOUT_ENV: str(WAIT)})
    # It cannot finish while the first holds the lock (the next test shows it blocks there).
    assert importing.poll() is None, "the second import finished while the first held the lock"
    assert holder.finish() == 0
    out, err = importing.communicate(timeout=WAIT)
    assert importing.returncode == 0, err
    assert "Traceback" not in out + err
    dump = stored(database_url)
    assert [(b["file_name"], b["user_name"]) for b in dump["batches"]] == [
        ("eerste.csv", "eerste"), ("tweede.csv", "tweede")]
    assert versions_per_file(dump) == {"eerste.csv": data_rows(first),
                                       "tweede.csv": data_rows(second)}


def test_a_second_import_that_waits_too_long_gets_a_clear_message_and_stores_nothing(
        database_url: str, halves: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = halves
    holder = start_holder(database_url, first)
    importing = cli_import(database_url, second, **{LOCK_TIMEOUT_ENV: "0,5"})
    _out, err = importing.communicate(timeout=WAIT)  # the first holds on until released
    assert holder.finish() == 0
    assert importing.returncode == 1
    shown = make_url(database_url).render_as_string(hide_password=True)
    message = (f"Fout: De database {shown} is bezig met een andere import of wijziging. Na "
               f"0.5 seconden wachten is deze opdracht afgebroken; er is niets van "
               f"opgeslagen. Probeer het over een minuut opnieuw, of laat langer wachten met "
               f"{LOCK_TIMEOUT_ENV}=120.")
    assert " ".join(err.split()) == message
    dump = stored(database_url)
    assert [b["file_name"] for b in dump["batches"]] == ["eerste.csv"]
    assert versions_per_file(dump) == {"eerste.csv": data_rows(first)}


def test_an_import_killed_while_holding_the_lock_leaves_nothing_and_frees_the_lock(
        database_url: str, halves: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = halves
    holder = start_holder(database_url, first)
    holder.process.kill()  # SIGKILL: no rollback by the process itself
    holder.process.join(WAIT)
    importing = cli_import(database_url, second, **{LOCK_TIMEOUT_ENV: str(WAIT)})
    _out, err = importing.communicate(timeout=WAIT)
    assert importing.returncode == 0, err
    dump = stored(database_url)
    assert [b["file_name"] for b in dump["batches"]] == ["tweede.csv"]
    assert versions_per_file(dump) == {"tweede.csv": data_rows(second)}


@pytest.mark.parametrize(("value", "seconds"), [
    (None, 30.0), ("", 30.0), ("5", 5.0), ("0,5", 0.5), ("2.5", 2.5), ("0", 0.0),
])
def test_the_lock_timeout_comes_from_the_environment(
        monkeypatch: pytest.MonkeyPatch, value: str | None, seconds: float) -> None:
    if value is None:
        monkeypatch.delenv(LOCK_TIMEOUT_ENV, raising=False)
    else:
        monkeypatch.setenv(LOCK_TIMEOUT_ENV, value)
    assert lock_timeout() == seconds


@pytest.mark.parametrize("value", ["abc", "-1", "nan", "inf"])
def test_a_wrong_lock_timeout_is_refused_with_a_hint(
        monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(LOCK_TIMEOUT_ENV, value)
    with pytest.raises(StorageError) as error:
        open_repository("sqlite:///ergens.db")
    assert str(error.value) == (
        f"{LOCK_TIMEOUT_ENV} = '{value}' is geen geldige wachttijd. Geef een aantal seconden, "
        f"bijvoorbeeld {LOCK_TIMEOUT_ENV}=60.")



# --- bulk loads: COPY on PostgreSQL, executemany on SQLite, the same rows --------------------



MOMENT_BOUND = {"created", "row_hash", "chain_hash", "chain_heads"}


def without_created(dump: dict[str, list[dict[str, object]]]) -> dict[str, list[dict]]:
    """A dump without the `created` moments, which differ between two runs of the same work, and
    without the hash-chain values that cover them (ADR 0027); which links exist still counts."""
    return {name: [{k: v for k, v in row.items() if k not in MOMENT_BOUND} for row in rows]
            for name, rows in dump.items()}


def filled_by_the_services(url: str) -> dict[str, list[dict[str, object]]]:
    repo = open_repository(_prepared(url))
    files = TomlFrameworkFiles()
    organisation = load_registered_organisation(repo, reader=read_organisation)
    framework = load_framework("standaardkader", files)
    import_file(repo, EXAMPLE / "metingen.csv", organisation, framework, "tester", "")
    run_assessment(repo, AssessmentRequest(("heemstede-bloemendaal/communicatie", "GM0397"),
                                           2018, 2020, 2018), "tester",
                   framework_files=files, organisation_reader=read_organisation)
    dump = repo.dump()
    repo.close()
    return dump


@needs_postgres
def test_the_same_import_and_run_store_the_same_rows_on_both_backends(tmp_path: Path) -> None:
    on_sqlite = filled_by_the_services(f"sqlite:///{tmp_path}/store.db")
    with postgres_schema() as url:
        on_postgres = filled_by_the_services(url)
    assert len(on_sqlite["measurement_versions"]) == data_rows(EXAMPLE / "metingen.csv")
    assert on_sqlite["findings"] and on_sqlite["criterion_verdicts"]
    assert without_created(on_postgres) == without_created(on_sqlite)


AWKWARD = [  # (note, value, scale value, reference date): what COPY's text format must escape
    ("tab\there", 1.5, None, None),
    ("regel een\nregel twee\r\n", -0.0, None, date(2019, 1, 1)),
    ("backslash \\ en \\N en \\.", 5e-324, None, None),
    ("\\N", 1.7976931348623157e308, None, date(1900, 12, 31)),
    ("", None, "ja", None),
    ("aanhalingstekens \"dubbel\" en 'enkel'; komma, puntkomma", 0.1 + 0.2, None, None),
    ("ümlaut, € en 日本", float("nan"), None, None),
]


@needs_postgres
def test_copy_stores_awkward_text_and_numbers_as_executemany_does(tmp_path: Path) -> None:
    versions = [
        NewVersion(Measurement(
            subject="GM0397", indicator=f"indicator_{n}", year=2019,
            kind=MeasurementKind.ACTUAL, unit="aantal", source=f"bron {note}", value=value,
            scale_value=scale, reference_date=when, status=MeasurementStatus.ESTIMATE,
            variant=note, comparable=n % 2 == 0, note=note), n + 2, None)
        for n, (note, value, scale, when) in enumerate(AWKWARD)]
    dumps = []
    with postgres_schema() as postgres_url:
        for url in (f"sqlite:///{tmp_path}/store.db", postgres_url):
            repo = open_repository(url)
            repo.migrate()
            with repo.transaction():
                batch = repo.add_batch("lastig.csv", "ab" * 32, None, "tester", "", 7)
                repo.append_versions(batch, versions)
            dumps.append(without_created(repo.dump()))
            repo.close()
    on_sqlite, on_postgres = dumps
    assert on_postgres == on_sqlite
    assert [row["note"] for row in on_sqlite["measurement_versions"]] == [
        note for note, *_rest in AWKWARD]
