"""The assessment as a process on the web (issue 12's front doors): the assessor's judgement,
the run's status, the guidance group's comments, and the comparison of two runs."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from samenwerkingsmonitor.errors import NotFound, UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.use_cases import (
    CommentRequest,
    CompareRequest,
    JudgeRequest,
    StatusRequest,
    Upload,
    comment,
    compare,
    judge,
    set_run_status,
)
from samenwerkingsmonitor.web.context import Viewer, audit, guard, wiring
from samenwerkingsmonitor.web.render import page
from samenwerkingsmonitor.web.views import runs as visible_runs

router = APIRouter(include_in_schema=False)
MAX_EVIDENCE_MB = 20


def _visible_run(request: Request, viewer: Viewer, run_id: str) -> str:
    if not any(r.id == run_id for r in visible_runs(wiring(request), viewer.scope)):
        raise NotFound(_("Toetsing {run} bestaat niet, of gaat niet over uw gemeente.")
                       .format(run=run_id))
    return run_id


def _back(run_id: str, anchor: str) -> RedirectResponse:
    return RedirectResponse(f"/toetsingen/{run_id}#{anchor}", status_code=303)


@router.post("/toetsingen/{run_id}/oordeel", name="run_judge")
async def run_judge(request: Request, run_id: str,
                    viewer: Annotated[Viewer, Depends(guard("run_judge"))],
                    key: Annotated[str, Form()], action: Annotated[str, Form()],
                    rationale: Annotated[str, Form()], verdict: Annotated[str, Form()] = "",
                    notes: Annotated[str, Form()] = "",
                    evidence: list[UploadFile] | None = None) -> Response:
    uploads = []
    for file in evidence or []:
        if not file.filename:
            continue
        content = await file.read(MAX_EVIDENCE_MB * 1024 * 1024 + 1)
        if len(content) > MAX_EVIDENCE_MB * 1024 * 1024:
            raise UsageError(_("Bewijsstuk {file} is groter dan {mb} MB.").format(
                file=file.filename, mb=MAX_EVIDENCE_MB))
        uploads.append(Upload(file.filename, content))

    def record() -> Response:
        _visible_run(request, viewer, run_id)
        made = judge(JudgeRequest(run_id, key, action, rationale.strip(), viewer.username,
                                  verdict=verdict or None, notes=notes.strip(),
                                  evidence=tuple(uploads)), wiring(request))
        audit(request, viewer.username, "judge", f"{run_id}/{key}", "ok", made.action.value)
        return _back(run_id, "oordelen-beoordelaar")

    return await run_in_threadpool(record)


@router.post("/toetsingen/{run_id}/status", name="run_status")
def run_status(request: Request, run_id: str,
               viewer: Annotated[Viewer, Depends(guard("run_status"))],
               to: Annotated[str, Form()], reason: Annotated[str, Form()] = "",
               decision_number: Annotated[str, Form()] = "",
               decision_date: Annotated[str, Form()] = "") -> Response:
    _visible_run(request, viewer, run_id)
    try:
        day = date.fromisoformat(decision_date) if decision_date else None
    except ValueError as error:
        raise UsageError(_("'{text}' is geen datum; schrijf JJJJ-MM-DD.")
                         .format(text=decision_date)) from error
    set_run_status(StatusRequest(run_id, to, viewer.username, reason.strip(),
                                 decision_number.strip(), day), wiring(request))
    audit(request, viewer.username, "run-status", run_id, "ok", to)
    return _back(run_id, "stand")


@router.post("/toetsingen/{run_id}/opmerking", name="run_comment")
def run_comment(request: Request, run_id: str,
                viewer: Annotated[Viewer, Depends(guard("run_comment"))],
                text: Annotated[str, Form()], key: Annotated[str, Form()] = "") -> Response:
    _visible_run(request, viewer, run_id)
    comment(CommentRequest(run_id, text.strip(), viewer.username, key), wiring(request))
    audit(request, viewer.username, "comment", run_id)
    return _back(run_id, "opmerkingen")


@router.get("/vergelijking", name="run_compare")
def run_compare(request: Request, viewer: Annotated[Viewer, Depends(guard("run_compare"))],
                a: str, b: str) -> Response:
    _visible_run(request, viewer, a)
    _visible_run(request, viewer, b)
    found = compare(CompareRequest(a, b), wiring(request))
    changed = [c for c in found.changed if viewer.scope.sees(c.subject)]
    return page(request, "compare.html", viewer,
                title=_("{a} en {b} vergeleken").format(a=a, b=b), comparison=found,
                changed=changed)
