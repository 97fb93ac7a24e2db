"""Session-scoped fixtures of the report tests. Defined once here, so the assessed run, its report
model and the parsed page are built once per test session, not once per module that uses them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

    from test_report_html import Assessed, Element

    from samenwerkingsmonitor.services.report.build import ReportProducts
    from samenwerkingsmonitor.services.report.council_model import CouncilReport
    from samenwerkingsmonitor.services.report.model import ReportModel


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
    from test_report_html import parse

    from samenwerkingsmonitor.adapters.report.html import render_html

    return parse(render_html(model))


@pytest.fixture(scope="session")
def demo_repo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The demo as `demo` makes it (with the vulnerability input), once per session."""
    from samenwerkingsmonitor.composition import Wiring
    from samenwerkingsmonitor.i18n import set_language
    from samenwerkingsmonitor.services.demo.use_cases import DemoRequest, run_demo

    set_language("nl")
    result = run_demo(DemoRequest(tmp_path_factory.mktemp("demo"), "tester", formats=()),
                      Wiring())
    return Wiring(f"sqlite:///{result.database}").repository(), result.outcome.run.id


# --- both products of the demo, for tests/report/test_council_*.py -------------------------------

@pytest.fixture(scope="session")
def products(demo_repo: tuple[object, str]) -> ReportProducts:
    from reading import DAY

    from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
    from samenwerkingsmonitor.adapters.organisation.file import read_organisation
    from samenwerkingsmonitor.i18n import set_language
    from samenwerkingsmonitor.services.report.build import build_report_products

    repo, run_id = demo_repo
    set_language("nl")
    return build_report_products(repo, run_id, framework_files=TomlFrameworkFiles(),
                                 organisation_reader=read_organisation, today=DAY)


@pytest.fixture(scope="session")
def council(products: ReportProducts) -> CouncilReport:
    return products.council


@pytest.fixture(scope="session")
def written(demo_repo: tuple[object, str]) -> dict[str, Path]:
    """Both products and the partner version in every format, as files (kept as artefacts)."""
    from reading import ARTEFACTS, DAY, PARTNER

    from samenwerkingsmonitor.composition import Wiring
    from samenwerkingsmonitor.i18n import set_language
    from samenwerkingsmonitor.services.report.use_cases import ReportRequest, write_report

    repo, run_id = demo_repo
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.iterdir():
        old.unlink()
    set_language("nl")
    wiring, formats = Wiring(opened=repo), ("html", "pdf", "docx")
    paths = write_report(ReportRequest(run_id, formats, ARTEFACTS, today=DAY, appendix=True),
                         wiring).files
    paths += write_report(ReportRequest(run_id, formats, ARTEFACTS, today=DAY,
                                        partner=PARTNER), wiring).files
    return {p.name: p for p in paths}

