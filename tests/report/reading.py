"""Reading the written reports back as a reader gets them: the text of HTML, PDF (poppler's
pdftotext, with word boxes) and DOCX, for tests/report/test_council_*.py."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "test-artifacts" / "council-pages"
DAY = date(2026, 1, 15)
PARTNER = "GM0377"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils ontbreekt (scripts/system-packages.sh)")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [re.sub(r"\s+", " ", page) for page in text.split("\f")[:-1]]


def docx_text(path: Path) -> str:
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return " ".join(texts)


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def word_boxes(path: Path) -> tuple[list[tuple[float, float]], list[Word]]:
    """pdftotext -bbox: the size of each page and every word with its box."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages, words = [], []
    for match in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out,
                             re.S):
        pages.append((float(match.group(1)), float(match.group(2))))
        for w in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" '
                             r'yMax="([\d.-]+)">(.*?)</word>', match.group(3)):
            words.append(Word(len(pages), w.group(5), *(float(w.group(i)) for i in (1, 2, 3, 4))))
    return pages, words


Box = tuple[float, float, float, float]


def text_lines(path: Path) -> list[tuple[int, str, Box, list[tuple[str, float]]]]:
    """(page, text, box, [(word, size)]) per line from `pdftotext -bbox-layout`; the size of a
    word is across its line: the width of the box for a line turned 90° (a y axis title)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    number = re.compile(r'xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)"')
    found = []
    for page_number, page in enumerate(out.split("<page ")[1:], start=1):
        for line in re.findall(r"<line (.*?)</line>", page, re.S):
            x0, y0, x1, y1 = (float(v) for v in number.search(line).groups())  # type: ignore[union-attr]
            words = re.findall(r"<word ([^>]*)>(.*?)</word>", line)
            vertical = len(words) > 1 and y1 - y0 > x1 - x0
            sized = []
            for attributes, text in words:
                a, b, c, d = (float(v) for v in number.search(attributes).groups())  # type: ignore[union-attr]
                size = c - a if vertical else d - b
                if len(text) == 1:  # one glyph: its box is as high as the line either way
                    size = max(c - a, d - b)
                sized.append((text, size))
            found.append((page_number, " ".join(w for w, _s in sized), (x0, y0, x1, y1),
                          sized))
    return found


def docx_words(path: Path) -> set[str]:
    """Every word of the DOCX: body, tables, headers and footers."""
    document = Document(str(path))
    texts = [docx_text(path)]
    for section in document.sections:
        texts += [p.text for part in (section.header, section.footer) for p in part.paragraphs]
    return set(re.findall(r"[A-Za-zÀ-ÿ]+", " ".join(texts)))


def overlapping(words: list[Word]) -> list[tuple[int, str, str]]:
    """Pairs of words on one page whose boxes overlap by more than 1 pt both ways: text of one
    table cell running into the next."""
    found = []
    by_page: dict[int, list[Word]] = {}
    for word in words:
        by_page.setdefault(word.page, []).append(word)
    for page, items in by_page.items():
        items.sort(key=lambda w: w.y_min)
        for index, a in enumerate(items):
            for b in items[index + 1:]:
                if b.y_min > a.y_max - 1:
                    break
                if min(a.x_max, b.x_max) - max(a.x_min, b.x_min) > 1:
                    found.append((page, a.text, b.text))
    return found
