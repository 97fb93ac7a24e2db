"""The chapter Scenario's of the Technische bijlage in DOCX (issue 13), as
adapters/report/templates/report_scenarios.html prints it."""

from __future__ import annotations

from docx.document import Document

from samenwerkingsmonitor.adapters.report.docx_parts import (
    CellText,
    add_caption,
    add_picture_with_alt,
    add_table,
    usable_width_cm,
)
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.report.model import DataTable, ReportModel


def _table(document: Document, table: DataTable) -> None:
    rows = [[CellText(row[0], bold=True), *row[1:]] for row in table.rows]
    add_table(document, table.caption, table.columns, rows)


def scenarios_chapter(document: Document, model: ReportModel) -> None:
    from samenwerkingsmonitor.adapters.report.charts import chart_png  # altair loads slowly

    document.add_paragraph(_(
        "Elke raad weegt de criteria op zijn eigen manier, en de cijfers van een vorm die er "
        "nog niet is, zijn onzeker. Daarom is elke vorm vele duizenden keren doorgerekend: "
        "telkens met een weging die past bij wat de raad zei, en met cijfers binnen hun "
        "bandbreedte. Het percentage zegt hoe vaak een vorm dan de beste keuze is."))
    for chapter in model.scenarios:
        document.add_heading(chapter.title, level=2)
        if chapter.fictitious:
            document.add_paragraph(_("Fictief voorbeeld: alle waarden en wegingen van deze "
                                     "scenarioset zijn verzonnen."))
        for sentence in chapter.summary:
            document.add_paragraph(sentence)
        chart = chapter.chart
        add_caption(document, chart.title)
        add_picture_with_alt(document, chart_png(chart.spec), chart.summary, chart.title,
                             width_cm=min(16.0, usable_width_cm(document)))
        for note in chart.notes:
            document.add_paragraph(note, style="List Bullet")
        for table in (chart.table, *chapter.acceptability, chapter.weights, chapter.values,
                      chapter.transition):
            _table(document, table)
        document.add_paragraph(chapter.record)
