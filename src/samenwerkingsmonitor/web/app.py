"""The application factory: `create_app(WebConfig)` gives the ASGI app `serve` runs."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from samenwerkingsmonitor import __version__
from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.errors import (
    AccessRefused,
    InputRefused,
    NotFound,
    SamenwerkingsmonitorError,
    UsageError,
)
from samenwerkingsmonitor.i18n import _, set_language
from samenwerkingsmonitor.web.config import SESSION_HOURS, WebConfig
from samenwerkingsmonitor.web.context import CsrfFailed, Forbidden, LoginNeeded
from samenwerkingsmonitor.web.problems import problem, problem_from_error
from samenwerkingsmonitor.web.render import page
from samenwerkingsmonitor.web.security import SecurityHeaders
from samenwerkingsmonitor.web.views import OrganisationCache, run_findings_cache, run_models

STATIC = Path(__file__).parent / "static"
SESSION_COOKIE = "smon_sessie"


DATABASE_ENV = "SAMENWERKINGSMONITOR_DATABASE"
SECRET_ENV = "SAMENWERKINGSMONITOR_SECRET_KEY"
THEME_ENV = "SAMENWERKINGSMONITOR_THEME_CSS"
LANGUAGE_ENV = "SAMENWERKINGSMONITOR_LANG"


def app_from_environment() -> FastAPI:
    """The app as `serve` and any ASGI server start it (`uvicorn --factory
    samenwerkingsmonitor.web.app:app_from_environment`), configured by environment variables
    (docs/beheer.md). Without SAMENWERKINGSMONITOR_SECRET_KEY each start makes a new secret."""
    import os

    from samenwerkingsmonitor.composition import database_url

    theme = os.environ.get(THEME_ENV)
    defaults = WebConfig(database_url(None, os.environ))
    return create_app(WebConfig(
        defaults.database, secret_key=os.environ.get(SECRET_ENV) or defaults.secret_key,
        theme_css=Path(theme) if theme else None,
        language=os.environ.get(LANGUAGE_ENV, "nl")))


def create_app(config: WebConfig) -> FastAPI:
    wiring = Wiring(config.database)
    wiring.repository().migrate()
    upload_dir = config.upload_dir or Path(tempfile.mkdtemp(prefix="smon-uploads-"))
    upload_dir.mkdir(parents=True, exist_ok=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        wiring.repository().close()
        if config.upload_dir is None:
            shutil.rmtree(upload_dir, ignore_errors=True)

    app = FastAPI(title="samenwerkingsmonitor", version=__version__,
                  description=_("Open API van samenwerkingsmonitor: onderwerpen, toetsingen, "
                                "bevindingen, oordelen per criterium en metingen met hun "
                                "geschiedenis; importeren. Gebruik een persoonlijke API-sleutel "
                                "als Bearer-token."),
                  docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json",
                  lifespan=lifespan)
    app.state.config = config
    app.state.wiring = wiring
    app.state.upload_dir = upload_dir
    app.state.runs = run_models(wiring)
    app.state.findings = run_findings_cache(wiring)
    app.state.organisation = OrganisationCache(wiring)

    from samenwerkingsmonitor.web.routes import admin, api, auth, data, pages, review, runs

    for module in (auth, pages, runs, review, data, admin, api):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if config.theme_css is not None:
        theme = config.theme_css

        @app.get("/thema.css", name="theme_css", include_in_schema=False)
        def theme_css() -> Response:
            return Response(theme.read_bytes(), media_type="text/css")

    _handlers(app)
    _document_problems(app)

    @app.middleware("http")
    async def language(request: Request, call_next: Any) -> Response:
        chosen = request.query_params.get("lang") or request.session.get("lang")
        if chosen in ("nl", "en"):
            request.session["lang"] = chosen
        set_language(chosen if chosen in ("nl", "en") else config.language)
        return await call_next(request)  # type: ignore[no-any-return]

    app.add_middleware(SessionMiddleware, secret_key=config.secret_key,
                       session_cookie=SESSION_COOKIE, max_age=SESSION_HOURS * 3600,
                       same_site="lax", https_only=config.secure_cookies)
    app.add_middleware(SecurityHeaders)
    return app


def _document_problems(app: FastAPI) -> None:
    """The OpenAPI document names the problem+json body of every error response."""
    from fastapi.openapi.utils import get_openapi
    from pydantic.json_schema import models_json_schema

    from samenwerkingsmonitor.web.routes.api import Problem

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version,
                                 description=app.description, routes=app.routes)
            _, definitions = models_json_schema([(Problem, "serialization")],
                                                ref_template="#/components/schemas/{model}")
            schema.setdefault("components", {}).setdefault("schemas", {}).update(
                definitions["$defs"])
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginNeeded)
    async def login_needed(request: Request, exc: LoginNeeded) -> Response:
        if _is_api(request):
            return problem(401, _("Niet aangemeld"),
                           _("Stuur een persoonlijke API-sleutel mee als Bearer-token."),
                           headers={"www-authenticate": "Bearer"})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={_safe_next(target)}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        if _is_api(request):
            return problem(403, _("Geen toegang"), exc.message)
        return page(request, "error.html", None, status=403, title=_("Geen toegang"),
                    message=exc.message)

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(request: Request, exc: CsrfFailed) -> Response:
        message = _("Het formulier is verlopen of kwam niet van deze site. Laad de pagina "
                    "opnieuw en probeer het nog eens.")
        return page(request, "error.html", None, status=403, title=_("Formulier geweigerd"),
                    message=message)

    @app.exception_handler(SamenwerkingsmonitorError)
    async def known_error(request: Request, exc: SamenwerkingsmonitorError) -> Response:
        status = (404 if isinstance(exc, NotFound) else 403 if isinstance(exc, AccessRefused)
                  else 422 if isinstance(exc, InputRefused | UsageError) else 500)
        if _is_api(request):
            return problem_from_error(status, exc)
        issues = exc.report.issues if isinstance(exc, InputRefused) else []
        return page(request, "error.html", None, status=status, title=_("Dat lukte niet"),
                    message=str(exc), issues=issues)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        titles = {404: _("Pagina niet gevonden"), 405: _("Dat kan hier niet")}
        title = titles.get(exc.status_code, _("Dat lukte niet"))
        headers = dict(exc.headers or {})  # e.g. Allow with a 405
        if _is_api(request):
            return problem(exc.status_code, title, str(exc.detail), headers=headers)
        answer = page(request, "error.html", None, status=exc.status_code, title=title,
                      message=_("Controleer het adres, of ga terug naar het overzicht."))
        answer.headers.update(headers)
        return answer

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        details = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
                   for e in exc.errors()]
        if _is_api(request):
            return problem(422, _("Ongeldig verzoek"), "; ".join(details))
        return page(request, "error.html", None, status=422, title=_("Ongeldig verzoek"),
                    message="; ".join(details))


def _safe_next(target: str) -> str:
    """Only a path on this site (no //host or scheme) may be the page after logging in."""
    from urllib.parse import quote

    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    return quote(target, safe="")


def json_response(data: Any) -> JSONResponse:
    return JSONResponse(data)
