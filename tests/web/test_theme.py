"""The verdict colours of the web pages are the report's (one meaning, one colour)."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "samenwerkingsmonitor"
COLOUR = re.compile(r"(--smon-verdict-[a-z-]+):\s*([^;]+);")


def test_the_web_theme_uses_the_verdict_colours_of_the_report() -> None:
    web = dict(COLOUR.findall((PACKAGE / "web" / "static" / "theme.css").read_text()))
    report = dict(COLOUR.findall(
        (PACKAGE / "adapters" / "report" / "templates" / "report.css").read_text()))
    assert web and web == report
