"""The open JSON API: personal tokens, problem+json errors with the located problems of the
command line, and Schemathesis against the OpenAPI document (0 server errors, every response
conforming to the document)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.services.access.use_cases import (
    AddTokenRequest,
    add_token,
    revoke_token,
)
from support.web import BASE, WebDemo, make_web_demo, running_server

TEAM = "heemstede-bloemendaal/communicatie"


def _token(demo: WebDemo, username: str, role: str) -> str:
    return add_token(AddTokenRequest(username, role, "test"), Wiring(demo.database)).secret


def _bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def test_findings_come_with_their_explanation_and_facts(web_demo: WebDemo,
                                                         web_app: FastAPI) -> None:
    client = TestClient(web_app, base_url=BASE)
    headers = _bearer(_token(web_demo, "raadslid", "lezer"))
    findings = client.get(f"/api/v1/runs/R-0001/findings?subject={TEAM}", headers=headers)
    assert findings.status_code == 200
    body = findings.json()
    assert {f["subject"] for f in body} == {TEAM}
    first = next(f for f in body if f["indicator"] == "ziekteverzuim_pct" and f["year"] == 2020)
    assert first["verdict"] == "voldoet"
    assert first["explanation"].startswith("Ziekteverzuim in 2020: 4,5 %.")
    verdicts = client.get("/api/v1/runs/latest/verdicts", headers=headers).json()
    assert {"subject", "criterion", "year", "verdict", "rule", "counts"} <= set(verdicts[0])


def test_a_council_member_of_heemstede_gets_no_bloemendaal_only_team(web_demo: WebDemo,
                                                                      web_app: FastAPI) -> None:
    client = TestClient(web_app, base_url=BASE)
    headers = _bearer(_token(web_demo, "raadslid", "lezer"))
    subjects = {s["id"] for s in client.get("/api/v1/subjects", headers=headers).json()}
    assert TEAM in subjects and "GM0397/communicatie" in subjects
    assert "GM0377/communicatie" not in subjects
    refused = client.get("/api/v1/runs/R-0001/findings?subject=GM0377/communicatie",
                         headers=headers)
    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"


def test_a_refused_import_answers_problem_json_with_the_located_problems(
        tmp_path: Path) -> None:
    demo = make_web_demo(f"sqlite:///{tmp_path}/demo.db", tmp_path)
    client = TestClient(demo.app(), base_url=BASE)
    token = _token(demo, "invoerder-bloemendaal", "invoerder")
    bad = ("onderwerp,indicator,jaar,soort,waarde,eenheid,bron\n"
           f"{TEAM},formatie_fte,2023,realisatie,negen,fte,Formatieplan\n")
    answer = client.post("/api/v1/imports", headers=_bearer(token),
                         files={"file": ("cijfers.csv", bad.encode(), "text/csv")},
                         data={"dry_run": "true"})
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert problem["detail"] == ("Het bestand cijfers.csv is geweigerd: 1 probleem; er is niets "
                                 "opgeslagen.")
    assert [(p["row"], p["column"], p["message"]) for p in problem["problems"]] == [
        (2, "waarde", "Waarde 'negen' is geen getal.")]
    good = bad.replace("negen", "9.1")
    answer = client.post("/api/v1/imports", headers=_bearer(token),
                         files={"file": ("cijfers.csv", good.encode(), "text/csv")},
                         data={"reason": "formatie 2023"})
    assert answer.status_code == 200 and answer.json()["new"] == 1
    history = client.get(f"/api/v1/measurements/history?subject={TEAM}&indicator=formatie_fte",
                         headers=_bearer(token)).json()
    assert any(v["year"] == 2023 and v["value"] == 9.1 and v["user"] == "invoerder-bloemendaal"
               for v in history)


def test_a_revoked_or_wrong_token_is_refused(sqlite_demo: WebDemo) -> None:
    client = TestClient(sqlite_demo.app(), base_url=BASE)
    token = _token(sqlite_demo, "beoordelaar", "beoordelaar")
    assert client.get("/api/v1/runs", headers=_bearer(token)).status_code == 200
    assert client.get("/api/v1/runs", headers=_bearer(token + "x")).status_code == 401
    revoke_token(token.split("_")[1], "test", "test", Wiring(sqlite_demo.database))
    answer = client.get("/api/v1/runs", headers=_bearer(token))
    assert answer.status_code == 401
    assert answer.json()["title"] == "Niet aangemeld"


def test_a_token_carries_only_its_own_role(sqlite_demo: WebDemo) -> None:
    client = TestClient(sqlite_demo.app(), base_url=BASE)
    reader = _token(sqlite_demo, "raadslid", "lezer")
    answer = client.post("/api/v1/imports", headers=_bearer(reader),
                         files={"file": ("x.csv", b"onderwerp\n", "text/csv")})
    assert answer.status_code == 403


@pytest.fixture(scope="module")
def api_demo(tmp_path_factory: pytest.TempPathFactory) -> WebDemo:
    folder = tmp_path_factory.mktemp("schemathesis")
    return make_web_demo(f"sqlite:///{folder}/demo.db", folder)


def test_the_api_holds_to_its_openapi_document(tmp_path: Path) -> None:
    """Schemathesis (its command line, every check) against a real server on the demo, as an
    official of Bloemendaal with an API token: no server error, status codes, content types,
    headers and bodies as the OpenAPI document says. Seeded: the same cases every run."""
    demo = make_web_demo(f"sqlite:///{tmp_path}/demo.db", tmp_path)
    token = _token(demo, "invoerder-bloemendaal", "invoerder")
    with running_server(demo.app()) as url:
        done = subprocess.run(
            [str(Path(sys.executable).with_name("schemathesis")),
             "--config-file", str(Path(__file__).with_name("schemathesis.toml")), "run",
             f"{url}/api/v1/openapi.json", "--max-examples", "30",
             "--seed", "20261204", "--generation-deterministic", "--no-color",
             "--header", f"Authorization: Bearer {token}", "--workers", "1",
             "--report", "junit", "--report-dir", str(tmp_path / "st")],
            capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
