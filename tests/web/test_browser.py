"""The web application in Debian's Chromium (Playwright) against a real uvicorn server on the
demo: the journeys of the issue, and every page at 1280 and 390 px with axe-core (WCAG 2.1 AA:
0 violations), no sideways scrolling of the page, no request outside the server, no CSP
violation. Screenshots go to test-artifacts/web/ to look at."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.services.access.use_cases import audit_log
from support.browser import ARTIFACTS, BROWSER_ARGS, CHROMIUM, axe_violations, readable, skip_reason
from support.web import WebDemo, make_web_demo, running_server

pytestmark = pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or "")
SHOTS = ARTIFACTS / "web"
WIDTHS = (1280, 390)
TEAM = "heemstede-bloemendaal/communicatie"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, WebDemo]]:
    folder = tmp_path_factory.mktemp("browser")
    demo = make_web_demo(f"sqlite:///{folder}/demo.db", folder)
    with running_server(demo.app(secure_cookies=True)) as url:
        yield url, demo


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield launched
        launched.close()


class Visit:
    """One person in one browser window: logs in, opens pages, checks each one."""

    def __init__(self, browser: Any, url: str, demo: WebDemo, username: str | None,
                 width: int = 1280) -> None:
        self.url, self.width, self.username = url, width, username or "anoniem"
        self.context = browser.new_context(viewport={"width": width, "height": 900},
                                           accept_downloads=True)
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.console: list[str] = []
        self.page.on("request", lambda r: None if r.url.startswith((url, "data:"))
                     else self.outside.append(r.url))
        self.page.on("console", lambda m: self.console.append(m.text))
        if username is not None:
            self.open("/login")
            self.page.fill("#username", username)
            self.page.fill("#password", demo.passwords[username])
            self.submit("main button[type=submit]")

    def open(self, path: str) -> Any:
        answer = self.page.goto(self.url + path)
        self.page.wait_for_load_state("networkidle")
        return answer

    def submit(self, selector: str) -> Any:
        """Click a button that sends a form, and wait for the page that answers."""
        with self.page.expect_navigation() as navigation:
            self.page.click(selector)
        self.page.wait_for_load_state("networkidle")
        return navigation.value

    def check(self, name: str) -> None:
        """axe 0 violations, no sideways scroll, a screenshot, nothing fetched outside."""
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}-{self.width}.png"), full_page=True)
        violations = axe_violations(self.page)
        assert violations == [], f"{name} at {self.width}px\n" + readable(violations)
        overflow = self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} at {self.width}px scrolls sideways by {overflow}px"
        assert self.outside == []
        csp = [m for m in self.console if "Content Security Policy" in m]
        assert csp == [], csp

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_is_accessible_at_both_widths(browser: Any, server: tuple[str, WebDemo],
                                                 width: int) -> None:
    url, demo = server
    anonymous = Visit(browser, url, demo, None, width)
    anonymous.open("/login")
    anonymous.check("login")
    anonymous.close()
    pages = {
        "beoordelaar": [("overzicht", "/"), ("team", f"/onderwerpen/{TEAM}"),
                        ("gemeente", "/onderwerpen/GM0397"),
                        ("samenwerking", "/onderwerpen/heemstede-bloemendaal"),
                        ("toetsingen", "/toetsingen"), ("toetsing", "/toetsingen/R-0001"),
                        ("vergelijking", "/vergelijking?a=R-0001&b=R-0001"),
                        ("kader", "/kader")],
        "invoerder-bloemendaal": [("gegevens", "/gegevens"),
                                  ("geschiedenis", f"/gegevens/geschiedenis?subject={TEAM}"
                                                   "&indicator=formatie_fte")],
        "invoerder-heemstede": [("geen-toegang", "/onderwerpen/GM0377/communicatie")],
        "beheerder": [("accounts", "/beheer/accounts"), ("logboek", "/beheer/logboek"),
                      ("niet-gevonden", "/bestaat-niet")],
    }
    for username, shown in pages.items():
        visit = Visit(browser, url, demo, username, width)
        for name, path in shown:
            visit.open(path)
            visit.check(name)
        visit.close()


def _filled_workbook(path: Path, value: object, foreign: bool) -> Path:
    """The downloaded fill-in workbook with one value filled in (or a wrong one), and, when
    `foreign`, one row about a Heemstede-only team added."""
    book = load_workbook(path)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    col = {str(h).strip().lower(): i for i, h in enumerate(headers) if h}
    target = None
    for row in sheet.iter_rows(min_row=2):
        subject, indicator = row[col["onderwerp"]].value, row[col["indicator"]].value
        if subject == TEAM and indicator == "formatie_fte":
            row[col["waarde"]].value = value
            row[col["bron"]].value = "Formatieplan 2023"
            target = row
            break
    assert target is not None, "the workbook asks formatie_fte of the shared team"
    if foreign:  # the same row again, about a team of Heemstede alone
        last = sheet.max_row + 1
        for i, cell in enumerate(target):
            sheet.cell(last, i + 1, cell.value)
        sheet.cell(last, col["onderwerp"] + 1, "GM0397/communicatie")
        sheet.cell(last, col["waarde"] + 1, 4)
    out = path.with_name(f"ingevuld-{'fout' if foreign else 'goed'}.xlsx")
    book.save(out)
    return out


def test_an_official_fills_in_the_workbook_fixes_two_errors_and_saves(
        browser: Any, server: tuple[str, WebDemo], tmp_path: Path) -> None:
    url, demo = server
    visit = Visit(browser, url, demo, "invoerder-bloemendaal")
    visit.open("/gegevens")
    visit.page.fill("#first_year", "2023")
    visit.page.fill("#last_year", "2023")
    with visit.page.expect_download() as download:
        visit.page.click("button:has-text('Invulbestand downloaden')")
    workbook = tmp_path / "invulbestand.xlsx"
    download.value.save_as(workbook)

    visit.page.set_input_files("#file", str(_filled_workbook(workbook, "negen", True)))
    visit.submit("button:has-text('Controleren')")
    problems = visit.page.locator("table.problems tbody tr")
    assert problems.count() == 2
    text = visit.page.locator("table.problems").inner_text()
    assert "dat hoort niet bij uw gemeente" in text
    visit.check("gegevens-problemen")

    visit.open("/gegevens")
    visit.page.set_input_files("#file", str(_filled_workbook(workbook, 9.5, False)))
    visit.submit("button:has-text('Controleren')")
    assert "Het bestand is goed" in visit.page.inner_text("main")
    visit.check("gegevens-controle")
    visit.page.fill("#reason", "formatie 2023 aangeleverd")
    visit.submit("button:has-text('Opslaan')")
    assert "is opgeslagen als meetbatch" in visit.page.inner_text("main")
    visit.check("gegevens-opgeslagen")
    visit.close()


def test_an_assessor_starts_an_assessment_in_the_browser(browser: Any,
                                                         server: tuple[str, WebDemo]) -> None:
    url, demo = server
    visit = Visit(browser, url, demo, "beoordelaar")
    visit.open("/toetsingen")
    visit.submit("button:has-text('Toetsing maken')")
    assert re.search(r"/toetsingen/R-\d{4}$", visit.page.url)
    assert "door beoordelaar" in visit.page.inner_text("main")
    visit.close()


def test_a_council_member_reads_the_matrix_and_downloads_the_report(
        browser: Any, server: tuple[str, WebDemo], tmp_path: Path) -> None:
    url, demo = server
    visit = Visit(browser, url, demo, "raadslid", 390)
    visit.open("/")
    matrix = visit.page.locator("table.matrix").first
    assert "voldoet" in matrix.inner_text()
    visit.open("/toetsingen/R-0001")
    with visit.page.expect_download() as download:
        visit.page.click("a[href='/toetsingen/R-0001/rapport.pdf?gemeente=GM0397']")
    saved = tmp_path / "rapport.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    visit.close()


def test_a_heemstede_official_gets_a_403_page_and_the_beheerder_sees_the_attempt(
        browser: Any, server: tuple[str, WebDemo]) -> None:
    url, demo = server
    official = Visit(browser, url, demo, "invoerder-heemstede")
    answer = official.open("/onderwerpen/GM0377/personeel-organisatie")
    assert answer.status == 403
    assert "hoort niet bij uw gemeente" in official.page.inner_text("main")
    official.close()
    beheerder = Visit(browser, url, demo, "beheerder")
    beheerder.open("/beheer/logboek")
    first = beheerder.page.locator("tbody tr").filter(has_text="forbidden").first.inner_text()
    assert "invoerder-heemstede" in first and "/onderwerpen/GM0377/personeel-organisatie" in first
    beheerder.close()
    assert audit_log(Wiring(demo.database))
