"""Beheer: accounts, the organisation file, and the audit log."""

from __future__ import annotations

import csv
import io
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import Response

from samenwerkingsmonitor.errors import InputRefused, UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.access import use_cases as access
from samenwerkingsmonitor.services.organisation.use_cases import RegisterRequest, register
from samenwerkingsmonitor.web.context import Viewer, audit, guard, wiring
from samenwerkingsmonitor.web.render import page

router = APIRouter(include_in_schema=False)
AUDIT_SHOWN = 500


def _accounts_page(request: Request, viewer: Viewer, *, status: int = 200, message: str = "",
                   secret: access.NewSecret | None = None) -> Response:
    organisation = viewer.organisation
    municipalities = [] if organisation is None else [
        (m.code, m.name) for m in organisation.municipalities]
    return page(request, "accounts.html", viewer, status=status, title=_("Accounts"),
                accounts=access.accounts(wiring(request)), municipalities=municipalities,
                roles=[r.value for r in access.Role], message=message, secret=secret)


@router.get("/beheer/accounts", name="accounts")
def accounts(request: Request, viewer: Annotated[Viewer, Depends(guard("accounts"))]) -> Response:
    return _accounts_page(request, viewer)


@router.post("/beheer/accounts", name="account_add")
async def account_add(request: Request,
                      viewer: Annotated[Viewer, Depends(guard("account_add"))]) -> Response:
    form = await request.form()
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(
        _add, request, viewer, str(form.get("username", "")).strip(),
        str(form.get("display_name", "")).strip(),
        tuple(str(r) for r in form.getlist("roles")),
        tuple(str(m) for m in form.getlist("municipalities")))


def _add(request: Request, viewer: Viewer, username: str, display_name: str,
         roles: tuple[str, ...], municipalities: tuple[str, ...]) -> Response:
    try:
        made = access.add_account(access.AddAccountRequest(
            username, roles, municipalities, by=viewer.username, display_name=display_name),
            wiring(request))
    except UsageError as refused:
        return _accounts_page(request, viewer, status=422, message=str(refused))
    audit(request, viewer.username, "account-add", username, "ok", ",".join(roles))
    return _accounts_page(request, viewer, secret=made)


def _change(request: Request, viewer: Viewer, username: str, action: str) -> Response:
    change = access.ChangeAccountRequest(username, viewer.username)
    secret = None
    if action == "account-reset":
        secret = access.reset_password(change, wiring(request))
    else:
        access.set_disabled(change, action == "account-disable", wiring(request))
    audit(request, viewer.username, action, username)
    return _accounts_page(request, viewer, secret=secret)


@router.post("/beheer/accounts/{username}/uitzetten", name="account_disable")
def account_disable(request: Request, username: str,
                    viewer: Annotated[Viewer, Depends(guard("account_disable"))]) -> Response:
    return _change(request, viewer, username, "account-disable")


@router.post("/beheer/accounts/{username}/aanzetten", name="account_enable")
def account_enable(request: Request, username: str,
                   viewer: Annotated[Viewer, Depends(guard("account_enable"))]) -> Response:
    return _change(request, viewer, username, "account-enable")


@router.post("/beheer/accounts/{username}/wachtwoord", name="account_reset")
def account_reset(request: Request, username: str,
                  viewer: Annotated[Viewer, Depends(guard("account_reset"))]) -> Response:
    return _change(request, viewer, username, "account-reset")


@router.post("/beheer/organisatie", name="organisation_upload")
async def organisation_upload(request: Request, file: UploadFile,
                              viewer: Annotated[Viewer, Depends(guard("organisation_upload"))],
                              reason: Annotated[str, Form()] = "") -> Response:
    from starlette.concurrency import run_in_threadpool

    from samenwerkingsmonitor.web.routes.data import save_upload

    toml = await save_upload(request, file, (".toml",))
    name = toml.name

    def registered() -> Response:
        try:
            result = register(RegisterRequest(toml, viewer.username, reason.strip()),
                              wiring(request))
        except InputRefused as refused:
            audit(request, viewer.username, "register", name, "refused")
            return page(request, "error.html", viewer, status=422,
                        title=_("Het organisatiebestand is geweigerd"), message=str(refused),
                        issues=refused.report.issues)
        request.app.state.organisation.forget()
        audit(request, viewer.username, "register", name, "ok",
              "gewijzigd" if result.changed else "ongewijzigd")
        return _accounts_page(request, viewer, message=_(
            "Het organisatiebestand is geregistreerd (versie {version}).").format(
                version=result.organisation.version))

    return await run_in_threadpool(registered)


def inert(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (a typed user name can start with =)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@router.get("/beheer/logboek", name="audit")
def audit_page(request: Request, viewer: Annotated[Viewer, Depends(guard("audit"))]) -> Response:
    events = access.audit_log(wiring(request), AUDIT_SHOWN)
    return page(request, "audit.html", viewer, title=_("Logboek"), events=events,
                shown=AUDIT_SHOWN)


@router.get("/beheer/logboek.csv", name="audit_export")
def audit_export(request: Request,
                 viewer: Annotated[Viewer, Depends(guard("audit_export"))]) -> Response:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["tijdstip", "gebruiker", "adres", "handeling", "onderwerp", "uitkomst",
                     "toelichting"])
    for e in reversed(access.audit_log(wiring(request))):
        writer.writerow([inert(v) for v in (e.at.isoformat(), e.username, e.address, e.action,
                                            e.target, e.outcome, e.detail)])
    audit(request, viewer.username, "audit-export", "logboek.csv")
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": 'attachment; filename="logboek.csv"'})
