"""Pages from Jinja templates (web/templates), in the request's language, with the navigation
the viewer's roles allow."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from samenwerkingsmonitor import __version__
from samenwerkingsmonitor.i18n import _, current_language, gettext, number
from samenwerkingsmonitor.web.permissions import may
from samenwerkingsmonitor.web.security import CSRF_FIELD, csrf_token


def _ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("samenwerkingsmonitor", "web/templates"),
                      autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                      extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    env.install_gettext_callables(gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["number"] = number
    env.globals["version"] = __version__
    return env


NAVIGATION = (  # route name, path, label (translated when shown)
    ("home", "/", "Overzicht"),
    ("runs", "/toetsingen", "Toetsingen"),
    ("data", "/gegevens", "Gegevens"),
    ("framework", "/kader", "Toetsingskader"),
    ("accounts", "/beheer/accounts", "Accounts"),
    ("audit", "/beheer/logboek", "Logboek"),
)


def page(request: Request, template: str, viewer: Any = None, *, status: int = 200,
         title: str = "", **context: Any) -> HTMLResponse:
    roles = viewer.roles if viewer is not None else frozenset()
    nav = [(path, _(label), request.url.path == path or
            (path != "/" and request.url.path.startswith(path)))
           for name, path, label in NAVIGATION if viewer is not None and may(name, roles)]
    html = environment().get_template(template).render(
        request=request, viewer=viewer, nav=nav, title=title, lang=current_language(),
        csrf_field=CSRF_FIELD, csrf=csrf_token(request.session), **context)
    return HTMLResponse(html, status_code=status)
