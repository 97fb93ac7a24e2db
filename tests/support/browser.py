"""Debian's Chromium driven by Playwright, and axe-core injected from a local file: the parts
every browser test shares. Nothing is loaded from the network; a test that lacks a part is
skipped with the reason."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]


def skip_reason() -> str | None:
    if shutil.which(CHROMIUM) is None:
        return f"Chromium ontbreekt ({CHROMIUM}); installeer Debian's chromium"
    if not AXE.is_file():
        return f"axe-core ontbreekt ({AXE}); draai scripts/fetch-axe.sh"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright ontbreekt in de venv"
    return None


def readable(violations: list[dict[str, object]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:5]:  # type: ignore[index]
            lines.append(f"    {node['target']}: {node['failureSummary']}")  # type: ignore[index]
    return "\n".join(lines)


def axe_violations(page: object) -> list[dict[str, object]]:
    """axe-core's WCAG 2.1 A/AA violations of the page now shown (a Playwright Page)."""
    # Evaluated through the browser's devtools protocol, which a page's Content-Security-Policy
    # does not govern: a <script> tag would be refused, rightly, by the web application's CSP.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")  # type: ignore[attr-defined]
    result = page.evaluate(  # type: ignore[attr-defined]
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
        "resultTypes: ['violations']})", TAGS)
    assert result["passes"], "axe ran no checks"
    return result["violations"]  # type: ignore[no-any-return]
