"""The verdict matrix on the terminal (subject × criterion × year), verdict as text, and the
progress line of a run."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rich.table import Table

from samenwerkingsmonitor.cli.app import console
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.i18n import _

if TYPE_CHECKING:  # services load their libraries when a command runs, not for --help
    pass


if TYPE_CHECKING:  # the engine (polars) is imported when a command runs, not for --help
    from samenwerkingsmonitor.services.assessment.assess import AssessmentOutcome

STYLE = {Verdict.MEETS: "green", Verdict.PARTLY_MEETS: "yellow",
         Verdict.DOES_NOT_MEET: "red", Verdict.NOT_ASSESSABLE: "dim"}
SHORT = {Verdict.MEETS: "V", Verdict.PARTLY_MEETS: "VD", Verdict.DOES_NOT_MEET: "VN",
         Verdict.NOT_ASSESSABLE: "NTB"}


def print_matrix(outcome: AssessmentOutcome) -> None:
    """One table per subject: criteria (in framework order, by name) × years. A year in which
    the subject did not exist, or the criterion does not apply, shows "n.v.t."."""
    from samenwerkingsmonitor.services.assessment.code_words import verdict_label
    run, verdicts = outcome.run, outcome.criterion_verdicts
    years = list(range(run.first_year, run.last_year + 1))
    by_key = {(v.subject, v.criterion, v.year): v.verdict for v in verdicts}
    for subject in run.subjects:
        table = Table(title=subject, title_justify="left")
        table.add_column(_("criterium"))
        for year in years:
            table.add_column(str(year), justify="center")
        for criterion, name in _criteria(outcome):
            cells = [by_key.get((subject, criterion, year)) for year in years]
            if not any(cells):
                continue
            table.add_row(name, *[
                f"[{STYLE[c]}]{SHORT[c]}[/]" if c else f"[dim]{_('n.v.t.')}[/]" for c in cells
            ])
        if table.row_count:
            console.print(table)
    console.print(_("Legenda: V = {v}, VD = {vd}, VN = {vn}, NTB = {ntb}.").format(
        v=verdict_label(Verdict.MEETS), vd=verdict_label(Verdict.PARTLY_MEETS),
        vn=verdict_label(Verdict.DOES_NOT_MEET), ntb=verdict_label(Verdict.NOT_ASSESSABLE)))


def _criteria(outcome: AssessmentOutcome) -> list[tuple[str, str]]:
    """Criterion ids with their names, sub-criteria indented under their parent."""
    used = {v.criterion for v in outcome.criterion_verdicts}
    if outcome.framework is None:
        return [(c, c) for c in sorted(used)]
    rows = []
    for criterion in outcome.framework.criteria:
        if criterion.id in used:
            indent = "  " if criterion.parent else ""
            rows.append((criterion.id, indent + criterion.name))
    return rows


def run_summary(outcome: AssessmentOutcome) -> dict[str, Any]:
    run = outcome.run
    return {
        "run": run.id, "framework": run.framework_id, "framework_version": run.framework_version,
        "data_batch": run.data_batch, "data_hash": run.data_hash, "seed": run.seed,
        "subjects": list(run.subjects), "years": [run.first_year, run.last_year],
        "baseline_year": run.baseline_year, "findings": len(outcome.findings),
        "criterion_verdicts": [
            {"subject": v.subject, "criterion": v.criterion, "year": v.year,
             "verdict": v.verdict.value}
            for v in outcome.criterion_verdicts
        ],
    }


@contextmanager
def steps(first: str) -> Iterator[Callable[[str], None]]:
    """A transient progress line; the callable it yields names the current step."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task(first, total=None)
        yield lambda step: progress.update(task, description=step)
