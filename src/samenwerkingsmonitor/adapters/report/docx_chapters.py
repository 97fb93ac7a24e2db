"""The chapters of the DOCX report, one writer per chapter anchor of the report model.

The words are the HTML template's (same gettext message ids), so the three formats say the same.
Verdicts are text and symbol, with the colour pair of the HTML's design tokens as an extra.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from docx.document import Document

from samenwerkingsmonitor.adapters.report.docx_parts import (
    Cell,
    CellText,
    add_caption,
    add_picture_with_alt,
    add_table,
    usable_width_cm,
    verdict_colours,
)
from samenwerkingsmonitor.adapters.report.html import stylesheet
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.report.model import (
    ChartFigure,
    DataTable,
    ReportModel,
    SubjectSection,
    VerdictText,
)


@lru_cache(maxsize=1)
def _colours() -> dict[str, tuple[str, str]]:
    return verdict_colours(stylesheet())


def verdict_cell(verdict: VerdictText, small: Sequence[str] = ()) -> CellText:
    colours = _colours().get(verdict.css_class)
    text = f"{verdict.symbol} {verdict.label}".strip()
    if colours is None:
        return CellText(text, tuple(small), bold=True)
    return CellText(text, tuple(small), fill=colours[1], color=colours[0], bold=True)


def number(text: str) -> CellText:
    return CellText(text, align_right=True)


def _paragraphs(document: Document, texts: Sequence[str]) -> None:
    for text in texts:
        if text:
            document.add_paragraph(text)


# --- summary and verdicts -------------------------------------------------------------------

def summary_chapter(document: Document, model: ReportModel) -> None:
    _paragraphs(document, model.summary)
    document.add_paragraph(
        _("Elk oordeel staat er als tekst en als symbool; de kleur is een extra hulpmiddel."))
    for verdict in model.legend:
        document.add_paragraph(f"{verdict.symbol} {verdict.label}", style="List Bullet")
    document.add_heading(_("Oordelen van een beoordelaar"), level=2)
    _paragraphs(document, (model.judgements_note,))
    for judgement in model.judgements:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(_("Oordeel van de beoordelaar:")).bold = True
        paragraph.add_run(f" {judgement}")
    if model.comments:
        document.add_heading(_("Opmerkingen van de begeleidingsgroep"), level=2)
        for remark in model.comments:
            document.add_paragraph(remark, style="List Bullet")
    document.add_heading(_("Signalen"), level=2)
    _paragraphs(document, (model.signals_note,))
    for signal in model.signals:
        document.add_paragraph(signal, style="List Bullet")


def matrices_chapter(document: Document, model: ReportModel) -> None:
    document.add_paragraph(_("Per onderwerp en jaar het oordeel over elk criterium, samengesteld "
                             "uit de bevindingen volgens de regel van het kader (zie de regels "
                             "achterin)."))
    for matrix in model.matrices:
        document.add_heading(matrix.title, level=2)
        rows: list[list[Cell]] = []
        for subject in matrix.subjects:
            for index, row in enumerate(subject.rows):
                cells: list[Cell] = [CellText(subject.name if index == 0 else "", bold=True),
                                     CellText(row.criterion, bold=True)]
                for cell in row.cells:
                    small = [cell.note] if cell.note else []
                    if cell.judgement:
                        small.append(cell.judgement)
                    cells.append(verdict_cell(cell.verdict, small))
                rows.append(cells)
        columns = [_("Onderwerp"), _("Criterium"), *(str(y) for y in matrix.years)]
        width = usable_width_cm(document)
        first = width * 0.15
        years = [(width - 2 * first) / max(len(matrix.years), 1)] * len(matrix.years)
        add_table(document, matrix.caption, columns, rows, [first, first, *years])


# --- findings per subject -------------------------------------------------------------------

FINDING_FIRST_WIDTHS = (0.15, 0.20)  # indicator, norm and baseline; the years share the rest


def findings_chapter(document: Document, model: ReportModel) -> None:
    document.add_paragraph(_("Per indicator de norm en de nulmeting, en per jaar de waarde en "
                             "het oordeel. Onder de tabel staat de toelichting bij elk oordeel "
                             "dat niet 'voldoet' is, en bij elke waarde met een kanttekening "
                             "over de kwaliteit van de gegevens; een oordeel 'voldoet' volgt uit "
                             "waarde en norm."))
    for section in model.sections:
        document.add_heading(section.name, level=2)
        document.add_paragraph(section.context)
        if section.findings:
            _findings_table(document, section)
            _explanations(document, section)
        else:
            document.add_paragraph(_("Voor dit onderwerp zijn geen bevindingen opgeslagen."))
        _charts(document, section)


def _findings_table(document: Document, section: SubjectSection) -> None:
    """Indicator × year: value and verdict per cell, norm and baseline per row."""
    rows_of = section.finding_rows
    years = section.years or tuple(sorted({f.year for f in section.findings}))
    columns = [_("Indicator"), _("Norm en nulmeting"), *(str(y) for y in years)]
    rows: list[list[Cell]] = []
    for r in rows_of:
        baseline = f"{_('Nulmeting:')} {r.baseline_text or _('per jaar, zie de toelichting')}"
        cells: list[Cell] = [CellText(r.indicator, (r.criterion,), bold=True),
                             CellText(r.norm_text or _("per jaar, zie de cel"), (baseline,))]
        for f in r.cells:
            if f is None:
                cells.append(_("geen bevinding"))
                continue
            small = [f.value_text]
            if not r.norm_text:
                small.append(f.norm_text)
            if f.quality:
                small.append(", ".join(f.quality))
            cells.append(verdict_cell(f.verdict, small))
        rows.append(cells)
    width = usable_width_cm(document)
    first = [width * share for share in FINDING_FIRST_WIDTHS]
    rest = (width - sum(first)) / max(len(years), 1)
    add_table(document, _("Bevindingen voor %(subject)s") % {"subject": section.name}, columns,
              rows, [*first, *([rest] * len(years))])


def _explanations(document: Document, section: SubjectSection) -> None:
    document.add_heading(_("Toelichting bij de oordelen"), level=3)
    if not section.explained:
        document.add_paragraph(_("Elke bevinding voldoet, zonder kanttekening bij de gegevens."))
    for f in section.explained:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{f.verdict.symbol} {f.verdict.label}").bold = True
        paragraph.add_run(f" {f.explanation}")


def _charts(document: Document, section: SubjectSection) -> None:
    if not section.charts:
        return
    from samenwerkingsmonitor.adapters.report.charts import chart_png  # altair loads slowly

    document.add_heading(_("Trends van de kernindicatoren"), level=3)
    document.add_paragraph(_(
        "Elke grafiek toont de waarden per jaar met de nulmeting, de streef- en signaalwaarde "
        "en, waar de norm die heeft, de vergelijkbare gemeenten. Lijnen verschillen in kleur én "
        "streepjespatroon; punten in kleur én vorm. Onder elke grafiek staan dezelfde gegevens "
        "als tabel."))
    for chart in section.charts:
        add_caption(document, chart.title)
        add_picture_with_alt(document, chart_png(chart.spec), chart.summary, chart.title,
                             width_cm=min(16.0, usable_width_cm(document)))
        document.add_paragraph(chart.summary)
        for note in chart.notes:
            document.add_paragraph(note, style="List Bullet")
        _data_table(document, chart)


def _data_table(document: Document, chart: ChartFigure) -> None:
    _plain_table(document, chart.table)


def _plain_table(document: Document, table: DataTable) -> None:
    rows = [[CellText(row[0], bold=True), *row[1:]] for row in table.rows]
    add_table(document, table.caption, table.columns, rows)


# --- vulnerability, costs, paragraaf bedrijfsvoering, verbonden partijen, process -----------
# (the words of adapters/report/templates/report_parts.html)

def vulnerability_chapter(document: Document, model: ReportModel) -> None:
    _paragraphs(document, (model.vulnerability_note,))
    add_table(document, _("Stand van de kwetsbaarheidsanalyse per team"),
              [_("Team"), _("Kwetsbaarheid (alleen en samen)")],
              [[entry.name, entry.status] for entry in model.vulnerability])
    for entry in model.vulnerability:
        if entry.table is not None:
            add_table(document, entry.table.caption, list(entry.table.columns),
                      [list(row) for row in entry.table.rows])


def costs_chapter(document: Document, model: ReportModel) -> None:
    _paragraphs(document, (model.costs_note,))
    if not model.costs:
        document.add_paragraph(_("Er zijn geen kosten aangeleverd voor de onderwerpen van deze "
                                 "toetsing."))
    for block in model.costs:
        document.add_heading(block.name, level=2)
        columns = [_("Jaar"), _("Begroting"), _("Realisatie"), _("Verschil"),
                   _("Begroting, constante prijzen"), _("Realisatie, constante prijzen")]
        rows: list[list[Cell]] = [
            [CellText(str(r.year), bold=True), number(r.budget), number(r.actual),
             number(r.difference), number(r.budget_constant), number(r.actual_constant)]
            for r in block.rows]
        add_table(document, block.caption, columns, rows)
        _paragraphs(document, (block.note,))
        if block.shares:
            shares: list[list[Cell]] = [
                [CellText(str(s.year), bold=True), s.partner, number(s.share), number(s.amount),
                 s.basis] for s in block.shares]
            add_table(document, _("Verdeling van de realisatie van %(team)s over de partners "
                                  "(verdeelsleutel)") % {"team": block.name},
                      [_("Jaar"), _("Partner"), _("Aandeel"), _("Bedrag"), _("Grondslag")],
                      shares)


def operations_chapter(document: Document, model: ReportModel) -> None:
    document.add_paragraph(_("De verplichte beleidsindicatoren voor de bedrijfsvoering, klaar om "
                             "over te nemen in de paragraaf bedrijfsvoering van begroting en "
                             "jaarrekening: norm, waarde per jaar, nulmeting en toelichting."))
    if not model.operations:
        document.add_paragraph(_("Deze toetsing beoordeelt geen gemeenten; er is geen tabel voor "
                                 "de paragraaf bedrijfsvoering."))
    for table in model.operations:
        columns = [_("Indicator"), _("Streefwaarde"), *(str(y) for y in table.years),
                   _("Nulmeting"), _("Toelichting")]
        rows: list[list[Cell]] = [
            [CellText(r.indicator, bold=True), r.target, *(number(v) for v in r.values),
             r.baseline, r.explanation] for r in table.rows]
        add_table(document, table.caption, columns, rows)


def related_parties_chapter(document: Document, model: ReportModel) -> None:
    document.add_paragraph(_("Per samenwerkingsverband de gegevens voor de paragraaf verbonden "
                             "partijen, zoals ze golden in het laatste jaar van de toetsing."))
    if not model.related_parties:
        document.add_paragraph(_("Er zijn geen samenwerkingsverbanden bij de onderwerpen van "
                                 "deze toetsing."))
    for party in model.related_parties:
        document.add_heading(f"{party.name} ({party.year})", level=2)
        for fact in party.facts:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.space_after = 0
            paragraph.add_run(fact.label).bold = True
            document.add_paragraph(fact.value)


def process_chapter(document: Document, model: ReportModel) -> None:
    process = model.process
    document.add_heading(_("Evaluatiemomenten"), level=2)
    if process.evaluations:
        add_table(document, _("Geplande evaluaties en of ze op tijd zijn gehouden"),
                  [_("Evaluatie"), _("Samenwerking"), _("Gepland"), _("Gehouden"), _("Stand"),
                   _("Document")],
                  [[e.title, e.cooperation, e.planned, e.held, e.status, e.document]
                   for e in process.evaluations])
    else:
        document.add_paragraph(_("Er zijn geen evaluatiemomenten vastgelegd."))
    document.add_heading(_("Begeleidingsgroep uit de raad"), level=2)
    if process.guidance_groups:
        add_table(document, _("Begeleidingsgroepen van raadsleden"),
                  [_("Samenwerking"), _("Ingesteld"), _("Leden"), _("Besluit"),
                   _("Bijeenkomsten")],
                  [[g.cooperation, g.established, number(str(g.members)), g.decision, g.meetings]
                   for g in process.guidance_groups])
    else:
        document.add_paragraph(_("Er is geen begeleidingsgroep uit de raad vastgelegd."))
    document.add_heading(_("Raadsinformatiebrieven en raadsbesluiten"), level=2)
    if process.council_documents:
        add_table(document, _("Brieven aan en besluiten van de raad over de samenwerking"),
                  [_("Nummer"), _("Soort"), _("Datum"), _("Gemeente"), _("Onderwerp"),
                   _("Samenwerking")],
                  [[d.number, d.kind, d.date, d.municipality, d.subject, d.cooperation]
                   for d in process.council_documents])
    else:
        document.add_paragraph(_("Er zijn geen raadsinformatiebrieven of raadsbesluiten "
                                 "vastgelegd."))


# --- appendices -------------------------------------------------------------------------------

def appendix_norms(document: Document, model: ReportModel) -> None:
    document.add_paragraph(_("Alle normen van het toetsingskader in de versie die deze toetsing "
                             "gebruikte, met bron en eigenaar. Normen gemarkeerd als voorbeeldnorm "
                             "zijn voorbeeldwaarden: de raad stelt de waarde vast."))
    rows: list[list[Cell]] = []
    for n in model.norms:
        mark = (f"({_('voorbeeldnorm')})",) if n.example else ()
        applied = _("ja") if n.applied else _("nee, niet in deze toetsing")
        rows.append([CellText(n.indicator, mark, bold=True), n.criterion, n.kind, n.target,
                     n.signal, f"{n.source_kind}: {n.source}", n.owner, applied, n.description])
    add_table(document, _("Normen van het toetsingskader"),
              [_("Indicator"), _("Criterium"), _("Soort norm"), _("Streefwaarde"),
               _("Signaalwaarde"), _("Bron"), _("Eigenaar"), _("Toegepast"), _("Toelichting")],
              rows)


def appendix_rules(document: Document, model: ReportModel) -> None:
    add_table(document, _("Hoe de bevindingen samen het oordeel over een criterium geven"),
              [_("Criterium"), _("Regel"), _("Uitleg")],
              [[r.criterion, r.rule, r.explanation] for r in model.rules])


def appendix_gaps(document: Document, model: ReportModel) -> None:
    if not model.gaps:
        document.add_paragraph(_("Er ontbreken geen gegevens."))
        return
    document.add_paragraph(_("Deze bevindingen zijn niet te beoordelen omdat gegevens ontbreken. "
                             "Ze tellen nooit als voldoende."))
    add_table(document, _("Ontbrekende gegevens per onderwerp, indicator en jaar"),
              [_("Onderwerp"), _("Indicator"), _("Jaar"), _("Wat ontbreekt")],
              [[g.subject, g.indicator, number(str(g.year)), g.gap] for g in model.gaps])


def appendix_provenance(document: Document, model: ReportModel) -> None:
    document.add_paragraph(_("De metingen zoals ze golden na de laatste meetbatch van deze "
                             "toetsing, per onderwerp en bestand: hoeveel waarden, uit welke "
                             "jaren, batches en brondocumenten."))
    document.add_paragraph(_(
        "Elke afzonderlijke waarde (%(count)s in totaal) staat met bron, bestand, blad en rij, "
        "batch, versie en de bevindingen die haar gebruiken in het bestand %(file)s naast dit "
        "rapport. Met het versienummer vindt de beheerder elke waarde terug in de opgeslagen "
        "geschiedenis.")
        % {"count": len(model.provenance), "file": model.provenance_file})
    if not model.provenance_groups:
        document.add_paragraph(_("Deze toetsing gebruikte geen opgeslagen metingen."))
        return
    add_table(document, _("Gebruikte metingen per onderwerp en bestand"),
              [_("Onderwerp"), _("Bestand"), _("Batch"), _("Waarden"), _("Jaren"), _("Bronnen")],
              [[CellText(g.subject, bold=True), g.file_name, number(g.batches),
                number(str(g.values)), g.years, "; ".join(g.sources)]
               for g in model.provenance_groups])
