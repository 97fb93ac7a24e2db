"""The council report as plain data: built once from a stored run, rendered by any renderer.

The model holds what the report says, not how it looks: every text is already made (in the
language that was active when the model was built, through gettext), every verdict carries its
code, its label and a symbol, and every number the text shows is also kept raw, so that a later
renderer (PDF, DOCX, charts; issue 6) can draw from the same facts. Nothing here imports a
rendering library; services/report/build.py fills it, adapters/report_*.py render it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.services.report.fact import Fact  # noqa: F401  (re-exported)
from samenwerkingsmonitor.services.report.model_costs import (  # noqa: F401  (re-exported)
    CostBlock,
    CostRow,
    OperationsRow,
    OperationsTable,
    PartnerShare,
)
from samenwerkingsmonitor.services.report.model_process import (  # noqa: F401  (re-exported)
    CouncilDocumentEntry,
    EvaluationEntry,
    GuidanceGroupEntry,
    ProcessSection,
    RelatedParty,
)


@dataclass(frozen=True, slots=True)
class VerdictText:
    """A verdict as shown: the code (None for 'not part of this run'), label and symbol.

    Colour is up to the renderer; label and symbol make sure colour is never the only carrier.
    """

    code: Verdict | None
    label: str
    symbol: str

    @property
    def css_class(self) -> str:
        return self.code.value.replace("_", "-") if self.code else "geen"


@dataclass(frozen=True, slots=True)
class Cover:
    title: str
    organisation: str  # the organisation file's title
    subjects: str  # municipalities and cooperations the report is about
    period: str
    baseline_year: int
    framework: str  # title, id and version
    adoption: str  # concept or vastgesteld, with the decision
    report_status: str  # concept (definitief comes with assessor sign-off, a later issue)
    run_id: str
    data_version: str  # "batch 3 · 4d5e6c4d5b61"
    run_date: str
    report_date: str
    fictitious: bool
    fictitious_text: str
    facts: tuple[Fact, ...]  # the lines above, in display order


@dataclass(frozen=True, slots=True)
class TocEntry:
    anchor: str
    title: str
    level: int  # 2 for a chapter, 3 for a section in it


@dataclass(frozen=True, slots=True)
class MatrixCell:
    year: int
    verdict: VerdictText
    note: str = ""  # e.g. which indicators could not be judged
    judgement: str = ""  # an assessor's judgement, marked as such (a later issue)


@dataclass(frozen=True, slots=True)
class MatrixRow:
    criterion_id: str
    criterion: str
    rule: str  # the roll-up rule, as text
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True, slots=True)
class MatrixSubject:
    subject_id: str
    name: str
    anchor: str  # of the subject's section with findings
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True, slots=True)
class VerdictMatrix:
    """Subject × criterion × year for one kind of subject (teams, municipalities, ...)."""

    kind: str  # "team", "municipality", "cooperation"
    anchor: str
    title: str
    caption: str
    years: tuple[int, ...]
    subjects: tuple[MatrixSubject, ...]


@dataclass(frozen=True, slots=True)
class FindingEntry:
    """One stored finding with its explanation; raw numbers kept for tables and charts."""

    indicator_id: str
    indicator: str
    criterion: str
    year: int
    verdict: VerdictText
    value_text: str
    norm_text: str
    baseline_text: str
    explanation: str
    quality: tuple[str, ...]  # data-quality labels as text
    gap: str  # why it could not be judged, as text; "" when judged
    value: float | None
    scale_value: str | None
    unit: str
    target: float | None
    signal: float | None
    baseline_value: float | None
    norm_id: str = ""

    @property
    def needs_explanation(self) -> bool:
        """Shown with its explanation in the compact report: not 'voldoet', a data-quality
        label or a gap. A plain 'voldoet' is explained by its value and norm in the table."""
        return self.verdict.code is not Verdict.MEETS or bool(self.quality) or bool(self.gap)


@dataclass(frozen=True, slots=True)
class FindingRow:
    """One indicator of a subject over the years of the run: the compact findings table.

    `norm_text` and `baseline_text` are the texts all years share, "" when they differ per
    year (a peer norm's percentiles): then every cell shows its own."""

    indicator_id: str
    indicator: str
    criterion: str
    norm_text: str
    baseline_text: str
    cells: tuple[FindingEntry | None, ...]  # one per year of the section, None: no finding
    norm_id: str = ""  # an indicator with two norms (nulmeting and begroting) has two rows


@dataclass(frozen=True, slots=True)
class DataTable:
    """A small table of text: a chart's data (its text alternative) or a cost table.

    The first cell of every row is its row header."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class ChartFigure:
    """A trend chart as data: a Vega-Lite specification (plain JSON, renderer-independent)
    and its text alternatives. adapters/report/charts.py turns the spec into SVG or PNG."""

    anchor: str  # id of the figure; renderers derive the ids of its parts from it
    indicator_id: str
    title: str
    summary: str  # one or two sentences: the alt text (DOCX) and the SVG's description
    table: DataTable  # the data of the chart as a table
    notes: tuple[str, ...]  # values shown apart as not comparable (with the reason), caveats
    spec: dict[str, Any] = field(compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class SubjectSection:
    anchor: str
    subject_id: str
    name: str
    kind: str  # "team", "municipality", "cooperation"
    kind_label: str
    context: str  # e.g. "gedeeld team van Ambtelijke samenwerking Heemstede-Bloemendaal"
    findings: tuple[FindingEntry, ...]
    charts: tuple[ChartFigure, ...] = ()
    years: tuple[int, ...] = ()  # the run's years: the columns of the compact table

    @property
    def finding_rows(self) -> tuple[FindingRow, ...]:
        """The findings as indicator × norm × year, in the order of `findings`: one row per
        norm, so an indicator judged against its nulmeting and its begroting has two rows."""
        years = self.years or tuple(sorted({f.year for f in self.findings}))
        by_indicator: dict[tuple[str, str], dict[int, FindingEntry]] = {}
        for entry in self.findings:
            by_indicator.setdefault((entry.indicator_id, entry.norm_id), {})[entry.year] = entry
        rows = []
        for cells in by_indicator.values():
            first = next(iter(cells.values()))
            norms = {c.norm_text for c in cells.values()}
            baselines = {c.baseline_text for c in cells.values()}
            rows.append(FindingRow(
                first.indicator_id, first.indicator, first.criterion,
                norms.pop() if len(norms) == 1 else "",
                baselines.pop() if len(baselines) == 1 else "",
                tuple(cells.get(year) for year in years), first.norm_id))
        return tuple(rows)

    @property
    def explained(self) -> tuple[FindingEntry, ...]:
        """The findings whose explanation the compact report prints (needs_explanation)."""
        return tuple(f for f in self.findings if f.needs_explanation)


@dataclass(frozen=True, slots=True)
class NormEntry:
    norm_id: str
    indicator: str
    criterion: str
    kind: str
    target: str
    signal: str
    source_kind: str
    source: str
    owner: str
    example: bool
    description: str
    applied: bool = True  # applied in this run; the appendix lists every norm of the framework


@dataclass(frozen=True, slots=True)
class RuleEntry:
    criterion: str
    rule: str
    explanation: str


@dataclass(frozen=True, slots=True)
class GapEntry:
    subject: str
    indicator: str
    year: int
    gap: str


@dataclass(frozen=True, slots=True)
class ProvenanceEntry:
    subject: str
    indicator: str
    year: int
    kind: str
    value: str
    status: str
    source: str
    file_name: str
    batch: int
    version: int
    subject_id: str = ""
    indicator_id: str = ""
    number: float | None = None  # the stored value itself (None for a scale answer)
    unit: str = ""
    sheet: str = ""
    row: int | None = None  # row of the file it was read from
    used_in: tuple[str, ...] = ()  # findings that drew on it: "subject/indicator/year"


@dataclass(frozen=True, slots=True)
class ProvenanceGroup:
    """The measurements of one subject from one file: the compact provenance in the report.
    Every single value, with its version id, is in the provenance file next to the report."""

    subject: str
    file_name: str
    batches: str  # "1" or "1, 3"
    values: int
    years: str  # "2018–2022"
    sources: tuple[str, ...]  # the source documents named, in order


@dataclass(frozen=True, slots=True)
class VulnerabilityEntry:
    """Vulnerability of one team (aggregates only, alone versus pooled), or why it is absent."""

    subject_id: str
    name: str
    status: str
    measured: bool = False
    table: DataTable | None = None  # measures × (pooled, each municipality alone)


@dataclass(frozen=True)
class ScenarioChapter:
    """One stored scenario run (issue 13) as a chapter of the Technische bijlage: the answer
    in words, the values with their sources, the weights of each council, the rank
    acceptabilities per council (a chart and its data), the frictiekosten, and the record."""

    anchor: str
    title: str
    subject_id: str
    fictitious: bool
    summary: tuple[str, ...]  # the headline, the confidence sentences, the method
    weights: DataTable  # per council: the weights in words and their source
    values: DataTable  # per alternative and criterion: the range and where it comes from
    chart: ChartFigure  # rank acceptabilities per council side by side
    acceptability: tuple[DataTable, ...]  # per council: alternative × rank, and confidence
    transition: DataTable  # the frictiekosten model: every input and the total
    record: str  # the run id, who and when, the file and its SHA-256, the seed
    decision: str  # the decision point of the kernboodschap


@dataclass(frozen=True, slots=True)
class ReportModel:
    language: str
    cover: Cover
    summary: tuple[str, ...]
    contents: tuple[TocEntry, ...]
    legend: tuple[VerdictText, ...]
    matrices: tuple[VerdictMatrix, ...]
    sections: tuple[SubjectSection, ...]
    norms: tuple[NormEntry, ...]
    rules: tuple[RuleEntry, ...]
    gaps: tuple[GapEntry, ...]
    provenance: tuple[ProvenanceEntry, ...]
    run_id: str
    provenance_groups: tuple[ProvenanceGroup, ...] = ()
    provenance_file: str = "herkomst.csv"  # every value of `provenance`, next to the report
    previous_run_id: str | None = None  # the last earlier run of the same subjects/framework
    judgements: tuple[str, ...] = ()  # assessor judgements, each with the computed verdict
    judgements_note: str = ""
    judgements_current: int = 0  # the first this many of `judgements` hold; the rest superseded
    comments: tuple[str, ...] = ()  # the guidance group's comments while ter bespreking
    signals: tuple[str, ...] = ()  # one sentence per signal, naming its finding
    signals_note: str = ""
    vulnerability: tuple[VulnerabilityEntry, ...] = ()
    vulnerability_note: str = ""
    costs: tuple[CostBlock, ...] = ()
    costs_note: str = ""
    operations: tuple[OperationsTable, ...] = ()
    related_parties: tuple[RelatedParty, ...] = ()
    process: ProcessSection = field(default_factory=ProcessSection)
    scenarios: tuple[ScenarioChapter, ...] = ()  # stored scenario runs of the run's subjects
