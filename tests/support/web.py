"""The web application on the demo data, for tests: one demo database per backend (made once
per session through the demo front door), one account per role, a logged-in TestClient, and a
real uvicorn server for the browser."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.services.access.use_cases import AddAccountRequest, add_account
from samenwerkingsmonitor.services.demo.use_cases import DemoRequest, run_demo
from samenwerkingsmonitor.web.app import create_app
from samenwerkingsmonitor.web.config import WebConfig

BASE = "https://testserver"  # https: the session cookie is Secure
ACCOUNTS = {  # username: (role, municipalities)
    "beheerder": ("beheerder", ()),
    "invoerder-bloemendaal": ("invoerder", ("GM0377",)),
    "invoerder-heemstede": ("invoerder", ("GM0397",)),
    "beoordelaar": ("beoordelaar", ()),
    "raadslid": ("lezer", ("GM0397",)),
    "begeleidingsgroep": ("begeleidingsgroep", ("GM0397", "GM0377")),
}
ROLE_USERS = {"beheerder": "beheerder", "invoerder": "invoerder-bloemendaal",
              "beoordelaar": "beoordelaar", "lezer": "raadslid",
              "begeleidingsgroep": "begeleidingsgroep"}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class WebDemo:
    database: str
    folder: Path
    passwords: dict[str, str]

    def app(self, **options: object) -> FastAPI:
        return create_app(WebConfig(self.database, upload_dir=self.folder / "uploads",
                                    **options))  # type: ignore[arg-type]


def make_web_demo(database: str, folder: Path) -> WebDemo:
    """The demo chain (register, import, vulnerability, assess) on `database`, plus accounts."""
    wiring = Wiring(database)
    run_demo(DemoRequest(folder, "demo", formats=(), database=database), wiring)
    demo = Wiring(database)
    passwords = {}
    for username, (role, municipalities) in ACCOUNTS.items():
        made = add_account(AddAccountRequest(username, (role,), municipalities, "test"), demo)
        passwords[username] = made.secret
    return WebDemo(database, folder, passwords)


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def logged_in(app: FastAPI, demo: WebDemo, username: str) -> TestClient:
    client = TestClient(app, base_url=BASE, follow_redirects=False)
    form = client.get("/login")
    answer = client.post("/login", data={"username": username,
                                         "password": demo.passwords[username],
                                         "csrf": csrf_of(form.text), "next": "/"})
    assert answer.status_code == 303, answer.text
    return client


def page_csrf(client: TestClient) -> str:
    return csrf_of(client.get("/").text)


@contextmanager
def running_server(app: FastAPI) -> Iterator[str]:
    """A real uvicorn server on a free port of 127.0.0.1; yields its base URL."""
    import uvicorn

    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    started = threading.Event()
    original = server.startup

    async def startup(sockets: object = None) -> None:
        await original(sockets)  # type: ignore[arg-type]
        started.set()

    server.startup = startup  # type: ignore[method-assign]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    # Wait for the server itself, however long a loaded machine takes; stop only when the
    # server thread has died (a start-up error), never after a fixed time.
    while not started.wait(0.5):
        if not thread.is_alive():
            raise RuntimeError("uvicorn stopped before it started listening")
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
