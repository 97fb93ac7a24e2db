"""Logging in and out."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import unquote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from samenwerkingsmonitor.errors import AccessRefused, LoginThrottled
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.access import use_cases as access
from samenwerkingsmonitor.web.context import (
    SESSION_USER,
    CsrfFailed,
    Viewer,
    address,
    guard,
    wiring,
)
from samenwerkingsmonitor.web.render import page
from samenwerkingsmonitor.web.security import csrf_ok, csrf_token

router = APIRouter(include_in_schema=False)


def _next(value: str) -> str:
    target = unquote(value or "/")
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login", name="login_form")
def login_form(request: Request, next: str = "/") -> Response:
    return page(request, "login.html", None, title=_("Inloggen"), next=_next(next),
                username="", message="")


@router.post("/login", name="login")
def login(request: Request, username: Annotated[str, Form()] = "",
          password: Annotated[str, Form()] = "", csrf: Annotated[str, Form()] = "",
          next: Annotated[str, Form()] = "/") -> Response:
    if not csrf_ok(request.session, csrf):
        raise CsrfFailed()
    try:
        account = access.log_in(access.LoginRequest(username.strip(), password,
                                                    address(request)), wiring(request))
    except LoginThrottled as refused:
        return page(request, "login.html", None, status=429, title=_("Inloggen"),
                    next=_next(next), username=username, message=str(refused))
    except AccessRefused as refused:
        return page(request, "login.html", None, status=401, title=_("Inloggen"),
                    next=_next(next), username=username, message=str(refused))
    language = request.session.get("lang")
    request.session.clear()  # a new session after login: no fixation
    request.session[SESSION_USER] = account.username
    if language:
        request.session["lang"] = language
    csrf_token(request.session)
    return RedirectResponse(_next(next), status_code=303)


@router.post("/logout", name="logout")
async def logout(request: Request,
                 viewer: Annotated[Viewer, Depends(guard("logout"))]) -> Response:
    from samenwerkingsmonitor.web.context import audit

    await run_in_threadpool(audit, request, viewer.username, "logout", viewer.username)
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/gezond", name="health")
def health() -> Response:
    return PlainTextResponse("ok")
