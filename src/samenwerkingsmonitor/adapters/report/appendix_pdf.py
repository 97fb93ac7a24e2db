"""The Technische bijlage as a tagged PDF (PDF/UA-1) through Typst (docs/adr/0017).

The full ReportModel, chapter by chapter, as Typst source: every text a string literal, every
table with a repeated header row and rows that never break, charts as SVG images with their
summary as alternative text, wide chapters on landscape pages, and a table of contents that
Typst fills in with page numbers. WeasyPrint (adapters/report/pdf.py) printed the same model in
about 16 s; this takes about a second.
"""

from __future__ import annotations

import os
from pathlib import Path

import typst

from samenwerkingsmonitor.adapters.report.charts import chart_svg
from samenwerkingsmonitor.adapters.report.council_pdf import (
    FONT_DIRS,
    literal,
    paragraphs,
    s,
    table,
    wide_first,
)
from samenwerkingsmonitor.i18n import _, current_language, set_language
from samenwerkingsmonitor.services.report.model import (
    DataTable,
    ReportModel,
    SubjectSection,
    VerdictMatrix,
)

REPORT_FILE = "technische-bijlage.pdf"
CHART_WIDTH = "62%"  # of a landscape page: chart text of 14 px is then about 9 pt


def heading(level: int, text: str, anchor: str = "") -> str:
    return f"#heading(level: {level}, {s(text)})" + (f" <{anchor}>" if anchor else "")


def verdict_cell(symbol: str, text: str, note: str = "") -> str:
    small = f" #linebreak() #text(size: 8pt, {s(note)})" if note else ""
    return f"[#{s(symbol + ' ' + text)}{small}]"


def matrix(m: VerdictMatrix) -> str:
    columns = (_("Onderwerp"), _("Criterium"), *(str(y) for y in m.years))
    body = []
    for subject in m.subjects:
        for index, row in enumerate(subject.rows):
            cells = [f"[#strong({s(subject.name if index == 0 else '')})]",
                     f"[#{s(row.criterion)}]"]
            cells += [verdict_cell(c.verdict.symbol, c.verdict.label, c.note) for c in row.cells]
            body.append(", ".join(cells))
    return _raw_table(m.caption, columns, body, "(1.3fr, 1.3fr" + ", 1fr" * len(m.years) + ")")


def _raw_table(caption: str, columns: tuple[str, ...], body: list[str], widths: str) -> str:
    header = ", ".join(f"[#strong({s(c)})]" for c in columns)
    rows = ",\n  ".join(body)
    return (f"#figure(kind: table, supplement: none, caption: figure.caption(position: top, "
            f"{s(caption)}),\ntable(columns: {widths}, align: left, stroke: 0.5pt + luma(150), "
            f"inset: 3pt,\n  table.header({header}),\n  {rows}))\n")


def findings(section: SubjectSection) -> str:
    years = section.years
    columns = (_("Indicator"), _("Norm"), _("Nulmeting"), *(str(y) for y in years))
    body = []
    for row in section.finding_rows:
        cells = [f"[#strong({s(row.indicator)})]", f"[#{s(row.norm_text or '–')}]",
                 f"[#{s(row.baseline_text or '–')}]"]
        for cell in row.cells:
            if cell is None:
                cells.append("[–]")
                continue
            note = "; ".join(cell.quality)
            if not row.norm_text and cell.norm_text:
                note = "; ".join(n for n in (cell.norm_text, note) if n)
            cells.append(verdict_cell(cell.verdict.symbol, f"{cell.value_text} "
                                      f"{cell.verdict.label}", note))
        body.append(", ".join(cells))
    caption = _("Bevindingen voor %(subject)s") % {"subject": section.name}
    return _raw_table(caption, columns, body, "(1.4fr, 1.6fr, 1.2fr" + ", 1fr" * len(years) + ")")


def alt_text(figure: object) -> str:
    """Title and summary, as the SVG's own title says them."""
    return f"{figure.title}. {figure.summary.rstrip('.')}."  # type: ignore[attr-defined]


def chart(figure: object, width: str = CHART_WIDTH) -> str:
    svg = chart_svg(figure.spec)  # type: ignore[attr-defined]
    notes = "".join(f"[#{s(n)}], " for n in figure.notes)  # type: ignore[attr-defined]
    return (
        f"#block(breakable: false)[\n"
        f"#figure(image(bytes({s(svg)}), format: \"svg\", width: {width}, "
        f"alt: {literal(alt_text(figure))}), numbering: none, "  # type: ignore[attr-defined]
        f"caption: figure.caption(position: top, {s(figure.title)}))\n"  # type: ignore[attr-defined]
        f"#par({s(figure.summary)})\n"  # type: ignore[attr-defined]
        + (f"#list({notes})\n" if notes else "")
        + table(figure.table)  # type: ignore[attr-defined]
        + "]\n")


def _facts(facts: tuple[tuple[str, str], ...]) -> str:
    cells = ", ".join(f"[#strong({s(k)})], [#{s(v)}]" for k, v in facts)
    return f"#grid(columns: (auto, 1fr), column-gutter: 8pt, row-gutter: 4pt, {cells})\n"


def header(model: ReportModel) -> str:
    """The fictitious mark at the top of every page, when the organisation file says so."""
    if not model.cover.fictitious:
        return ""
    return (f", header: align(right, text(size: 8pt, weight: \"bold\", "
            f"{s(_('Fictieve voorbeelddata'))}))")


def appendix_typst(model: ReportModel) -> str:
    parts = [
        f"#set document(title: {literal(model.cover.title + ' – ' + model.cover.run_id)}, "
        f"author: {literal(model.cover.organisation)})",
        f"#set text(lang: {s(model.language)}, font: \"DejaVu Sans\", size: 9pt, "
        "hyphenate: false)",
        "#set par(leading: 0.55em, spacing: 0.8em)",
        "#set page(paper: \"a4\", margin: (x: 1.6cm, top: 1.5cm, bottom: 1.6cm), "
        f"footer: context text(size: 8pt)[#{s(model.cover.title)} #h(1fr) "
        "#counter(page).display(\"1 / 1\", both: true)]" + header(model) + ")",
        "#set table.cell(breakable: false)",
        # a word longer than its column is hyphenated (Dutch patterns), never run into the next
        f"#show table: set text(hyphenate: true, lang: {s(model.language)})",
        "#show heading.where(level: 1): set text(size: 16pt)",
        "#show heading.where(level: 2): set text(size: 13pt)",
        "#show heading.where(level: 3): set text(size: 11pt)",
        "#show figure: set block(breakable: true)",
        "#show figure.caption: set text(size: 9pt, weight: \"bold\")",
        heading(1, model.cover.title),
        f"#text(size: 11pt, {s(model.cover.organisation)})",
    ]
    if model.cover.fictitious:
        parts.append(f"#block(fill: rgb(\"#fff4d6\"), inset: 4pt)"
                     f"[#{s(model.cover.fictitious_text)}]")
    parts.append(_facts(tuple((f.label, f.value) for f in model.cover.facts)))
    # the contents' title is no heading: the report has one level-1 heading, its title
    parts.append(f"#v(8pt) #text(size: 13pt, weight: \"bold\", {s(_('Inhoud'))})")
    parts.append("#outline(title: none, depth: 2)")
    parts.append("#pagebreak()")
    parts += [heading(2, _("Samenvatting"), "samenvatting"), paragraphs(model.summary)]
    parts += _review(model)
    parts.append("#set page(flipped: true)")
    parts.append(heading(2, _("Oordelen per criterium"), "oordelen"))
    for m in model.matrices:
        parts += [heading(3, m.title, m.anchor), matrix(m)]
    parts.append("#pagebreak()")
    parts.append(heading(2, _("Bevindingen per onderwerp"), "bevindingen"))
    for section in model.sections:
        parts += [heading(3, section.name, section.anchor), paragraphs((section.context,)),
                  findings(section)]
        if section.explained:
            parts.append(f"#strong({s(_('Toelichting bij de oordelen'))})")
            parts.append("#list(" + ", ".join(
                f"[#{s(f'{e.indicator} {e.year}: {e.explanation}')}]"
                for e in section.explained) + ")")
        parts += [chart(c) for c in section.charts]
    parts.append("#set page(flipped: false)")
    if model.vulnerability:
        parts += [heading(2, _("Kwetsbaarheid per team"), "kwetsbaarheid"),
                  paragraphs((model.vulnerability_note,))]
        for entry in model.vulnerability:
            parts.append(paragraphs((f"{entry.name}: {entry.status}",)))
            if entry.table is not None:
                parts.append(table(entry.table, wide_first(entry.table)))
    parts += [heading(2, _("Kosten"), "kosten"), paragraphs((model.costs_note,))]
    for block in model.costs:
        parts.append(heading(3, block.name, block.anchor))
        parts.append(table(DataTable(block.caption, (
            _("Jaar"), _("Begroting"), _("Realisatie"), _("Verschil"),
            _("Begroting, constante prijzen"), _("Realisatie, constante prijzen")),
            tuple((str(r.year), r.budget, r.actual, r.difference, r.budget_constant,
                   r.actual_constant) for r in block.rows))))
        if block.shares:
            parts.append(table(DataTable(
                _("Verdeling van de realisatie van %(team)s over de partners (verdeelsleutel)") % {
                    "team": block.name},
                (_("Jaar"), _("Partner"), _("Aandeel"), _("Bedrag"), _("Grondslag")),
                tuple((str(x.year), x.partner, x.share, x.amount, x.basis)
                      for x in block.shares))))
        if block.note:
            parts.append(paragraphs((block.note,)))
    parts.append("#set page(flipped: true)")  # nine columns: a landscape page
    parts.append(heading(2, _("Paragraaf bedrijfsvoering"), "paragraaf-bedrijfsvoering"))
    for op in model.operations:
        parts.append(heading(3, op.name, op.anchor))
        parts.append(table(DataTable(op.caption, (
            _("Indicator"), _("Norm"), *(str(y) for y in op.years), _("Nulmeting"),
            _("Toelichting")),
            tuple((r.indicator, r.target, *r.values, r.baseline, r.explanation)
                  for r in op.rows)),
            "(1.6fr, 1.3fr" + ", 1fr" * len(op.years) + ", 1.3fr, 2.6fr)"))
    parts.append("#set page(flipped: false)")
    parts.append(heading(2, _("Verbonden partijen"), "verbonden-partijen"))
    for party in model.related_parties:
        parts += [heading(3, f"{party.name} ({party.year})", party.anchor),
                  _facts(tuple((f.label, f.value) for f in party.facts))]
    parts += _process(model) + _scenarios(model) + _appendices(model)
    return "\n".join(parts) + "\n"


def _bullets(items: tuple[str, ...]) -> str:
    return "#list(" + ", ".join(f"[#{s(item)}]" for item in items) + ")"


def _review(model: ReportModel) -> list[str]:
    """Assessor judgements (each with the computed verdict), comments and signals."""
    parts = [heading(3, _("Oordelen van een beoordelaar"), "oordelen-beoordelaar"),
             paragraphs((model.judgements_note,))]
    if model.judgements:
        parts.append("#list(" + ", ".join(
            f"[#strong({s(_('Oordeel van de beoordelaar:'))}) #{s(j)}]"
            for j in model.judgements) + ")")
    if model.comments:
        parts += [heading(3, _("Opmerkingen van de begeleidingsgroep"),
                          "opmerkingen-begeleidingsgroep"), _bullets(model.comments)]
    parts += [heading(3, _("Signalen"), "signalen"), paragraphs((model.signals_note,))]
    if model.signals:
        parts.append(_bullets(model.signals))
    return parts


def _process(model: ReportModel) -> list[str]:
    process = model.process
    parts = [heading(2, _("Proces en betrokkenheid van de raad"), "proces")]
    if process.evaluations:
        parts.append(table(DataTable(
            _("Geplande evaluaties en of ze op tijd zijn gehouden"),
            (_("Samenwerking"), _("Evaluatie"), _("Gepland"), _("Gehouden"), _("Stand"),
             _("Stuk")),
            tuple((e.cooperation, e.title, e.planned, e.held, e.status, e.document)
                  for e in process.evaluations))))
    if process.guidance_groups:
        parts.append(table(DataTable(
            _("Begeleidingsgroepen van raadsleden"),
            (_("Samenwerking"), _("Ingesteld"), _("Leden"), _("Besluit"), _("Bijeenkomsten")),
            tuple((g.cooperation, g.established, str(g.members), g.decision, g.meetings)
                  for g in process.guidance_groups))))
    if process.council_documents:
        parts.append(table(DataTable(
            _("Brieven aan en besluiten van de raad over de samenwerking"),
            (_("Soort"), _("Nummer"), _("Datum"), _("Gemeente"), _("Onderwerp"),
             _("Samenwerking")),
            tuple((d.kind, d.number, d.date, d.municipality, d.subject, d.cooperation)
                  for d in process.council_documents))))
    return parts


def _scenarios(model: ReportModel) -> list[str]:
    """The chapter Scenario's (issue 13), as the HTML prints it."""
    if not model.scenarios:
        return []
    parts = [heading(2, _("Scenario's"), "scenarios"), paragraphs((_(
        "Elke raad weegt de criteria op zijn eigen manier, en de cijfers van een vorm die er "
        "nog niet is, zijn onzeker. Daarom is elke vorm vele duizenden keren doorgerekend: "
        "telkens met een weging die past bij wat de raad zei, en met cijfers binnen hun "
        "bandbreedte. Het percentage zegt hoe vaak een vorm dan de beste keuze is."),))]
    for chapter in model.scenarios:
        parts.append(heading(3, chapter.title, chapter.anchor))
        if chapter.fictitious:
            parts.append(paragraphs((_("Fictief voorbeeld: alle waarden en wegingen van deze "
                                       "scenarioset zijn verzonnen."),)))
        parts += [paragraphs(chapter.summary), chart(chapter.chart, "100%"),
                  *(table(t) for t in chapter.acceptability), table(chapter.weights),
                  table(chapter.values), table(chapter.transition),
                  paragraphs((chapter.record,))]
    return parts


def _appendices(model: ReportModel) -> list[str]:
    yes, no = _("ja"), _("nee")
    parts = ["#set page(flipped: true)",
             heading(2, _("Bijlage: toetsingskader en normen"), "normen"),
             table(DataTable(_("Normen van het toetsingskader"), (
                 _("Indicator"), _("Criterium"), _("Soort"), _("Streefwaarde"),
                 _("Signaalwaarde"), _("Bron"), _("Eigenaar"), _("Voorbeeld"),
                 _("Toegepast")),
                 tuple((n.indicator, n.criterion, n.kind, n.target, n.signal,
                        f"{n.source_kind}: {n.source}", n.owner, yes if n.example else no,
                        yes if n.applied else no) for n in model.norms))),
             "#set page(flipped: false)",
             heading(2, _("Regels voor het oordeel per criterium"), "regels"),
             table(DataTable(_("Hoe de bevindingen samen het oordeel over een criterium geven"),
                             (_("Criterium"), _("Regel"), _("Uitleg")),
                             tuple((r.criterion, r.rule, r.explanation) for r in model.rules))),
             heading(2, _("Ontbrekende gegevens"), "ontbrekende-gegevens"),
             table(DataTable(_("Ontbrekende gegevens per onderwerp, indicator en jaar"),
                             (_("Onderwerp"), _("Indicator"), _("Jaar"), _("Wat ontbreekt")),
                             tuple((g.subject, g.indicator, str(g.year), g.gap)
                                   for g in model.gaps))),
             heading(2, _("Herkomst van de gegevens"), "herkomst"),
             table(DataTable(_("Gebruikte metingen per onderwerp en bestand"),
                             (_("Onderwerp"), _("Bestand"), _("Batch"), _("Waarden"),
                              _("Jaren"), _("Bronnen")),
                             tuple((g.subject, g.file_name, g.batches, str(g.values), g.years,
                                    "; ".join(g.sources)) for g in model.provenance_groups)),
                   "(1.4fr, 1fr, auto, auto, auto, 3.6fr)")]
    return parts


def appendix_pdf_bytes(model: ReportModel) -> bytes:
    previous = current_language()
    set_language(model.language)
    try:
        source = appendix_typst(model)
    finally:
        set_language(previous)
    fonts = [d for d in FONT_DIRS if os.path.isdir(d)]
    return typst.compile(source.encode("utf-8"), font_paths=fonts, pdf_standards=["ua-1"])


def write_appendix_pdf(model: ReportModel, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / REPORT_FILE
    path.write_bytes(appendix_pdf_bytes(model))
    path.chmod(0o644)
    return path
