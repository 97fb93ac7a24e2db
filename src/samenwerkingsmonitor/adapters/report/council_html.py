"""The Raadsrapportage as one accessible HTML file: cards that stack on a phone, tables that
turn into labelled rows at 390 px, no script, no external resource."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from markupsafe import Markup, escape

from samenwerkingsmonitor import __version__
from samenwerkingsmonitor.adapters.report.html import html_environment
from samenwerkingsmonitor.i18n import current_language, set_language
from samenwerkingsmonitor.services.report.council_model import CouncilReport
from samenwerkingsmonitor.services.report.model import DataTable

REPORT_FILE = "rapport.html"


def council_stylesheet() -> str:
    folder = resources.files("samenwerkingsmonitor") / "adapters" / "report" / "templates"
    return (folder / "council.css").read_text(encoding="utf-8")


def table_html(data: DataTable, total: bool = False) -> Markup:
    """A table with caption and scoped headers; every cell carries its column name for the
    stacked phone layout (data-label)."""
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in data.columns)
    rows = []
    for index, row in enumerate(data.rows):
        css = ' class="total"' if total and index == len(data.rows) - 1 else ""
        cells = [f'<th scope="row">{escape(row[0])}</th>']
        cells += [f'<td data-label="{escape(column)}">{escape(nobreak(cell))}</td>'
                  for column, cell in zip(data.columns[1:], row[1:], strict=False)]
        rows.append(f"<tr{css}>{''.join(cells)}</tr>")
    return Markup(f'<div class="table-wrap" tabindex="0" role="region" '
                  f'aria-label="{escape(data.caption)}"><table><caption>{escape(data.caption)}'
                  f"</caption>"
                  f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
                  f"</div>")


def nobreak(text: str) -> str:
    """An amount stays on one line with its unit: '€ 1.128.549', '7,6 %'."""
    return text.replace("€ ", "€\u00a0").replace(" %", "\u00a0%")


def render_council_html(report: CouncilReport, language: str | None = None) -> str:
    environment = html_environment()
    environment.filters["nobreak"] = nobreak
    template = environment.get_template("council.html")
    previous = current_language()
    set_language(language or previous)
    try:
        return template.render(r=report, css=Markup(council_stylesheet()), version=__version__,
                               table=table_html, report_language=current_language())
    finally:
        set_language(previous)


def write_council_html(report: CouncilReport, directory: Path,
                       name: str = REPORT_FILE) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(render_council_html(report), encoding="utf-8")
    path.chmod(0o644)
    return path
