"""The open JSON API under /api/v1 (OpenAPI at /api/v1/openapi.json). Personal API tokens as
Bearer; the token's role counts; errors as application/problem+json with located problems."""

from __future__ import annotations

import shutil
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Query, Request, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from samenwerkingsmonitor.errors import NotFound
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.use_cases import RunFindings
from samenwerkingsmonitor.services.measurements.use_cases import (
    CurrentRequest,
    HistoryRequest,
    ImportRequest,
    current_measurements,
    import_measurements,
    measurement_history,
)
from samenwerkingsmonitor.services.storage.ports import StoredMeasurement
from samenwerkingsmonitor.web.context import Viewer, audit, guard, require_subject, wiring
from samenwerkingsmonitor.web.routes.data import save_upload
from samenwerkingsmonitor.web.views import runs as visible_runs

PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"description": text, "content": {"application/problem+json": {
        "schema": {"$ref": "#/components/schemas/Problem"}}}}
    for code, text in ((401, "Niet aangemeld"), (403, "Geen toegang"), (404, "Niet gevonden"),
                       (422, "Geweigerd"))}

router = APIRouter(prefix="/api/v1", tags=["api"], responses=PROBLEM_RESPONSES)
RUN_ID = Path(pattern=r"^(R-\d{1,9}|latest)$", description="R-0001, of latest")


class LocatedProblem(BaseModel):
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    message: str
    hint: str = ""
    text: str


class Problem(BaseModel):
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    problems: list[LocatedProblem] = Field(default_factory=list)


class SubjectOut(BaseModel):
    id: str
    kind: str
    name: str


class RunOut(BaseModel):
    id: str
    created: datetime
    user: str
    framework: str
    framework_version: str
    subjects: list[str]
    first_year: int
    last_year: int
    baseline_year: int
    superseded_by: str | None


class Fact(BaseModel):
    key: str
    value: str


class FindingOut(BaseModel):
    subject: str
    indicator: str
    criterion: str | None
    year: int
    verdict: str
    value: float | None
    scale_value: str | None
    unit: str
    target: float | None
    signal: float | None
    baseline_value: float | None
    baseline_year: int | None
    norm: str | None
    norm_kind: str | None
    norm_source: str
    rule: str
    gap: str | None
    labels: list[str]
    explanation: str
    facts: list[Fact]


class VerdictOut(BaseModel):
    subject: str
    criterion: str
    year: int
    verdict: str
    rule: str
    counts: dict[str, int]
    missing: list[str]


class MeasurementOut(BaseModel):
    version: int
    subject: str
    indicator: str
    year: int
    kind: str
    value: float | None
    scale_value: str | None
    unit: str
    source: str
    status: str
    comparable: bool
    note: str
    user: str
    created: datetime
    reason: str
    supersedes: int | None
    file: str
    row: int | None


class ImportOut(BaseModel):
    file: str
    sha256: str
    rows: int
    new: int
    changed: int
    unchanged: int
    batch: int | None
    dry_run: bool


def _measurement(m: StoredMeasurement) -> MeasurementOut:
    value = m.measurement
    return MeasurementOut(
        version=m.version_id, subject=value.subject, indicator=value.indicator, year=value.year,
        kind=value.kind.value, value=value.value, scale_value=value.scale_value, unit=value.unit,
        source=value.source, status=value.status.value, comparable=value.comparable,
        note=value.note, user=m.user, created=m.created, reason=m.reason,
        supersedes=m.supersedes, file=m.file_name, row=m.row)


@router.get("/subjects", name="api_subjects", response_model=list[SubjectOut])
def subjects(request: Request,
             viewer: Annotated[Viewer, Depends(guard("api_subjects"))]) -> list[SubjectOut]:
    if viewer.organisation is None:
        return []
    return [SubjectOut(id=s.id, kind=s.kind.value, name=s.name)
            for s in viewer.organisation.subjects().values() if viewer.scope.sees(s.id)]


@router.get("/runs", name="api_runs", response_model=list[RunOut])
def runs(request: Request,
         viewer: Annotated[Viewer, Depends(guard("api_runs"))]) -> list[RunOut]:
    return [RunOut(id=r.id, created=r.created, user=r.user, framework=r.framework,
                   framework_version=r.framework_version, subjects=list(r.subjects),
                   first_year=r.first_year, last_year=r.last_year,
                   baseline_year=r.baseline_year, superseded_by=r.superseded_by)
            for r in visible_runs(wiring(request), viewer.scope)]


def _run_id(request: Request, viewer: Viewer, run_id: str) -> str:
    """'latest' as the id of the newest run this person sees; the cache is kept per run id."""
    if run_id != "latest":
        return run_id
    found = visible_runs(wiring(request), viewer.scope)
    if not found:
        raise NotFound(_("Er zijn nog geen toetsingen."))
    return found[0].id


def _findings(request: Request, viewer: Viewer, run_id: str, subject: str | None) -> Any:
    if subject is not None:
        require_subject(request, viewer, subject)
    stored = request.app.state.findings.get(_run_id(request, viewer, run_id))
    found = RunFindings(stored.run, tuple(e for e in stored.findings
                                          if subject is None or e.finding.subject == subject),
                        tuple(v for v in stored.verdicts
                              if subject is None or v.subject == subject))
    if not any(viewer.scope.sees(s) for s in found.run.subjects):
        raise NotFound(_("Toetsing {run} bestaat niet, of gaat niet over uw gemeente.")
                       .format(run=run_id))
    return found


@router.get("/runs/{run_id}/findings", name="api_findings", response_model=list[FindingOut])
def findings(request: Request, viewer: Annotated[Viewer, Depends(guard("api_findings"))],
             run_id: Annotated[str, RUN_ID],
             subject: Annotated[str | None, Query(max_length=200)] = None) -> list[FindingOut]:
    found = _findings(request, viewer, run_id, subject)
    return [FindingOut(
        subject=f.subject, indicator=f.indicator, criterion=f.criterion, year=f.year,
        verdict=f.verdict.value, value=f.value, scale_value=f.scale_value, unit=f.unit,
        target=f.target, signal=f.signal, baseline_value=f.baseline_value,
        baseline_year=f.baseline_year, norm=f.norm, norm_kind=f.norm_kind,
        norm_source=f.norm_source, rule=f.rule, gap=f.gap, labels=list(f.labels),
        explanation=e.explanation, facts=[Fact(key=k, value=v) for k, v in f.detail])
        for e in found.findings for f in (e.finding,) if viewer.scope.sees(f.subject)]


@router.get("/runs/{run_id}/verdicts", name="api_verdicts", response_model=list[VerdictOut])
def verdicts(request: Request, viewer: Annotated[Viewer, Depends(guard("api_verdicts"))],
             run_id: Annotated[str, RUN_ID],
             subject: Annotated[str | None, Query(max_length=200)] = None) -> list[VerdictOut]:
    found = _findings(request, viewer, run_id, subject)
    return [VerdictOut(subject=v.subject, criterion=v.criterion, year=v.year,
                       verdict=v.verdict.value, rule=v.rule, counts=dict(v.counts),
                       missing=list(v.missing))
            for v in found.verdicts if viewer.scope.sees(v.subject)]


@router.get("/measurements", name="api_measurements", response_model=list[MeasurementOut])
def measurements(request: Request,
                 viewer: Annotated[Viewer, Depends(guard("api_measurements"))],
                 subject: Annotated[str | None, Query(max_length=200)] = None,
                 indicator: Annotated[str | None, Query(max_length=200)] = None,
                 ) -> list[MeasurementOut]:
    if subject is not None:
        require_subject(request, viewer, subject)
    found = current_measurements(CurrentRequest(subject, indicator), wiring(request))
    return [_measurement(m) for m in found if viewer.scope.sees(m.measurement.subject)]


@router.get("/measurements/history", name="api_history", response_model=list[MeasurementOut])
def history(request: Request, viewer: Annotated[Viewer, Depends(guard("api_history"))],
            subject: Annotated[str, Query(max_length=200)],
            indicator: Annotated[str, Query(max_length=200)]) -> list[MeasurementOut]:
    require_subject(request, viewer, subject)
    return [_measurement(m) for m in
            measurement_history(HistoryRequest(subject, indicator), wiring(request))]


@router.post("/imports", name="api_import", response_model=ImportOut)
async def import_file(request: Request, viewer: Annotated[Viewer, Depends(guard("api_import"))],
                      file: UploadFile, reason: Annotated[str, Form()] = "",
                      dry_run: Annotated[bool, Form()] = False) -> ImportOut:
    path = await save_upload(request, file)

    def run() -> ImportOut:
        try:
            result = import_measurements(ImportRequest(
                path, viewer.username, reason=reason.strip(), dry_run=dry_run,
                allowed_subjects=viewer.scope.editable), wiring(request))
        except Exception:
            audit(request, viewer.username, "import", path.name, "refused", "api")
            raise
        finally:
            shutil.rmtree(path.parent, ignore_errors=True)
        audit(request, viewer.username, "import-check" if dry_run else "import", path.name,
              "ok", f"api; nieuw {result.new}, gewijzigd {result.changed}")
        return ImportOut(file=result.file_name, sha256=result.sha256, rows=result.rows,
                         new=result.new, changed=result.changed, unchanged=result.unchanged,
                         batch=result.batch_id, dry_run=result.dry_run)

    return await run_in_threadpool(run)
