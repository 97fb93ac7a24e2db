"""The verdict matrix on the terminal (subject × criterion × year), verdict as text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table

from samenwerkingsmonitor.cli.app import console
from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assess import AssessmentOutcome
from samenwerkingsmonitor.services.explain import verdict_label

STYLE = {Verdict.VOLDOET: "green", Verdict.VOLDOET_DEELS: "yellow",
         Verdict.VOLDOET_NIET: "red", Verdict.NIET_TE_BEOORDELEN: "dim"}
SHORT = {Verdict.VOLDOET: "V", Verdict.VOLDOET_DEELS: "VD", Verdict.VOLDOET_NIET: "VN",
         Verdict.NIET_TE_BEOORDELEN: "NTB"}


def print_matrix(verdicts: Sequence[CriterionVerdict], run: AssessmentRun) -> None:
    years = list(range(run.first_year, run.last_year + 1))
    criteria = sorted({v.criterion for v in verdicts})
    by_key = {(v.subject, v.criterion, v.year): v.verdict for v in verdicts}
    for subject in run.subjects:
        table = Table(title=subject, title_justify="left")
        table.add_column(_("criterium"))
        for year in years:
            table.add_column(str(year), justify="center")
        for criterion in criteria:
            cells = [by_key.get((subject, criterion, year)) for year in years]
            if not any(cells):
                continue
            table.add_row(criterion, *[
                f"[{STYLE[c]}]{SHORT[c]}[/]" if c else "" for c in cells
            ])
        console.print(table)
    console.print(_("Legenda: V = {v}, VD = {vd}, VN = {vn}, NTB = {ntb}.").format(
        v=verdict_label(Verdict.VOLDOET), vd=verdict_label(Verdict.VOLDOET_DEELS),
        vn=verdict_label(Verdict.VOLDOET_NIET), ntb=verdict_label(Verdict.NIET_TE_BEOORDELEN)))


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
