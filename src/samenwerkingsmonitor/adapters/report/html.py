"""The council report as one HTML file (Jinja2): semantic, accessible, no script, no CDN.

The style sheet is inlined so that rapport.html stands alone (mail it, put it on a USB stick,
open it offline). Text in the template goes through the project's gettext (jinja2.ext.i18n);
text in the model was made in the same language when the model was built.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from samenwerkingsmonitor import __version__
from samenwerkingsmonitor.adapters.report.charts import inline_svg
from samenwerkingsmonitor.i18n import current_language, gettext, set_language
from samenwerkingsmonitor.services.intake.text_cells import neutralise
from samenwerkingsmonitor.services.report.model import ReportModel, TocEntry

REPORT_FILE = "technische-bijlage.html"


def ngettext(singular: str, plural: str, count: int) -> str:
    """Dutch and English both have one plural form; the message ids are Dutch."""
    return gettext(singular) if count == 1 else gettext(plural)


def _shown(value: Any) -> Any:
    """Every value a template prints: bidirectional controls and zero-width characters in
    stored text are shown as their code (services/intake/text_cells.py, ADR 0026)."""
    if isinstance(value, Markup):
        return Markup(neutralise(str(value), invisible=True))
    if isinstance(value, str):
        return neutralise(value, invisible=True)
    return value


def html_environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("samenwerkingsmonitor", "adapters/report/templates"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=_shown,
    )
    environment.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    return environment


def stylesheet() -> str:
    folder = resources.files("samenwerkingsmonitor") / "adapters" / "report" / "templates"
    return (folder / "report.css").read_text(encoding="utf-8")


def table_of_contents(
    entries: tuple[TocEntry, ...],
) -> list[tuple[TocEntry, list[TocEntry]]]:
    """Chapters (level 2) with their sections (level 3), for a nested list."""
    chapters: list[tuple[TocEntry, list[TocEntry]]] = []
    for entry in entries:
        if entry.level <= 2 or not chapters:
            chapters.append((entry, []))
        else:
            chapters[-1][1].append(entry)
    return chapters


def chart_images(model: ReportModel) -> dict[str, Markup]:
    """Every chart of the model as inline SVG, by the anchor of its figure; the figure's
    caption names it and its summary sentence describes it (in the SVG too, for the PDF)."""
    return {
        chart.anchor: inline_svg(chart.spec, chart.anchor, f"{chart.anchor}-titel",
                                 f"{chart.anchor}-tekst", title=chart.title,
                                 description=chart.summary)
        for chart in [*(c for s in model.sections for c in s.charts),
                      *(chapter.chart for chapter in model.scenarios)]
    }


def render_html(model: ReportModel) -> str:
    """The page, with the template's own words in the language the model was built in."""
    template = html_environment().get_template("report.html")
    previous = current_language()
    set_language(model.language)
    try:
        return template.render(model=model, toc=table_of_contents(model.contents),
                               css=Markup(stylesheet()), version=__version__,
                               charts=chart_images(model))
    finally:
        set_language(previous)


def write_html(model: ReportModel, output_dir: Path) -> Path:
    """Write DIR/technische-bijlage.html (the folder is made if needed) and return its path."""
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / REPORT_FILE
    path.write_text(render_html(model), encoding="utf-8")
    return path
