"""The Raadsrapportage as a tagged PDF (PDF/UA-1) through Typst (docs/adr/0017).

The CouncilReport is written out as Typst source in which every text is a string literal
(never markup), so no character of the data can change the layout; `typst.compile` makes the
PDF in well under a second. Fonts are Debian's DejaVu (fonts-dejavu-core); nothing is fetched.
A table row never breaks across pages (`breakable: false`), every table repeats its header.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import typst

from samenwerkingsmonitor.i18n import _, current_language
from samenwerkingsmonitor.services.intake.text_cells import neutralise
from samenwerkingsmonitor.services.report.council_model import CouncilReport, TeamLine
from samenwerkingsmonitor.services.report.model import DataTable, VerdictText

REPORT_FILE = "rapport.pdf"
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu",)
FILLS = {  # light backgrounds; the text stays black (contrast ≥ 4.5:1 on each)
    "voldoet": "rgb(\"#dcefdc\")", "voldoet-deels": "rgb(\"#fdf0c8\")",
    "voldoet-niet": "rgb(\"#f8d7d3\")", "niet-te-beoordelen": "rgb(\"#e4e4ea\")",
    "geen": "white",
}


def s(text: str) -> str:
    """A Typst string literal: the text as data, never as markup. An amount stays on one line
    with its unit ('€ 1.907.508', '7,6 %')."""
    return literal(text.replace("€ ", "€\u00a0").replace(" %", "\u00a0%"))


def literal(text: str) -> str:
    """A Typst string literal of the text exactly (alternative text, metadata)."""
    text = neutralise(text, invisible=True)  # stored text reads as stored (ADR 0026)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def label(anchor: str) -> str:
    return "<" + anchor + ">"


def paragraphs(texts: Iterable[str]) -> str:
    return "\n".join(f"#par({s(t)})" for t in texts if t)


def table(data: DataTable, widths: str | None = None, *, total_row: bool = False,
          first_bold: bool = True) -> str:
    """A table with caption above, header repeated on each page and rows kept whole."""
    columns = widths or f"({', '.join(['auto'] + ['1fr'] * (len(data.columns) - 1))})"
    header = ", ".join(f"[#strong({s(c)})]" for c in data.columns)
    body = []
    for index, row in enumerate(data.rows):
        last = total_row and index == len(data.rows) - 1
        cells = []
        for position, cell in enumerate(row):
            text = s(cell)
            if (position == 0 and first_bold) or last:
                text = f"strong({text})"
            cells.append(f"[#{text}]")
        body.append(", ".join(cells))
    rows = ",\n  ".join(body)
    return (f"#figure(kind: table, supplement: none, caption: figure.caption(position: top, "
            f"{s(data.caption)}),\n"
            f"table(columns: {columns}, align: left, stroke: 0.5pt + luma(150), inset: 4pt,\n"
            f"  table.header({header}),\n  {rows}))\n")


def wide_first(data: DataTable) -> str:
    """Column widths: the row header twice as wide as each value column."""
    return "(" + ", ".join(["2fr"] + ["1fr"] * (len(data.columns) - 1)) + ")"


def verdict_chip(verdict: VerdictText) -> str:
    fill = FILLS.get(verdict.css_class, "white")
    return (f"box(fill: {fill}, inset: (x: 3pt, y: 1.5pt), radius: 2pt, "
            f"{s(verdict.symbol + ' ' + verdict.label)})")


def team_block(line: TeamLine) -> str:
    """One team on the kernboodschap: the verdicts side by side, the causes below them, then
    cost and change; kept together on one page."""
    heads = ", ".join(f"text(size: 8.5pt, {s(item.criterion)})" for item in line.criteria)
    chips = ", ".join(verdict_chip(item.verdict) for item in line.criteria)
    causes = [f"[#strong({s(item.criterion + ':')}) #{s(item.cause)}]"
              for item in line.criteria if item.cause]
    cause_list = ("  #list(tight: true, " + ", ".join(causes) + ")\n") if causes else ""
    return (
        f"#block(breakable: false, width: 100%, above: 7pt, below: 3pt)[\n"
        f"  #heading(level: 3, {s(line.name)})\n"
        f"  #grid(columns: {len(line.criteria)} * (1fr,), column-gutter: 4pt, row-gutter: 2pt,\n"
        f"    {heads},\n    {chips})\n"
        f"{cause_list}"
        f"  #text(size: 9pt)[#{s(' '.join(line.cost))} #{s(' '.join(line.change))}]\n"
        f"]\n")


def council_typst(report: CouncilReport) -> str:
    """The whole Raadsrapportage as Typst source."""
    page_word = _("pagina")
    parts = [
        f"#set document(title: {s(report.title + ' – ' + report.audience)}, "
        f"author: {s(report.organisation)})",
        f"#set text(lang: {s(current_language())}, font: \"DejaVu Sans\", size: 9.5pt, "
        "hyphenate: false)",
        "#set par(justify: false, leading: 0.55em, spacing: 0.8em)",
        "#set page(paper: \"a4\", margin: (x: 1.8cm, top: 1.4cm, bottom: 1.6cm), "
        f"footer: context text(size: 8pt)[#{s(report.title)} #h(1fr) #{s(page_word)} "
        "#counter(page).display()])",
        "#set table.cell(breakable: false)",
        "#show heading.where(level: 1): set text(size: 16pt)",
        "#show heading.where(level: 2): set text(size: 13pt)",
        "#show heading.where(level: 3): set text(size: 10.5pt)",
        "#show figure: set block(breakable: true)",
        "#show figure.caption: set text(size: 9pt, weight: \"bold\")",
        "#show link: set text(fill: rgb(\"#1a4f8b\"))",
        "",
        f"#heading(level: 1, {s(report.title)})",
        f"#text(size: 11pt, {s(report.audience)})",
    ]
    if report.fictitious_text:
        parts.append(f"#block(fill: rgb(\"#fff4d6\"), inset: 4pt)[#{s(report.fictitious_text)}]")
    parts.append(f"#heading(level: 2, {s(_('Kernboodschap'))}) <kernboodschap>")
    parts.append(paragraphs(report.intro))
    parts += [team_block(line) for line in report.teams]
    parts.append(f"#heading(level: 2, {s(_('Wat vraagt dit van de raad'))}) <raad>")
    items = []
    for point in report.decisions:
        where = (f"link({label(point.anchor)})[#{s(_('Zie'))} #{s('‘' + point.where + '’')}, "
                 f"#{s(page_word)} #context counter(page).at({label(point.anchor)}).first()]")
        items.append(f"[#{s(point.text)} #{where}.]")
    if items:
        parts.append("#enum(tight: false, " + ", ".join(items) + ")")
    for page in report.team_pages:
        parts.append("#pagebreak()")
        parts.append(f"#heading(level: 2, {s(page.name)}) {label(page.anchor)}")
        parts.append(paragraphs((page.intro,)))
        parts.append(table(page.verdicts))
        if page.causes:
            parts.append(f"#heading(level: 3, {s(_('Waarom niet voldoet'))})")
            parts.append("#list(" + ", ".join(f"[#{s(c)}]" for c in page.causes) + ")")
        if page.trends:
            parts.append(f"#heading(level: 3, {s(_('Wat veranderde sinds de nulmeting'))})")
            parts.append("#list(" + ", ".join(f"[#{s(c)}]" for c in page.trends) + ")")
        parts.append(f"#heading(level: 3, {s(_('Kosten'))})")
        parts.append(table(page.cost, first_bold=True))
        parts.append(f"#heading(level: 3, {s(_('Kwetsbaarheid'))})")
        parts.append(paragraphs((page.vulnerability,)))
        if page.vulnerability_table is not None:
            parts.append(table(page.vulnerability_table, wide_first(page.vulnerability_table)))
    parts.append("#pagebreak()")
    parts.append(f"#heading(level: 2, {s(_('Kosten van de samenwerking'))}) <kosten>")
    parts.append(paragraphs(report.costs_intro))
    parts.append(table(report.costs_current, total_row=True))
    parts.append(table(report.costs_constant, wide_first(report.costs_constant)))
    parts.append(f"#heading(level: 2, {s(_('Proces en betrokkenheid van de raad'))}) <proces>")
    parts.append(paragraphs(report.process))
    parts.append(table(report.process_table, wide_first(report.process_table)))
    parts.append(f"#heading(level: 2, {s(_('Normen die de raad nog vaststelt'))}) <normen>")
    parts.append(paragraphs(report.norms_text))
    parts.append(table(report.norms_table, wide_first(report.norms_table)))
    parts.append(f"#heading(level: 2, {s(_('Hoe leest u dit rapport'))}) <lezen>")
    parts.append(paragraphs(report.how_to_read))
    legend = ", ".join(f"[#{verdict_chip(v)}]" for v in report.legend)
    parts.append(f"#grid(columns: 4, column-gutter: 6pt, {legend})")
    facts = ", ".join(f"[#strong({s(k)})], [#{s(v)}]" for k, v in report.facts)
    parts.append(f"#heading(level: 3, {s(_('Over deze toetsing'))})")
    parts.append(f"#grid(columns: (auto, 1fr), column-gutter: 8pt, row-gutter: 3pt, {facts})")
    return "\n".join(parts) + "\n"


def council_pdf_bytes(report: CouncilReport) -> bytes:
    source = council_typst(report)
    fonts = [d for d in FONT_DIRS if os.path.isdir(d)]
    return typst.compile(source.encode("utf-8"), font_paths=fonts, pdf_standards=["ua-1"])


def write_council_pdf(report: CouncilReport, directory: Path, name: str = REPORT_FILE) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(council_pdf_bytes(report))
    path.chmod(0o644)
    return path
