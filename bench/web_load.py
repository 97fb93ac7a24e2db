"""Load on the web application (issue 11): 50 simulated users for 60 s on the demo in
PostgreSQL.

    .venv/bin/python bench/web_load.py [--users 50] [--seconds 60] [--database URL]

The demo (register, import, vulnerability, assess) goes into a new schema of the PostgreSQL
server that scripts/postgres-for-tests.sh gives (or --database); the application runs in its
own process under uvicorn, as `serve` starts it. Every simulated user logs in once, then in a
loop reads the home page, a subject page and the JSON findings of the run, and a static file of
the same server: the baseline of the same run. Prints p50/p95 per page, the ratio of each page's
p95 to the static file's p95, and the failed requests, with each aim as "gehaald" or "GEMIST".
Aims: 0 failed requests; p95 of every page within 3× the static file.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from statistics import quantiles

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.services.access.use_cases import (
    AddAccountRequest,
    AddTokenRequest,
    add_account,
    add_token,
)
from samenwerkingsmonitor.services.demo.use_cases import DemoRequest, run_demo

ROOT = Path(__file__).resolve().parents[1]
AIM_RATIO = 3.0
PAGES = {"home": "/", "onderwerp": "/onderwerpen/heemstede-bloemendaal/communicatie",
         "findings (JSON)": "/api/v1/runs/R-0001/findings", "statisch bestand": "/static/app.css"}
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def postgres_url(option: str | None) -> tuple[str, str, str]:
    """(base URL, schema URL, schema): a new schema on the server."""
    base = option or subprocess.run([str(ROOT / "scripts" / "postgres-for-tests.sh")],
                                    capture_output=True, text=True).stdout.strip()
    if not base:
        raise SystemExit("Geen PostgreSQL-server; de belastingsproef heeft er een nodig.")
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return base, url.render_as_string(hide_password=False), schema


def drop(base: str, schema: str) -> None:
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(database: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SAMENWERKINGSMONITOR_DATABASE": database,
           "SAMENWERKINGSMONITOR_SECRET_KEY": secrets.token_urlsafe(32)}
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory",
         "samenwerkingsmonitor.web.app:app_from_environment", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"], env=env)


async def wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(600):
            if server.poll() is not None:
                raise SystemExit("De server stopte bij het starten.")
            try:
                if (await client.get(url + "/gezond")).status_code == 200:
                    return
            except httpx.TransportError:
                await asyncio.sleep(0.1)
    raise SystemExit("De server kwam niet op.")


async def log_in(client: httpx.AsyncClient, username: str, password: str) -> str:
    """The session cookie, sent by hand: the Secure cookie would not travel over plain http."""
    form = await client.get("/login")
    csrf = CSRF.search(form.text)
    assert csrf
    answer = await client.post("/login", data={"username": username, "password": password,
                                               "csrf": csrf.group(1)},
                               headers={"cookie": form.headers.get("set-cookie", "")})
    assert answer.status_code == 303, answer.text[:300]
    return answer.headers["set-cookie"].split(";", 1)[0]


async def user(url: str, cookie: str, token: str, until: float,
               times: dict[str, list[float]], failures: dict[str, int]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        while time.monotonic() < until:
            for name, path in PAGES.items():
                headers = ({"authorization": f"Bearer {token}"} if path.startswith("/api")
                           else {"cookie": cookie})
                start = time.perf_counter()
                try:
                    answer = await client.get(path, headers=headers)
                    ok = answer.status_code == 200
                except httpx.HTTPError:
                    ok = False
                times[name].append(time.perf_counter() - start)
                failures[name] += 0 if ok else 1


def p(values: list[float], q: int) -> float:
    return quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


async def load(url: str, users: int, seconds: float, password: str, token: str) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        cookies = [await log_in(client, "lezer", password) for _ in range(users)]
        for path in PAGES.values():  # warm: the run's report model is built once per process
            await client.get(path, headers={"cookie": cookies[0],
                                            "authorization": f"Bearer {token}"})
    times: dict[str, list[float]] = {name: [] for name in PAGES}
    failures = {name: 0 for name in PAGES}
    until = time.monotonic() + seconds
    await asyncio.gather(*(user(url, c, token, until, times, failures) for c in cookies))
    static = p(times["statisch bestand"], 95)
    print(f"Webapplicatie onder belasting: {users} gebruikers, {seconds:.0f} s, demo op "
          "PostgreSQL, één uvicorn-proces")
    for name in PAGES:
        ratio = p(times[name], 95) / static
        aim = "" if name == "statisch bestand" else (
            f"  {ratio:4.1f}× statisch; doel ≤ {AIM_RATIO:.0f}×: "
            f"{'gehaald' if ratio <= AIM_RATIO else 'GEMIST'}")
        print(f"  {name:<18} {len(times[name]):6d} verzoeken  p50 {p(times[name], 50)*1000:7.1f} ms"
              f"  p95 {p(times[name], 95)*1000:7.1f} ms{aim}")
    failed = sum(failures.values())
    print(f"  mislukte verzoeken: {failed}; doel 0: {'gehaald' if failed == 0 else 'GEMIST'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--database", help="PostgreSQL-URL (standaard: de testserver)")
    options = parser.parse_args()
    base, database, schema = postgres_url(options.database)
    server = None
    try:
        with tempfile.TemporaryDirectory() as folder:
            run_demo(DemoRequest(Path(folder), "bench", formats=(), database=database),
                     Wiring(database))
        wiring = Wiring(database)
        password = add_account(AddAccountRequest("lezer", ("lezer",), ("GM0397",), "bench"),
                               wiring).secret
        token = add_token(AddTokenRequest("lezer", "lezer", "bench"), wiring).secret
        wiring.repository().close()
        port = free_port()
        server = start_server(database, port)
        url = f"http://127.0.0.1:{port}"
        asyncio.run(wait_until_up(url, server))
        asyncio.run(load(url, options.users, options.seconds, password, token))
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        drop(base, schema)


if __name__ == "__main__":
    main()
