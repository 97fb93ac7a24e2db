"""The storage adapter on a real SQLite file (and PostgreSQL when a server is given).

Set SAMENWERKINGSMONITOR_TEST_POSTGRES_URL=postgresql+psycopg://user:pw@host/db to run every
test here against PostgreSQL too; each test then gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import itertools
import math
import os
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from samenwerkingsmonitor.adapters.storage import SqlRepository, open_repository
from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict, Finding
from samenwerkingsmonitor.domain.measurements import (
    BaselineStatus,
    Measurement,
    MeasurementKind,
    MeasurementStatus,
)
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.errors import StorageError
from samenwerkingsmonitor.services.storage.hash_chain import CHAINED
from samenwerkingsmonitor.services.storage.ports import Batch, NewVersion


@pytest.fixture
def repo(database_url: str) -> Iterator[SqlRepository]:
    repository = open_repository(database_url)
    repository.migrate()
    yield repository
    repository.close()


def measurement(subject: str = "GM0397", indicator: str = "inwoners", year: int = 2019,
                value: float | None = 27286.0, **extra: object) -> Measurement:
    fields: dict[str, object] = {
        "kind": MeasurementKind.ACTUAL, "unit": "aantal", "source": "CBS", **extra,
    }
    return Measurement(subject=subject, indicator=indicator, year=year, value=value,
                       **fields)  # type: ignore[arg-type]


def import_batch(repo: SqlRepository, name: str, versions: list[NewVersion],
                 reason: str = "") -> Batch:
    with repo.transaction():
        batch = repo.add_batch(name, "ab" * 32, "Metingen", "tester", reason, len(versions))
        repo.append_versions(batch, versions)
    return batch


def current_values(repo: SqlRepository, as_of: int | None = None) -> dict[tuple, float | None]:
    return {s.measurement.key: s.measurement.value for s in repo.current_measurements(as_of)}


# migrate and set-up


def test_migrate_is_idempotent_and_creates_the_sqlite_file(tmp_path: object) -> None:
    path = f"{tmp_path}/sub/folder/store.db"
    repository = open_repository(f"sqlite:///{path}")
    repository.migrate()
    repository.migrate()
    assert os.path.exists(path)
    assert repository.last_batch_id() == 0
    assert sorted(repository.iter_tables()) == sorted(repository.dump())
    assert all(rows == [] for rows in repository.dump().values())


@pytest.mark.parametrize("call", [
    lambda r: r.last_batch_id(),
    lambda r: r.current_measurements(),
    lambda r: r.latest_document("organisation", "organisation"),
    lambda r: r.next_run_id(),
    lambda r: r.dump(),
    lambda r: r.transaction().__enter__(),
])
def test_an_unmigrated_database_is_refused_with_the_init_hint(database_url: str, call) -> None:
    repository = open_repository(database_url)
    with pytest.raises(StorageError, match="is nog niet ingericht. Draai eerst "
                                           "`samenwerkingsmonitor init`."):
        call(repository)
    repository.close()
    if database_url.startswith("sqlite"):
        assert not os.path.exists(make_url(database_url).database or "")


@pytest.mark.parametrize(("url", "message"), [
    ("no url at all", "Ongeldige database-URL 'no url at all'"),
    ("postgresql+psycopg://nobody:secret@127.0.0.1:1/none",
     "De database postgresql+psycopg://nobody:***@127.0.0.1:1/none is niet bereikbaar: "),
])
def test_a_bad_or_unreachable_database_gives_a_dutch_message(url: str, message: str) -> None:
    with pytest.raises(StorageError, match=re.escape(message)):
        open_repository(url).migrate()


# documents


def test_document_versions_count_per_kind_and_name(repo: SqlRepository) -> None:
    first = repo.store_document("organisation", "organisation", "2024.1", "a = 1", "1" * 64,
                                "anna", "eerste registratie")
    second = repo.store_document("organisation", "organisation", "2024.2", "a = 2", "2" * 64,
                                 "bram", "nieuwe teams")
    other = repo.store_document("framework", "standaardkader", "1.0", "x = 1", "3" * 64,
                                "anna", "")
    assert [first.version, second.version, other.version] == [1, 2, 1]
    assert repo.latest_document("organisation", "organisation") == second
    assert repo.document("organisation", "organisation", 1) == first
    assert repo.document("organisation", "organisation", 3) is None
    assert repo.latest_document("framework", "onbekend") is None
    assert first.created.tzinfo is not None and first.created.utcoffset() == timedelta(0)


# measurements and history


def test_batches_number_from_one_and_versions_carry_their_provenance(
    repo: SqlRepository,
) -> None:
    assert repo.last_batch_id() == 0
    full = measurement(reference_date=date(2019, 1, 1), status=MeasurementStatus.RECONSTRUCTED,
                       variant="excl. reserves", comparable=False, note="gedeelde organisatie")
    scale = measurement(indicator="evaluatie_gehouden", value=None, scale_value="ja",
                        unit="ja_nee")
    batch = import_batch(repo, "metingen.xlsx", [NewVersion(full, 2, None),
                                                 NewVersion(scale, 3, None)], "nulmeting")
    assert repo.last_batch_id() == batch.id == 1
    stored = repo.current_measurements()
    assert [s.measurement for s in stored] == [scale, full]  # sorted by key
    first = stored[1]
    assert (first.batch, first.row, first.user, first.reason, first.supersedes) == (
        1, 2, "tester", "nulmeting", None)
    assert (first.file_name, first.sheet) == ("metingen.xlsx", "Metingen")
    assert first.created == batch.created and first.created.tzinfo is not None


def chain(repo: SqlRepository) -> list[Batch]:
    """Batch 1: 2019 = 100 and 2020 = 200; batch 2 corrects 2019 to 110; batch 3 to 120 and
    adds 2021 = 300."""
    b1 = import_batch(repo, "a.csv", [NewVersion(measurement(year=2019, value=100.0), 1, None),
                                     NewVersion(measurement(year=2020, value=200.0), 2, None)])
    v2019 = {s.measurement.year: s.version_id for s in repo.current_measurements()}[2019]
    b2 = import_batch(repo, "b.csv", [NewVersion(measurement(year=2019, value=110.0), 1,
                                                 v2019)], "typfout")
    v2019 = {s.measurement.year: s.version_id for s in repo.current_measurements()}[2019]
    b3 = import_batch(repo, "c.csv", [NewVersion(measurement(year=2019, value=120.0), 1, v2019),
                                     NewVersion(measurement(year=2021, value=300.0), 2, None)],
                      "jaarrekening")
    return [b1, b2, b3]


@pytest.mark.parametrize(("as_of", "expected"), [
    (1, {2019: 100.0, 2020: 200.0}),
    (2, {2019: 110.0, 2020: 200.0}),
    (3, {2019: 120.0, 2020: 200.0, 2021: 300.0}),
    (None, {2019: 120.0, 2020: 200.0, 2021: 300.0}),
    (0, {}),
])
def test_current_measurements_as_they_stood_after_a_batch(
    repo: SqlRepository, as_of: int | None, expected: dict[int, float]
) -> None:
    chain(repo)
    assert {key[2]: value for key, value in current_values(repo, as_of).items()} == expected


def test_history_lists_every_version_oldest_first_with_its_batch(repo: SqlRepository) -> None:
    chain(repo)
    import_batch(repo, "ander.csv", [NewVersion(measurement(indicator="formatie_fte"), 1, None)])
    rows = [(s.measurement.year, s.measurement.value, s.file_name, s.reason, s.supersedes)
            for s in repo.history("GM0397", "inwoners")]
    assert rows == [
        (2019, 100.0, "a.csv", "", None),
        (2020, 200.0, "a.csv", "", None),
        (2019, 110.0, "b.csv", "typfout", 1),
        (2019, 120.0, "c.csv", "jaarrekening", 3),
        (2021, 300.0, "c.csv", "jaarrekening", None),
    ]
    assert repo.history("GM0377", "inwoners") == []


@pytest.mark.parametrize(("versions", "message"), [
    (lambda old: [NewVersion(measurement(value=1.0), 1, old),
                  NewVersion(measurement(year=2020, value=2.0), 2, old)],
     "Een meetwaarde kan maar één keer worden vervangen"),
    (lambda old: [NewVersion(measurement(year=2020, value=1.0), 1, old)],
     "Een nieuwe versie vervangt een meetwaarde van een andere sleutel "
     r"\(onderwerp, indicator, jaar, soort\): GM0397/inwoners/2020/realisatie."),
    (lambda old: [NewVersion(measurement(value=1.0), 1, None)],
     "Deze meetwaarden zouden twee geldige versies krijgen; een nieuwe versie moet de vorige "
     "vervangen: GM0397/inwoners/2019/realisatie."),
])
def test_history_stays_one_chain_per_key_and_a_refusal_stores_nothing(
    repo: SqlRepository, versions, message: str
) -> None:
    import_batch(repo, "a.csv", [NewVersion(measurement(), 1, None)])
    old = repo.current_measurements()[0].version_id
    before = repo.dump()
    with pytest.raises(StorageError, match=message):
        import_batch(repo, "b.csv", versions(old))
    assert repo.dump() == before


# transactions


def test_a_failed_transaction_leaves_the_database_unchanged(repo: SqlRepository) -> None:
    chain(repo)
    before = repo.dump()
    with pytest.raises(RuntimeError, match="halverwege"), repo.transaction():
        repo.store_document("organisation", "organisation", "x", "t", "0" * 64, "anna", "")
        batch = repo.add_batch("d.csv", "0" * 64, None, "anna", "", 1)
        repo.append_versions(batch, [NewVersion(measurement(indicator="formatie_fte"), 1, None)])
        repo.store_run(make_run(repo.next_run_id()), [make_finding()], [make_verdict()])
        assert repo.last_batch_id() == 4  # visible inside the transaction
        raise RuntimeError("halverwege")
    assert repo.dump() == before
    assert repo.last_batch_id() == 3


def test_nested_transactions_join_the_outer_one(repo: SqlRepository) -> None:
    with pytest.raises(RuntimeError), repo.transaction():
        with repo.transaction():
            repo.add_batch("a.csv", "0" * 64, None, "anna", "", 0)
        raise RuntimeError
    assert repo.last_batch_id() == 0
    batch = repo.add_batch("b.csv", "0" * 64, None, "anna", "", 0)  # its own transaction
    # PostgreSQL does not hand out a rolled-back id again: ids rise, with gaps.
    assert repo.last_batch_id() == batch.id >= 1
    assert [row["file_name"] for row in repo.dump()["batches"]] == ["b.csv"]


# runs, findings, criterion verdicts

TRICKY_FLOATS = [0.1 + 0.2, 5e-324, 1.7976931348623157e308, -0.0, 1 / 3, 123456789.123456789]


def make_finding(subject: str = "GM0397/communicatie", indicator: str = "lasten_eur",
                 year: int = 2019, norm: str | None = "kosten-baseline",
                 value: float | None = 1 / 3) -> Finding:
    return Finding(
        subject=subject, indicator=indicator, criterion="kosten", year=year, norm=norm,
        norm_kind="relatief_nulmeting", verdict=Verdict.PARTLY_MEETS, value=value,
        scale_value=None, unit="eur", compared=0.1 + 0.2, target=5e-324,
        signal=1.7976931348623157e308, target_inclusive=True, signal_inclusive=False,
        reference=-0.0, baseline_value=123456789.123456789, baseline_year=2018,
        baseline_status=BaselineStatus.RECONSTRUCTED, norm_source="raadsbesluit 2020/12",
        rule="streef ≤ 2% groei, signaal > 5%", gap=None,
        labels=("nulmeting_gereconstrueerd", "voorlopig"),
        inputs=(("loonsom_eur", 1.5), ("inhuur_eur", None)),
        detail=(("peers_weggelaten", "GM0377"), ("opmerking", "é ü — ‘quote’")),
    )


def make_verdict(subject: str = "GM0397/communicatie", criterion: str = "kosten",
                 year: int = 2019) -> CriterionVerdict:
    return CriterionVerdict(subject=subject, criterion=criterion, year=year,
                            verdict=Verdict.NOT_ASSESSABLE, rule="zwakste_schakel",
                            counts=(("voldoet", 2), ("voldoet_niet", 0)),
                            missing=("overhead_pct",))


def make_run(run_id: str, created: datetime | None = None) -> AssessmentRun:
    return AssessmentRun(
        id=run_id, framework_id="standaardkader", framework_version="1.0",
        framework_hash="f" * 64, organisation_version="2", data_batch=3, data_hash="d" * 64,
        seed=2**70 + 1, user="anna", created=created or datetime(2024, 3, 1, 12, 30, 15, 123456,
                                                                   tzinfo=UTC),
        subjects=("GM0397", "GM0397/communicatie", "heemstede-bloemendaal"), first_year=2018,
        last_year=2022, baseline_year=2018, findings_hash="h" * 64,
        parameters={"peer_group": "omvang_25k_50k", "decimaal": "komma"},
    )


def test_a_run_with_its_findings_and_verdicts_reads_back_equal(repo: SqlRepository) -> None:
    assert repo.next_run_id() == "R-0001"
    findings = [
        make_finding(year=2020),
        make_finding(norm=None, value=None),
        make_finding(indicator="formatie_fte"),
        make_finding(subject="GM0377"),
        make_finding(),
    ]
    verdicts = [make_verdict(year=2020), make_verdict(criterion="flexibiliteit"),
                make_verdict(subject="GM0377"), make_verdict()]
    created_in_amsterdam = datetime(2024, 3, 1, 13, 30, 15, 123456,
                                    tzinfo=timezone(timedelta(hours=1)))
    run = make_run("R-0001", created_in_amsterdam)
    repo.store_run(run, findings, verdicts)

    stored = repo.run("R-0001")
    assert stored is not None and replace(stored, chain_heads=()) == run
    assert stored.chain_heads == tuple((t, 0, "0" * 64) for t in sorted(CHAINED) if t != "runs")
    assert stored is not None and stored.created.tzinfo == UTC
    assert stored.created == datetime(2024, 3, 1, 12, 30, 15, 123456, tzinfo=UTC)
    assert repo.run("latest") == stored
    assert repo.next_run_id() == "R-0002"
    assert repo.findings("R-0001") == [findings[3], findings[2], findings[1], findings[4],
                                       findings[0]]
    assert repo.criterion_verdicts("latest") == [verdicts[2], verdicts[1], verdicts[3],
                                                 verdicts[0]]
    assert [f.compared for f in repo.findings("R-0001")][:1] == [0.1 + 0.2]


def test_floats_round_trip_exactly_and_nan_is_stored_as_none(repo: SqlRepository) -> None:
    findings = [make_finding(year=2000 + i, value=v) for i, v in enumerate(TRICKY_FLOATS)]
    findings.append(make_finding(year=2099, value=math.nan))
    repo.store_run(make_run("R-0001"), findings, [])
    back = repo.findings("R-0001")
    assert [f.value for f in back[:-1]] == TRICKY_FLOATS
    assert math.copysign(1.0, back[3].value or 0.0) == 1.0  # -0.0 is stored as 0.0 everywhere
    assert back[-1].value is None
    assert back[-1] == make_finding(year=2099, value=None)


def test_latest_is_the_highest_run_number_not_the_last_in_text_order(
    repo: SqlRepository,
) -> None:
    repo.store_run(make_run("R-9999"), [], [])
    repo.store_run(make_run("R-10000"), [], [])
    assert repo.run("latest") == make_run("R-10000")
    assert repo.next_run_id() == "R-10001"
    assert repo.run("R-4") is None and repo.findings("R-4") == []


@pytest.mark.parametrize(("run_id", "message"), [
    ("R-0001", "Run R-0001 bestaat al; vraag een nieuw run-id aan."),
    ("run1", "Ongeldig run-id 'run1': verwacht R- gevolgd door cijfers, zoals R-0001."),
])
def test_a_run_id_is_new_and_well_formed(repo: SqlRepository, run_id: str, message: str) -> None:
    repo.store_run(make_run("R-0001"), [make_finding()], [])
    before = repo.dump()
    with pytest.raises(StorageError, match=message):
        repo.store_run(make_run(run_id), [make_finding()], [])
    assert repo.dump() == before


# append-only, enforced by the database itself


@pytest.mark.parametrize("table", [
    "documents", "batches", "measurement_versions", "runs", "findings", "criterion_verdicts",
])
@pytest.mark.parametrize("statement", ["UPDATE {table} SET {column} = {column}",
                                       "DELETE FROM {table}"])
def test_the_database_refuses_to_rewrite_history(
    repo: SqlRepository, database_url: str, table: str, statement: str
) -> None:
    chain(repo)
    repo.store_document("organisation", "organisation", "1", "t", "0" * 64, "anna", "")
    repo.store_run(make_run("R-0001"), [make_finding()], [make_verdict()])
    before = repo.dump()
    column = next(iter(before[table][0]))
    engine = create_engine(database_url)
    try:
        with pytest.raises(DBAPIError, match="geschiedenis is alleen-toevoegen"):
            with engine.begin() as conn:
                conn.execute(text(statement.format(table=table, column=column)))
    finally:
        engine.dispose()
    assert repo.dump() == before


def test_dump_sorts_rows_by_primary_key_and_covers_every_table(repo: SqlRepository) -> None:
    chain(repo)
    repo.store_run(make_run("R-0001"), [make_finding(year=y) for y in (2021, 2019)], [])
    dump = repo.dump()
    assert list(repo.iter_tables()) == list(dump)
    assert list(dump)[:1] == ["batches"] or list(dump).index("batches") < list(dump).index(
        "measurement_versions")
    assert [row["id"] for row in dump["measurement_versions"]] == [1, 2, 3, 4, 5]
    assert [(row["seq"], row["year"]) for row in dump["findings"]] == [(0, 2019), (1, 2021)]


# property: as_of_batch reads back every earlier state, however the corrections go

BATCHES = st.lists(
    st.dictionaries(st.integers(2018, 2022), st.floats(allow_nan=False, allow_infinity=False),
                    min_size=1, max_size=4),
    min_size=1, max_size=5,
)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=BATCHES)
def test_every_earlier_state_reads_back_after_any_corrections(
    tmp_path_factory: pytest.TempPathFactory, batches: list[dict[int, float]],
) -> None:
    repository = shared_sqlite_repository(tmp_path_factory)
    name = f"example-{next(_EXAMPLES)}"  # a fresh subject per example, never seen before
    snapshots: list[dict[int, float]] = []
    batch_ids: list[int] = []
    for values in batches:
        current = {s.measurement.year: s.version_id for s in repository.current_measurements()
                   if s.measurement.subject == name}
        versions = [
            NewVersion(measurement(subject=name, year=year, value=value), row, current.get(year))
            for row, (year, value) in enumerate(values.items())
        ]
        batch_ids.append(import_batch(repository, "p.csv", versions).id)
        snapshots.append({**(snapshots[-1] if snapshots else {}), **values})

    def state(as_of: int | None) -> dict[int, float | None]:
        return {key[2]: value for key, value in current_values(repository, as_of).items()
                if key[0] == name}

    assert [state(batch_id) for batch_id in batch_ids] == snapshots
    assert state(None) == snapshots[-1]
    assert len(repository.history(name, "inwoners")) == sum(len(v) for v in batches)


_SHARED: dict[str, SqlRepository] = {}
_EXAMPLES = itertools.count()


def shared_sqlite_repository(factory: pytest.TempPathFactory) -> SqlRepository:
    """One migrated file for all examples; each example uses its own subject."""
    if "repo" not in _SHARED:
        _SHARED["repo"] = open_repository(f"sqlite:///{factory.mktemp('prop')}/store.db")
        _SHARED["repo"].migrate()
    return _SHARED["repo"]
