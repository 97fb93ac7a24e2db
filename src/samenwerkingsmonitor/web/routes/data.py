"""Data: upload a file (checked first, then saved with a reason), a fill-in workbook for one's
own teams, and the history of a value. The same front doors and checks as the command line."""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from samenwerkingsmonitor.domain.organisation import SubjectKind
from samenwerkingsmonitor.errors import ImportRefused, NotFound, UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.measurements.use_cases import (
    HistoryRequest,
    ImportRequest,
    import_measurements,
    measurement_history,
)
from samenwerkingsmonitor.services.workbooks.use_cases import TemplateRequest, write_template
from samenwerkingsmonitor.web.context import Viewer, audit, guard, require_subject, wiring
from samenwerkingsmonitor.web.render import page

router = APIRouter(include_in_schema=False)
SUFFIXES = (".csv", ".xlsx", ".ods")
SESSION_UPLOAD = "upload"
CHUNK = 1 << 20


def safe_name(name: str) -> str:
    """The file's own name without folders or odd characters: it appears in every message."""
    base = Path(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^\w.() -]", "_", base).strip(" .")[:120]
    return cleaned or "upload.csv"


async def save_upload(request: Request, file: UploadFile,
                      suffixes: tuple[str, ...] = SUFFIXES) -> Path:
    """The upload in its own folder under the app's upload folder, bounded by max_upload_mb."""
    name = safe_name(file.filename or "")
    if Path(name).suffix.lower() not in suffixes:
        raise UsageError(_("Bestand {file}: kies een CSV-, XLSX- of ODS-bestand.")
                         .format(file=name) if suffixes == SUFFIXES else
                         _("Bestand {file}: het organisatiebestand is een TOML-bestand.")
                         .format(file=name))
    limit = request.app.state.config.max_upload_mb * 1024 * 1024
    folder = Path(request.app.state.upload_dir) / "uploads" / secrets.token_hex(12)
    folder.mkdir(parents=True)
    target = folder / name
    size = 0
    with target.open("wb") as out:
        while chunk := await file.read(CHUNK):
            size += len(chunk)
            if size > limit:
                out.close()
                shutil.rmtree(folder, ignore_errors=True)
                raise UsageError(_("Bestand {file} is groter dan {mb} MB. Splits het bestand "
                                   "of vraag de beheerder om de grens.").format(
                                       file=name, mb=request.app.state.config.max_upload_mb))
            out.write(chunk)
    return target


def editable_subjects(viewer: Viewer) -> list[tuple[str, str]]:
    organisation = viewer.organisation
    if organisation is None:
        return []
    subjects = organisation.subjects()
    return sorted(((s.id, s.name) for s in subjects.values() if viewer.scope.edits(s.id)),
                  key=lambda pair: (subjects[pair[0]].kind != SubjectKind.TEAM, pair[1]))


@router.get("/gegevens", name="data")
def data(request: Request, viewer: Annotated[Viewer, Depends(guard("data"))]) -> Response:
    year = date.today().year
    return page(request, "data.html", viewer, title=_("Gegevens"),
                subjects=editable_subjects(viewer), year=year)


@router.post("/gegevens/controle", name="data_check")
async def data_check(request: Request, viewer: Annotated[Viewer, Depends(guard("data_check"))],
                     file: UploadFile) -> Response:
    path = await save_upload(request, file)
    request.session[SESSION_UPLOAD] = path.parent.name
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_check, request, viewer, path)


def _check(request: Request, viewer: Viewer, path: Path) -> Response:
    try:
        result = import_measurements(_import_request(viewer, path, dry_run=True),
                                     wiring(request))
    except ImportRefused as refused:
        audit(request, viewer.username, "import-check", path.name, "refused",
              f"{len(refused.report.issues)} problemen")
        shutil.rmtree(path.parent, ignore_errors=True)
        request.session.pop(SESSION_UPLOAD, None)
        return page(request, "data_check.html", viewer, status=422,
                    title=_("Het bestand heeft problemen"), message=str(refused),
                    issues=refused.report.issues, result=None, file=path.name)
    title = _("Controle van {file}").format(file=path.name)
    return page(request, "data_check.html", viewer, title=title, message="", issues=[],
                result=result, file=path.name)


def _import_request(viewer: Viewer, path: Path, *, dry_run: bool,
                    reason: str = "") -> ImportRequest:
    return ImportRequest(path, viewer.username, reason=reason, dry_run=dry_run,
                         allowed_subjects=viewer.scope.editable, reason_later=dry_run)


@router.post("/gegevens/opslaan", name="data_save")
def data_save(request: Request, viewer: Annotated[Viewer, Depends(guard("data_save"))],
              reason: Annotated[str, Form()] = "") -> Response:
    upload = request.session.get(SESSION_UPLOAD)
    folder = Path(request.app.state.upload_dir) / "uploads" / str(upload or "")
    files = list(folder.iterdir()) if upload and folder.is_dir() else []
    if not files:
        raise NotFound(_("Er wacht geen gecontroleerd bestand. Kies het bestand opnieuw en "
                         "controleer het eerst."))
    path = files[0]
    try:
        result = import_measurements(_import_request(viewer, path, dry_run=False,
                                                     reason=reason.strip()), wiring(request))
    except ImportRefused as refused:
        audit(request, viewer.username, "import", path.name, "refused",
              f"{len(refused.report.issues)} problemen")
        return page(request, "data_check.html", viewer, status=422,
                    title=_("Het bestand heeft problemen"), message=str(refused),
                    issues=refused.report.issues, result=None, file=path.name)
    shutil.rmtree(folder, ignore_errors=True)
    request.session.pop(SESSION_UPLOAD, None)
    audit(request, viewer.username, "import", path.name, "ok",
          f"nieuw {result.new}, gewijzigd {result.changed}, meetbatch {result.batch_id}")
    return page(request, "data_saved.html", viewer, title=_("Opgeslagen"), result=result,
                file=path.name)


@router.get("/gegevens/invulbestand", name="workbook_download")
def workbook_download(request: Request,
                      viewer: Annotated[Viewer, Depends(guard("workbook_download"))],
                      first_year: int, last_year: int, format: str = "xlsx") -> Response:
    if format not in ("xlsx", "ods"):
        raise UsageError(_("Kies xlsx of ods."))
    subjects = tuple(s for s, _name in editable_subjects(viewer))
    if not subjects:
        raise UsageError(_("Uw account hoort bij geen gemeente; vraag de beheerder om die toe "
                           "te voegen."))
    folder = Path(tempfile.mkdtemp(prefix="smon-invul-", dir=request.app.state.upload_dir))
    name = f"invulbestand-{viewer.username}-{first_year}-{last_year}.{format}"
    write_template(TemplateRequest(folder / name, subjects, first_year, last_year),
                   wiring(request))
    audit(request, viewer.username, "workbook-download", name)
    return FileResponse(folder / name, filename=name,
                        background=BackgroundTask(shutil.rmtree, folder, True))


@router.get("/gegevens/geschiedenis", name="history")
def history(request: Request, viewer: Annotated[Viewer, Depends(guard("history"))],
            subject: str, indicator: str) -> Response:
    require_subject(request, viewer, subject)
    versions = measurement_history(HistoryRequest(subject, indicator), wiring(request))
    title = _("Geschiedenis van {indicator}").format(indicator=indicator)
    return page(request, "history.html", viewer, title=title, subject=subject,
                indicator=indicator, versions=versions)
