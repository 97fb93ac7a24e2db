"""The Alembic migrations build exactly the schema of adapters/storage/tables.py."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from samenwerkingsmonitor.adapters.storage import migrations, open_repository
from samenwerkingsmonitor.adapters.storage.tables import metadata
from samenwerkingsmonitor.errors import StorageError

HISTORY = {"documents", "batches", "measurement_versions", "runs", "findings",
           "criterion_verdicts", "account_versions", "api_tokens", "token_revocations",
           "audit_events", "process_events", "judgements", "judgement_evidence",
           "run_statuses", "run_comments", "chain_links"}


def upgraded(url: str) -> None:
    repository = open_repository(url)
    repository.migrate()
    repository.close()


def schema_differences(url: str) -> list[object]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            return list(compare_metadata(context, metadata))
    finally:
        engine.dispose()


def trigger_names(url: str) -> set[str]:
    engine = create_engine(url)
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'trigger'" if url.startswith("sqlite")
        else "SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
             "WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace"
    )
    try:
        with engine.connect() as conn:
            return {row[0] for row in conn.execute(text(query))}
    finally:
        engine.dispose()


def test_the_scripts_live_in_the_package_and_form_one_line() -> None:
    scripts = ScriptDirectory.from_config(migrations.alembic_config())
    assert os.path.isdir(os.path.join(migrations.script_location(), "versions"))
    assert scripts.get_heads() == [migrations.head_revision()] == ["0004"]
    assert not os.path.exists(os.path.join(migrations.script_location(), "alembic.ini"))


def test_upgrade_head_builds_exactly_the_tables_of_the_code(database_url: str) -> None:
    upgraded(database_url)
    assert schema_differences(database_url) == []
    assert set(inspect(create_engine(database_url)).get_table_names()) == HISTORY | {
        "alembic_version"}


def test_every_history_table_gets_its_append_only_triggers(database_url: str) -> None:
    upgraded(database_url)
    names = trigger_names(database_url)
    if database_url.startswith("sqlite"):
        expected = {f"{t}_no_{e}" for t in HISTORY for e in ("update", "delete")}
    else:
        expected = {f"{t}_{k}" for t in HISTORY for k in ("append_only", "no_truncate")}
    assert names == expected


def test_downgrade_to_base_removes_everything_and_upgrade_restores_it(database_url: str) -> None:
    upgraded(database_url)
    engine = create_engine(database_url)
    with engine.begin() as conn:
        migrations.downgrade(conn, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert trigger_names(database_url) == set()
    with engine.begin() as conn:
        migrations.upgrade(conn)
        assert migrations.current_revision(conn) == migrations.head_revision()
    engine.dispose()
    assert schema_differences(database_url) == []


NEWER = ("De database {url} heeft schemaversie 9999, die deze versie van samenwerkingsmonitor "
         "niet kent (verwacht {head}). Werk samenwerkingsmonitor bij.")


@pytest.mark.parametrize("action", ["last_batch_id", "migrate"])
def test_a_database_of_a_newer_schema_version_is_refused(database_url: str, action: str) -> None:
    upgraded(database_url)
    engine = create_engine(database_url)
    with engine.begin() as conn:  # alembic's own bookkeeping is not history
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    repository = open_repository(database_url)
    shown = make_url(database_url).render_as_string(hide_password=True)
    with pytest.raises(StorageError) as refused:
        getattr(repository, action)()
    assert str(refused.value) == NEWER.format(url=shown, head=migrations.head_revision())
    repository.close()


def test_an_empty_sqlite_file_counts_as_not_initialised(tmp_path: object) -> None:
    path = f"{tmp_path}/leeg.db"
    open(path, "wb").close()
    with pytest.raises(StorageError, match="is nog niet ingericht"):
        open_repository(f"sqlite:///{path}").current_measurements()
