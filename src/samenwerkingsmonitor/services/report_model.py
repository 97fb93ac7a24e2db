"""The council report as plain data: built once from a stored run, rendered by any renderer.

The model holds what the report says, not how it looks: every text is already made (in the
language that was active when the model was built, through gettext), every verdict carries its
code, its label and a symbol, and every number the text shows is also kept raw, so that a later
renderer (PDF, DOCX, charts; issue 6) can draw from the same facts. Nothing here imports a
rendering library; services/report_build.py fills it, adapters/report_*.py render it.
"""

from __future__ import annotations

from dataclasses import dataclass

from samenwerkingsmonitor.domain.verdicts import Verdict


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
class Fact:
    """One labelled line, e.g. on the cover ("Toetsing", "R-0001")."""

    label: str
    value: str


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


@dataclass(frozen=True, slots=True)
class SubjectSection:
    anchor: str
    subject_id: str
    name: str
    kind: str  # "team", "municipality", "cooperation"
    kind_label: str
    context: str  # e.g. "gedeeld team van Ambtelijke samenwerking Heemstede-Bloemendaal"
    findings: tuple[FindingEntry, ...]


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
