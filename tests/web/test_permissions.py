"""Who may do what: every route of the application walked with every role, against the one
declared table (web/permissions.py), on SQLite and PostgreSQL. 100 %: a route missing from the
table, or a table entry without a route, fails."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.domain.access import Role
from samenwerkingsmonitor.services.access.use_cases import AddTokenRequest, add_token
from samenwerkingsmonitor.web.permissions import PERMISSIONS, PUBLIC
from support.web import BASE, ROLE_USERS, WebDemo, logged_in, page_csrf

TEAM = "heemstede-bloemendaal/communicatie"
# One request per route: path, and for a POST its form. Chosen so that an allowed role gets an
# answer other than 401/403 without changing the shared demo (bad years, unknown account...).
REQUESTS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "home": ("GET", "/", {}),
    "subject": ("GET", f"/onderwerpen/{TEAM}", {}),
    "runs": ("GET", "/toetsingen", {}),
    "run": ("GET", "/toetsingen/R-0001", {}),
    "framework": ("GET", "/kader", {}),
    "report_download": ("GET", "/toetsingen/R-0001/rapport.html", {}),
    "run_start": ("POST", "/toetsingen", {"first_year": "2020", "last_year": "2019",
                                          "baseline_year": "2018"}),
    "run_compare": ("GET", "/vergelijking?a=R-0001&b=R-0001", {}),
    "run_judge": ("POST", "/toetsingen/R-0001/oordeel", {}),
    "run_status": ("POST", "/toetsingen/R-0001/status", {"to": "onbekend"}),
    "run_comment": ("POST", "/toetsingen/R-0001/opmerking", {"text": ""}),
    "data": ("GET", "/gegevens", {}),
    "data_check": ("POST", "/gegevens/controle", {}),
    "data_save": ("POST", "/gegevens/opslaan", {"reason": "test"}),
    "workbook_download": ("GET", "/gegevens/invulbestand?first_year=2022&last_year=2022", {}),
    "history": ("GET", f"/gegevens/geschiedenis?subject={TEAM}&indicator=formatie_fte", {}),
    "accounts": ("GET", "/beheer/accounts", {}),
    "account_add": ("POST", "/beheer/accounts", {"username": "X"}),
    "account_disable": ("POST", "/beheer/accounts/niemand/uitzetten", {}),
    "account_enable": ("POST", "/beheer/accounts/niemand/aanzetten", {}),
    "account_reset": ("POST", "/beheer/accounts/niemand/wachtwoord", {}),
    "organisation_upload": ("POST", "/beheer/organisatie", {}),
    "audit": ("GET", "/beheer/logboek", {}),
    "audit_export": ("GET", "/beheer/logboek.csv", {}),
    "api_subjects": ("GET", "/api/v1/subjects", {}),
    "api_runs": ("GET", "/api/v1/runs", {}),
    "api_findings": ("GET", f"/api/v1/runs/R-0001/findings?subject={TEAM}", {}),
    "api_verdicts": ("GET", "/api/v1/runs/R-0001/verdicts", {}),
    "api_measurements": ("GET", f"/api/v1/measurements?subject={TEAM}", {}),
    "api_history": ("GET", f"/api/v1/measurements/history?subject={TEAM}"
                           "&indicator=formatie_fte", {}),
    "api_import": ("POST", "/api/v1/imports", {}),
    "logout": ("POST", "/logout", {}),  # last: it ends the session
}


def all_routes(routes: list[Any]) -> list[Any]:
    """Routes of the app, with those of included routers (FastAPI keeps them in a wrapper)."""
    found = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        found += all_routes(inner.routes) if inner is not None else [route]
    return found


def route_names(app: FastAPI) -> set[str]:
    return {getattr(r, "name", "") for r in all_routes(app.routes)} - {""}


def test_every_route_is_in_the_table_and_every_entry_is_a_route(web_app: FastAPI) -> None:
    names = route_names(web_app)
    assert names - set(PERMISSIONS) - PUBLIC == set()
    assert set(PERMISSIONS) - names == set()
    assert set(REQUESTS) == set(PERMISSIONS)


def _ask(client: TestClient, name: str, csrf: str, token: str | None = None) -> int:
    method, path, form = REQUESTS[name]
    headers = {"authorization": f"Bearer {token}"} if token else {}
    if method == "GET":
        return client.get(path, headers=headers).status_code
    data = form if token else {**form, "csrf": csrf}
    return client.post(path, data=data, headers=headers).status_code


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_every_route_answers_every_role_as_the_table_says(web_demo: WebDemo, web_app: FastAPI,
                                                          role: str) -> None:
    username = ROLE_USERS[role]
    client = logged_in(web_app, web_demo, username)
    token = add_token(AddTokenRequest(username, role, "test"), Wiring(web_demo.database)).secret
    csrf = page_csrf(client)
    wrong = []
    for name in REQUESTS:
        api = name.startswith("api_")
        status = _ask(client if not api else TestClient(web_app, base_url=BASE), name, csrf,
                      token if api else None)
        allowed = Role(role) in PERMISSIONS[name]
        if allowed and status in (401, 403) or not allowed and status != 403:
            wrong.append(f"{name}: {status} ({'mag' if allowed else 'mag niet'})")
    assert wrong == []


def test_without_login_pages_ask_to_log_in_and_the_api_answers_401(web_app: FastAPI) -> None:
    client = TestClient(web_app, base_url=BASE, follow_redirects=False)
    for name, (method, path, form) in REQUESTS.items():
        answer = (client.get(path) if method == "GET" else client.post(path, data=form))
        if name.startswith("api_"):
            assert answer.status_code == 401, name
            assert answer.headers["content-type"] == "application/problem+json"
        elif method == "GET":
            assert answer.status_code == 303, name
            assert answer.headers["location"].startswith("/login?next="), name
        else:
            assert answer.status_code in (303, 403), name  # no session: login, or no CSRF
