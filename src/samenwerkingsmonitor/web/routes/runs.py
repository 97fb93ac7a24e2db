"""Runs: the list, one run, starting a new assessment, and the council report of a run."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from samenwerkingsmonitor.domain.judgements import NEXT_STATUS, JudgementAction, RunStatus
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.errors import NotFound, UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.use_cases import (
    AssessmentRequest,
    ReviewRequest,
    assess,
    review,
)
from samenwerkingsmonitor.services.report.use_cases import ReportRequest, write_report
from samenwerkingsmonitor.web.context import Viewer, audit, guard, require_subject, wiring
from samenwerkingsmonitor.web.permissions import may
from samenwerkingsmonitor.web.render import page
from samenwerkingsmonitor.web.routes.pages import run_model
from samenwerkingsmonitor.web.views import runs as visible_runs
from samenwerkingsmonitor.web.views import scoped

router = APIRouter(include_in_schema=False)
REPORT_TYPES = {"html": "text/html", "pdf": "application/pdf",
                "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
_report_lock = threading.Lock()  # one report written at a time: Typst and LibreOffice are heavy


@router.get("/toetsingen", name="runs")
def runs(request: Request, viewer: Annotated[Viewer, Depends(guard("runs"))]) -> Response:
    found = visible_runs(wiring(request), viewer.scope)
    latest = next((r for r in found if r.superseded_by is None), found[0] if found else None)
    return page(request, "runs.html", viewer, title=_("Toetsingen"), runs=found, latest=latest,
                may_start=may("run_start", viewer.roles), this_year=date.today().year,
                message=request.query_params.get("gemaakt", ""))


@router.post("/toetsingen", name="run_start")
def run_start(request: Request, viewer: Annotated[Viewer, Depends(guard("run_start"))],
              first_year: Annotated[int, Form()], last_year: Annotated[int, Form()],
              baseline_year: Annotated[int, Form()],
              based_on: Annotated[str, Form()] = "") -> Response:
    ports = wiring(request)
    found = visible_runs(ports, viewer.scope)
    basis = next((r for r in found if r.id == based_on), found[0] if found else None)
    if basis is None:
        raise UsageError(_("Er is nog geen toetsing om de onderwerpen van over te nemen. Maak "
                           "de eerste toetsing met `samenwerkingsmonitor assess`."))
    subjects = tuple(s for s in basis.subjects if viewer.scope.sees(s))
    if not baseline_year <= first_year <= last_year:
        raise UsageError(_("Kies jaren zo: nulmeting ≤ eerste jaar ≤ laatste jaar."))
    outcome = assess(AssessmentRequest(subjects, first_year, last_year, baseline_year,
                                       framework=basis.framework, user=viewer.username), ports)
    audit(request, viewer.username, "assess", outcome.run.id, "ok",
          f"{first_year}-{last_year}, nulmeting {baseline_year}")
    return RedirectResponse(f"/toetsingen/{outcome.run.id}", status_code=303)


@router.get("/toetsingen/{run_id}", name="run")
def run(request: Request, run_id: str,
        viewer: Annotated[Viewer, Depends(guard("run"))]) -> Response:
    summary = next((r for r in visible_runs(wiring(request), viewer.scope) if r.id == run_id),
                   None)
    if summary is None:
        raise NotFound(_("Toetsing {run} bestaat niet, of gaat niet over uw gemeente.")
                       .format(run=run_id))
    model = run_model(request, run_id)
    view = scoped(model, viewer.scope)
    found = review(ReviewRequest(run_id), wiring(request))
    keys = sorted(((key, label) for key, label in found.labels.items()
                   if viewer.scope.sees(_subject_of(key))), key=lambda pair: pair[1])
    earlier = [r.id for r in visible_runs(wiring(request), viewer.scope) if r.id != run_id]
    partners = [] if viewer.organisation is None else [
        (m.code, m.name) for m in viewer.organisation.municipalities
        if any(m.code in (p.code for p in c.partners) for c in viewer.organisation.cooperations)]
    return page(request, "run.html", viewer, title=_("Toetsing {run}").format(run=run_id),
                run=summary, model=model, matrices=view.matrices, sections=view.sections,
                partners=partners, review=found, keys=keys, earlier=earlier,
                next_status=[s.value for s in NEXT_STATUS.get(found.status, ())],
                actions=[a.value for a in JudgementAction],
                verdicts=[v.value for v in Verdict if v is not Verdict.NOT_ASSESSABLE],
                may_judge=may("run_judge", viewer.roles) and not found.definitive,
                may_status=may("run_status", viewer.roles) and not found.definitive,
                may_comment=may("run_comment", viewer.roles)
                and found.status is RunStatus.IN_REVIEW)


def _subject_of(key: str) -> str:
    """The subject of a criterion key (subject/criterion/year) or a finding key
    (subject/indicator/year/norm); a team's id has a slash of its own."""
    parts = key.split("/")
    return "/".join(parts[:-2] if parts[-1].isdigit() else parts[:-3])


@router.get("/toetsingen/{run_id}/rapport.{kind}", name="report_download")
def report_download(request: Request, run_id: str, kind: str,
                    viewer: Annotated[Viewer, Depends(guard("report_download"))],
                    gemeente: str | None = None, bijlage: bool = False) -> Response:
    if kind not in REPORT_TYPES:
        raise NotFound(_("Een rapport bestaat als html, pdf of docx."))
    if gemeente:
        require_subject(request, viewer, gemeente)
    folder = Path(request.app.state.upload_dir) / "rapporten" / run_id / (gemeente or "alle")
    name = ("technische-bijlage" if bijlage else
            ("rapport-" + gemeente if gemeente else "rapport")) + "." + kind
    with _report_lock:
        if not (folder / name).is_file():
            folder.mkdir(parents=True, exist_ok=True)
            write_report(ReportRequest(run_id, (kind,), folder, appendix=bijlage,
                                       partner=gemeente), wiring(request))
    audit(request, viewer.username, "report-download", f"{run_id}/{name}")
    return FileResponse(folder / name, media_type=REPORT_TYPES[kind], filename=name)
