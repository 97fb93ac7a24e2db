"""Databases for tests: a new SQLite file, or a new schema on the PostgreSQL server that
`make test` starts (scripts/postgres-for-tests.sh gives its URL in POSTGRES_ENV)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_ENV = "SAMENWERKINGSMONITOR_TEST_POSTGRES_URL"
needs_postgres = pytest.mark.skipif(not os.environ.get(POSTGRES_ENV),
                                    reason=f"{POSTGRES_ENV} not set")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=needs_postgres)]
"""Parameters of a fixture that runs a test on both backends."""


def schema_url(base: str, schema: str) -> str:
    """The URL of `base` with `schema` as its search path."""
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@contextmanager
def postgres_schemas() -> Iterator[Iterator[str]]:
    """URLs of new, empty PostgreSQL schemas, as many as asked; all dropped afterwards."""
    base = os.environ[POSTGRES_ENV]
    admin = create_engine(base)
    schemas: list[str] = []

    def new_schemas() -> Iterator[str]:
        while True:
            schema = f"t_{uuid.uuid4().hex[:12]}"
            with admin.begin() as conn:
                conn.execute(text(f"CREATE SCHEMA {schema}"))
            schemas.append(schema)
            yield schema_url(base, schema)

    try:
        yield new_schemas()
    finally:
        with admin.begin() as conn:
            for schema in schemas:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@contextmanager
def postgres_schema() -> Iterator[str]:
    """The URL of one new, empty PostgreSQL schema, dropped afterwards."""
    with postgres_schemas() as urls:
        yield next(urls)
