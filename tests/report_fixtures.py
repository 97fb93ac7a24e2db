"""Session-scoped fixtures of the report tests (a plugin: each tests/test_report_*.py module
names it in `pytest_plugins`). Defined once here, so the assessed run, its report model and the
parsed page are built once per test session, not once per module that uses them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from samenwerkingsmonitor.services.report_model import ReportModel
    from test_report_html import Assessed, Element


@pytest.fixture(scope="session")
def assessed(tmp_path_factory: pytest.TempPathFactory) -> Assessed:
    """One run for every report test module. A test that adds runs works on a copy
    (test_report_html.copy_of), so that 'latest' stays this run."""
    from test_report_html import make_assessed

    return make_assessed(tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="session")
def model(assessed: Assessed) -> ReportModel:
    from test_report_html import build

    return build(assessed)


@pytest.fixture(scope="session")
def page(model: ReportModel) -> Element:
    from samenwerkingsmonitor.adapters.report_html import render_html
    from test_report_html import parse

    return parse(render_html(model))
