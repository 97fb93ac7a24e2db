"""Security of the web application: headers, cookie flags, CSRF on every form, login
throttling per account and per address, no open redirect, one message for every failed login."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.services.access import use_cases as access
from samenwerkingsmonitor.web.app import SESSION_COOKIE
from samenwerkingsmonitor.web.security import CSP
from support.web import BASE, ROLE_USERS, WebDemo, csrf_of, logged_in
from web.test_permissions import REQUESTS

CSRF_REFUSED = "Het formulier is verlopen of kwam niet van deze site."


def test_every_answer_carries_the_security_headers(web_app: FastAPI) -> None:
    client = TestClient(web_app, base_url=BASE)
    for path in ("/login", "/static/app.css", "/api/v1/runs", "/bestaat-niet"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CSP, path
        assert "script-src 'self';" in CSP and "unsafe-inline" not in CSP.split("style")[0]
        assert "frame-ancestors 'none'" in CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"
    assert "no-store" in client.get("/login").headers["cache-control"]
    assert "cache-control" not in client.get("/static/app.css").headers


def test_the_session_cookie_is_secure_httponly_samesite_lax_and_new_after_login(
        web_demo: WebDemo, web_app: FastAPI) -> None:
    client = TestClient(web_app, base_url=BASE, follow_redirects=False)
    form = client.get("/login")
    before = client.cookies.get(SESSION_COOKIE)
    answer = client.post("/login", data={"username": "beoordelaar",
                                         "password": web_demo.passwords["beoordelaar"],
                                         "csrf": csrf_of(form.text), "next": "/"})
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    for flag in ("secure", "httponly", "samesite=lax"):
        assert flag in cookie.lower()
    assert client.cookies.get(SESSION_COOKIE) != before


def test_no_page_has_inline_script(web_demo: WebDemo, web_app: FastAPI) -> None:
    client = logged_in(web_app, web_demo, "beoordelaar")
    html = client.get("/onderwerpen/heemstede-bloemendaal/communicatie").text
    scripts = html.split("<script")[1:]
    assert scripts, "the page has scripts"
    for script in scripts:  # every script is a file, or data that never runs
        head = script.split(">", 1)[0]
        assert 'src="/static/' in head or 'type="application/json"' in head, head


@pytest.mark.parametrize("name", [n for n, (m, _p, _f) in REQUESTS.items()
                                  if m == "POST" and not n.startswith("api_")])
def test_every_form_is_refused_without_its_csrf_token(sqlite_demo: WebDemo, name: str) -> None:
    app = sqlite_demo.app()
    role = {"account_add": "beheerder", "account_disable": "beheerder",
            "account_enable": "beheerder", "account_reset": "beheerder",
            "organisation_upload": "beheerder", "run_start": "beoordelaar",
            "run_judge": "beoordelaar", "run_status": "beoordelaar",
            "run_comment": "begeleidingsgroep"}.get(name, "invoerder")
    client = logged_in(app, sqlite_demo, ROLE_USERS[role])
    _method, path, form = REQUESTS[name]
    for token in (None, "vals"):
        data = form if token is None else {**form, "csrf": token}
        answer = client.post(path, data=data)
        assert answer.status_code == 403, (name, token)
        assert CSRF_REFUSED in answer.text


def test_the_login_form_needs_its_csrf_token_too(sqlite_demo: WebDemo) -> None:
    client = TestClient(sqlite_demo.app(), base_url=BASE, follow_redirects=False)
    answer = client.post("/login", data={"username": "beoordelaar",
                                         "password": sqlite_demo.passwords["beoordelaar"]})
    assert answer.status_code == 403
    assert CSRF_REFUSED in answer.text


def _try(client: TestClient, username: str, password: str) -> int:
    form = client.get("/login")
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf": csrf_of(form.text)}).status_code


def test_five_failed_logins_lock_the_account_for_a_quarter_even_with_the_right_password(
        fresh_demo: WebDemo) -> None:
    client = TestClient(fresh_demo.app(), base_url=BASE, follow_redirects=False)
    for _ in range(access.MAX_FAILURES_ACCOUNT):
        assert _try(client, "beoordelaar", "fout") == 401
    assert _try(client, "beoordelaar", fresh_demo.passwords["beoordelaar"]) == 429
    assert _try(client, "raadslid", fresh_demo.passwords["raadslid"]) == 303  # others not


def test_a_quarter_later_the_account_may_try_again(fresh_demo: WebDemo) -> None:
    ports = Wiring(fresh_demo.database)
    then = datetime.now(UTC) - access.THROTTLE_WINDOW - timedelta(minutes=1)
    for _ in range(access.MAX_FAILURES_ACCOUNT):
        with pytest.raises(access.AccessRefused):
            access.log_in(access.LoginRequest("beoordelaar", "fout", "10.0.0.9", then), ports)
    account = access.log_in(access.LoginRequest(
        "beoordelaar", fresh_demo.passwords["beoordelaar"], "10.0.0.9"), ports)
    assert account.username == "beoordelaar"


def test_many_failures_from_one_address_lock_that_address(fresh_demo: WebDemo) -> None:
    ports = Wiring(fresh_demo.database)
    for n in range(access.MAX_FAILURES_ADDRESS):
        with pytest.raises(access.AccessRefused):
            access.log_in(access.LoginRequest(f"gok{n}", "fout", "10.0.0.7"), ports)
    with pytest.raises(access.LoginThrottled) as refused:
        access.log_in(access.LoginRequest("raadslid", fresh_demo.passwords["raadslid"],
                                          "10.0.0.7"), ports)
    assert str(refused.value) == (
        "Te veel mislukte pogingen om in te loggen. Wacht een kwartier en probeer het dan "
        "opnieuw, of vraag de beheerder om een nieuw wachtwoord.")
    assert access.log_in(access.LoginRequest("raadslid", fresh_demo.passwords["raadslid"],
                                             "10.0.0.8"), ports).username == "raadslid"


def test_a_wrong_password_and_an_unknown_account_get_the_same_message(
        sqlite_demo: WebDemo) -> None:
    client = TestClient(sqlite_demo.app(), base_url=BASE, follow_redirects=False)
    message = "Gebruikersnaam of wachtwoord klopt niet, of het account is uitgezet."
    for username in ("beoordelaar", "bestaat-niet"):
        form = client.get("/login")
        answer = client.post("/login", data={"username": username, "password": "fout",
                                             "csrf": csrf_of(form.text)})
        assert answer.status_code == 401 and message in answer.text


def test_after_login_only_a_path_on_this_site_is_followed(sqlite_demo: WebDemo) -> None:
    client = TestClient(sqlite_demo.app(), base_url=BASE, follow_redirects=False)
    for target, expected in (("//evil.example/x", "/"), ("https://evil.example", "/"),
                             ("/kader", "/kader")):
        form = client.get("/login")
        answer = client.post("/login", data={"username": "raadslid",
                                             "password": sqlite_demo.passwords["raadslid"],
                                             "csrf": csrf_of(form.text), "next": target})
        assert answer.headers["location"] == expected


def test_a_disabled_account_cannot_log_in_and_its_session_ends(fresh_demo: WebDemo) -> None:
    app = fresh_demo.app()
    client = logged_in(app, fresh_demo, "raadslid")
    assert client.get("/").status_code == 200
    access.set_disabled(access.ChangeAccountRequest("raadslid", "test"), True,
                        Wiring(fresh_demo.database))
    assert client.get("/").status_code == 303
    assert _try(TestClient(app, base_url=BASE, follow_redirects=False), "raadslid",
                fresh_demo.passwords["raadslid"]) == 401
