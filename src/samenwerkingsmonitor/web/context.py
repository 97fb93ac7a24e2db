"""Who is asking: the person behind a session or an API token, their roles and scope, and the
guard every route passes (permissions.py is the table it reads)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.domain.access import Account, AuditEvent, Role
from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.errors import AccessRefused
from samenwerkingsmonitor.services.access import use_cases as access
from samenwerkingsmonitor.services.access.scope import Scope, scope_of
from samenwerkingsmonitor.web.permissions import may
from samenwerkingsmonitor.web.security import CSRF_FIELD, CSRF_HEADER, csrf_ok

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SESSION_USER = "user"


@dataclass(frozen=True)
class Viewer:
    account: Account
    roles: frozenset[Role]
    scope: Scope
    organisation: Organisation | None
    token_id: str | None = None  # set when the request came with an API token

    @property
    def username(self) -> str:
        return self.account.username


class LoginNeeded(Exception):
    """No session or token: the page asks to log in, the API answers 401."""


class Forbidden(Exception):
    """Logged in, but this role or scope may not: a 403 page or problem, and an audit line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CsrfFailed(Exception):
    pass


def wiring(request: Request) -> Wiring:
    return request.app.state.wiring  # type: ignore[no-any-return]


def address(request: Request) -> str:
    return request.client.host if request.client else ""


def audit(request: Request, username: str, action: str, target: str, outcome: str = "ok",
          detail: str = "") -> None:
    access.record(AuditEvent(datetime.now(UTC), username, address(request), action, target,
                             outcome, detail), wiring(request))


def _viewer(request: Request) -> Viewer | None:
    ports = wiring(request)
    bearer = request.headers.get("authorization", "")
    organisation = request.app.state.organisation()
    if bearer.lower().startswith("bearer "):
        try:
            holder = access.token_holder(bearer[7:].strip(), ports)
        except AccessRefused:
            return None
        roles = frozenset({holder.role})
        return Viewer(holder.account, roles, scope_of(holder.account, organisation),
                      organisation, holder.token_id)
    username = request.session.get(SESSION_USER)
    if not isinstance(username, str):
        return None
    account = ports.account_store().account(username)
    if account is None or account.disabled:
        request.session.clear()
        return None
    return Viewer(account, account.roles, scope_of(account, organisation), organisation)


def guard(route: str) -> Callable[[Request], Awaitable[Viewer]]:
    """The dependency of route `route`: a Viewer allowed by the table, with a valid CSRF token
    on every form sent with a session."""

    async def dependency(request: Request) -> Viewer:
        viewer = await run_in_threadpool(_viewer, request)
        if viewer is None:
            raise LoginNeeded()
        if request.method not in SAFE_METHODS and viewer.token_id is None:
            sent = request.headers.get(CSRF_HEADER)
            if sent is None and _is_form(request):
                form = await request.form()
                value = form.get(CSRF_FIELD)
                sent = value if isinstance(value, str) else None
            if not csrf_ok(request.session, sent):
                raise CsrfFailed()
        if not may(route, viewer.roles):
            await run_in_threadpool(audit, request, viewer.username, "forbidden",
                                    request.url.path, "refused", route)
            raise Forbidden(_role_message())
        return viewer

    dependency.__name__ = f"guard_{route}"
    return dependency


def _is_form(request: Request) -> bool:
    kind = request.headers.get("content-type", "")
    return kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))


def _role_message() -> str:
    from samenwerkingsmonitor.i18n import _

    return _("Met uw rol mag u deze pagina niet gebruiken.")


def require_subject(request: Request, viewer: Viewer, subject: str) -> None:
    """Forbidden (and an audit line) when `subject` is outside the viewer's scope."""
    if not viewer.scope.sees(subject):
        from samenwerkingsmonitor.i18n import _

        audit(request, viewer.username, "forbidden", request.url.path, "refused", subject)
        raise Forbidden(_("Dit onderdeel hoort niet bij uw gemeente. U kunt het daarom niet "
                          "bekijken."))
