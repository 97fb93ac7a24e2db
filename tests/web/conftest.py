"""The demo database with one account per role, on SQLite and on PostgreSQL, made once per
session (tests that change data make their own)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from support.databases import BACKENDS, postgres_schema
from support.web import WebDemo, make_web_demo


@pytest.fixture(scope="session", params=BACKENDS)
def web_demo(request: pytest.FixtureRequest,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDemo]:
    folder = tmp_path_factory.mktemp(f"web-{request.param}")
    if request.param == "sqlite":
        yield make_web_demo(f"sqlite:///{folder}/demo.db", folder)
        return
    with postgres_schema() as url:
        yield make_web_demo(url, folder)


@pytest.fixture(scope="session")
def sqlite_demo(tmp_path_factory: pytest.TempPathFactory) -> WebDemo:
    folder = tmp_path_factory.mktemp("web-sqlite-only")
    return make_web_demo(f"sqlite:///{folder}/demo.db", folder)


@pytest.fixture
def fresh_demo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[WebDemo]:
    """A demo of its own, for a test that changes data (upload, accounts, throttling)."""
    yield make_web_demo(f"sqlite:///{tmp_path}/demo.db", tmp_path)


@pytest.fixture(scope="session")
def web_app(web_demo: WebDemo) -> FastAPI:
    return web_demo.app()
