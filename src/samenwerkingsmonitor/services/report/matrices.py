"""The verdict matrices of the report model: subject × criterion × year, one per kind of
subject (teams, municipalities, cooperations)."""

from __future__ import annotations

from collections.abc import Sequence

from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict
from samenwerkingsmonitor.domain.framework import Framework
from samenwerkingsmonitor.domain.organisation import Subject, SubjectKind
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.review import Review
from samenwerkingsmonitor.services.report.labels import rule_label, verdict_text
from samenwerkingsmonitor.services.report.model import (
    MatrixCell,
    MatrixRow,
    MatrixSubject,
    VerdictMatrix,
)
from samenwerkingsmonitor.services.report.names import (
    anchor,
    criterion_name,
    criterion_position,
    indicator_name,
)
from samenwerkingsmonitor.services.report.review_text import judged_cell

KIND_ORDER = (SubjectKind.TEAM, SubjectKind.MUNICIPALITY, SubjectKind.COOPERATION)
"""The order of the report: teams first, then municipalities, then cooperations."""

_MATRIX_ANCHORS = {SubjectKind.TEAM: "teams", SubjectKind.MUNICIPALITY: "gemeenten",
                   SubjectKind.COOPERATION: "samenwerkingen"}


def _matrix_titles(kind: SubjectKind) -> tuple[str, str]:
    titles = {
        SubjectKind.TEAM: (_("Teams"), _("Oordeel per team, criterium en jaar")),
        SubjectKind.MUNICIPALITY: (_("Gemeenten"), _("Oordeel per gemeente, criterium en jaar")),
        SubjectKind.COOPERATION: (_("Samenwerkingen"),
                                  _("Oordeel per samenwerking, criterium en jaar")),
    }
    return titles[kind]


def verdict_matrices(run: AssessmentRun, framework: Framework,
                     verdicts: Sequence[CriterionVerdict], review: Review | None,
                     subjects: list[Subject], anchors: dict[str, str]) -> tuple[VerdictMatrix, ...]:
    """Subject × criterion × year per kind of subject, judged verdicts shown as judgements."""
    years = tuple(range(run.first_year, run.last_year + 1))
    by_key = {(v.subject, v.criterion, v.year): v for v in verdicts}
    matrices = []
    for kind in KIND_ORDER:
        rows_of = [
            MatrixSubject(s.id, s.name, anchors[s.id], _matrix_rows(s.id, years, by_key,
                                                                     framework, review))
            for s in subjects if s.kind is kind
        ]
        if not rows_of:
            continue
        title, caption = _matrix_titles(kind)
        matrices.append(VerdictMatrix(kind.value, anchor("oordelen", _MATRIX_ANCHORS[kind]), title,
                                      caption, years, tuple(rows_of)))
    return tuple(matrices)


def _matrix_rows(subject: str, years: tuple[int, ...],
                 by_key: dict[tuple[str, str, int], CriterionVerdict],
                 framework: Framework, review: Review | None = None) -> tuple[MatrixRow, ...]:
    criteria = sorted({c for s, c, _y in by_key if s == subject},
                      key=lambda c: criterion_position(framework, c))
    rows = []
    for criterion in criteria:
        cells = tuple(judged_cell(_cell(by_key.get((subject, criterion, year)), year, framework),
                                  review.judgement_of(by_key[subject, criterion, year])
                                  if review and (subject, criterion, year) in by_key else None)
                      for year in years)
        rule = next((by_key[(subject, criterion, y)].rule for y in years
                     if (subject, criterion, y) in by_key), "")
        rows.append(MatrixRow(criterion, criterion_name(framework, criterion),
                              rule_label(rule), cells))
    return tuple(rows)


def _cell(verdict: CriterionVerdict | None, year: int, framework: Framework) -> MatrixCell:
    if verdict is None:
        return MatrixCell(year, verdict_text(None))
    note = ""
    if verdict.missing:  # by name: a reader never sees an indicator id
        note = _("niet te beoordelen: {indicators}").format(
            indicators=", ".join(indicator_name(framework, i) for i in verdict.missing))
    return MatrixCell(year, verdict_text(verdict.verdict), note)
