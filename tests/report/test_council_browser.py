"""Both products' HTML in Debian's Chromium at 1280 px and at 390 px (a phone): axe-core finds
no WCAG 2.1 AA violation, nothing needs sideways scrolling, and on a phone every team's verdicts
are on the screen as stacked cards. Screenshots go to test-artifacts/ to look at."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_report_a11y import ARTIFACTS, AXE, BROWSER_ARGS, CHROMIUM, TAGS, _skip_reason, readable

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.report.council_html import write_council_html
from samenwerkingsmonitor.adapters.report.html import write_html
from samenwerkingsmonitor.i18n import set_language
from samenwerkingsmonitor.services.report.build import build_report_products

pytestmark = pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def pages(demo_repo: tuple[object, str], tmp_path_factory: pytest.TempPathFactory
          ) -> dict[str, Path]:
    repo, run_id = demo_repo
    set_language("nl")
    products = build_report_products(repo, run_id, framework_files=TomlFrameworkFiles(),
                                     organisation_reader=read_organisation,
                                     today=date(2026, 1, 15))
    folder = tmp_path_factory.mktemp("html")
    return {"rapport": write_council_html(products.council, folder),
            "technische-bijlage": write_html(products.model, folder)}


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield launched
        launched.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_raadsrapportage_fits_the_screen_without_axe_violations(
        browser, pages: dict[str, Path], width: int) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(pages["rapport"].as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                           "resultTypes: ['violations']})", TAGS)
    overflow = page.evaluate("document.documentElement.scrollWidth - "
                             "document.documentElement.clientWidth")
    cards = page.evaluate("[...document.querySelectorAll('.card')].map(c => "
                          "[c.getBoundingClientRect().left, c.getBoundingClientRect().right])")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"raadsrapportage-{width}.png"), full_page=True)
    page.close()
    assert result["violations"] == [], "\n" + readable(result["violations"])
    assert overflow <= 0
    assert cards and all(0 <= left and right <= width for left, right in cards)
    if width == 390:  # stacked: one card per row
        assert len({left for left, _right in cards}) == 1


@pytest.mark.parametrize("width", WIDTHS)
def test_the_verdict_matrices_of_the_appendix_fit_without_sideways_scrolling(
        browser, pages: dict[str, Path], width: int) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(pages["technische-bijlage"].as_uri())
    wider = page.evaluate("[...document.querySelectorAll('#oordelen table')].filter(t => "
                          "t.getBoundingClientRect().right > document.documentElement"
                          ".clientWidth + 1).map(t => t.querySelector('caption')?.textContent)")
    overflow = page.evaluate("document.documentElement.scrollWidth - "
                             "document.documentElement.clientWidth")
    page.screenshot(path=str(ARTIFACTS / f"technische-bijlage-{width}.png"))
    page.close()
    assert overflow <= 0
    assert wider == []


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_text_stays_readable_on_every_screen(
        browser, pages: dict[str, Path], width: int) -> None:  # type: ignore[no-untyped-def]
    """On a phone a chart keeps its text at 12 px or more and scrolls sideways inside its own
    focusable region; the page itself does not scroll sideways."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(pages["technische-bijlage"].as_uri())
    # the font size each text is drawn at: its own size times the scale of its chart
    smallest = page.evaluate(
        "Math.min(...[...document.querySelectorAll('.chart-image svg')].flatMap(svg => {"
        " const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;"
        " return [...svg.querySelectorAll('text')].map(t =>"
        " scale * parseFloat(getComputedStyle(t).fontSize)); }))")
    regions = page.evaluate("[...document.querySelectorAll('.chart-image')].every(r => "
                            "r.tabIndex === 0 && r.getAttribute('role') === 'region')")
    overflow = page.evaluate("document.documentElement.scrollWidth - "
                             "document.documentElement.clientWidth")
    page.locator(".chart-figure").first.screenshot(
        path=str(ARTIFACTS / f"technische-bijlage-grafiek-{width}.png"))
    page.close()
    assert smallest >= 12, f"chart text of {smallest:.1f} px at {width} px"
    assert regions and overflow <= 0
