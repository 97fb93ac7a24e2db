"""The demo report in a real browser: axe-core (WCAG 2.1 A and AA rules) in Debian's Chromium.

axe-core comes from the npm registry into .cache/axe (scripts/fetch-axe.sh, pinned version) and
is injected from that local file: nothing is loaded from the network. A full-page screenshot
goes to test-artifacts/ to look at. Skipped, with the reason, when Chromium or axe is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.report.html import write_html
from samenwerkingsmonitor.services.report.build import ReportProducts
from support.browser import (  # noqa: F401  (test_council_browser imports them from here)
    ARTIFACTS,
    AXE,
    BROWSER_ARGS,
    CHROMIUM,
    TAGS,
    readable,
)
from support.browser import skip_reason as _skip_reason

pytestmark = pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")


@pytest.fixture(scope="module")
def demo_report(products: ReportProducts, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Technische bijlage of the session's demo run (tests/report/conftest.py) as HTML."""
    return write_html(products.model, tmp_path_factory.mktemp("a11y"))


def test_the_demo_report_has_no_axe_violations_at_wcag_2_1_aa(demo_report: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(demo_report.as_uri())
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                "resultTypes: ['violations']})", TAGS)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "rapport-demo.png"), full_page=True)
            (ARTIFACTS / "axe-demo.json").write_text(json.dumps(result["violations"], indent=1),
                                                     encoding="utf-8")
        finally:
            browser.close()
    assert [u for u in requests if not u.startswith("file://")] == []
    assert result["passes"], "axe ran no checks"
    assert result["violations"] == [], "\n" + readable(result["violations"])
