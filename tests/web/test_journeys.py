"""The journeys of the issue through the real application (TestClient; the browser versions
are in test_browser.py): an official uploads a file with two errors, fixes it, saves it with a
reason; a Heemstede official cannot open a Bloemendaal-only page and the audit log shows it; an
assessor starts an assessment; a council member downloads the report. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.services.access.use_cases import audit_log
from support.databases import BACKENDS, postgres_schema
from support.web import WebDemo, logged_in, make_web_demo, page_csrf

HEADER = "onderwerp,indicator,jaar,soort,waarde,eenheid,bron,peildatum,status,variant," \
         "vergelijkbaar,toelichting\n"
TEAM = "heemstede-bloemendaal/communicatie"
GOOD_ROW = f"{TEAM},formatie_fte,2022,realisatie,9.4,fte,Formatieplan 2022 (herzien),2022-01-01," \
           "definitief,,ja,\n"
NOT_A_NUMBER = f"{TEAM},bezetting_fte,2023,realisatie,negen,fte,Personeelssysteem,,definitief,," \
               "ja,\n"
HEEMSTEDE_ONLY = "GM0397/communicatie,formatie_fte,2023,realisatie,4.0,fte,Formatieplan,," \
                 "definitief,,ja,\n"
BLOEMENDAAL_OWN = "GM0377/communicatie,formatie_fte,2023,realisatie,4.5,fte,Formatieplan,," \
                  "definitief,,ja,\n"
SCOPE_MESSAGE = ("U mag geen gegevens invoeren voor GM0397/communicatie: dat hoort niet bij uw "
                 "gemeente.")


@pytest.fixture(params=BACKENDS)
def own_demo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[WebDemo]:
    if request.param == "sqlite":
        yield make_web_demo(f"sqlite:///{tmp_path}/demo.db", tmp_path)
        return
    with postgres_schema() as url:
        yield make_web_demo(url, tmp_path)


def test_an_official_uploads_a_file_with_two_errors_fixes_it_and_saves_it_with_a_reason(
        own_demo: WebDemo) -> None:
    client = logged_in(own_demo.app(), own_demo, "invoerder-bloemendaal")
    csrf = page_csrf(client)
    bad = HEADER + GOOD_ROW + NOT_A_NUMBER + HEEMSTEDE_ONLY
    answer = client.post("/gegevens/controle", data={"csrf": csrf},
                         files={"file": ("teamcijfers.csv", bad.encode(), "text/csv")})
    assert answer.status_code == 422
    assert "Het bestand teamcijfers.csv is geweigerd: 2 problemen; er is niets opgeslagen." \
        in answer.text
    assert SCOPE_MESSAGE in answer.text
    assert answer.text.count('class="utrecht-table__header-cell problem-text"') == 2
    assert "<td class=\"utrecht-table__cell\">4</td><td class=\"utrecht-table__cell\">" \
           "onderwerp</td>" in answer.text  # row 4, column onderwerp

    fixed = HEADER + GOOD_ROW + NOT_A_NUMBER.replace("negen", "9.0") + BLOEMENDAAL_OWN
    answer = client.post("/gegevens/controle", data={"csrf": csrf},
                         files={"file": ("teamcijfers.csv", fixed.encode(), "text/csv")})
    assert answer.status_code == 200, answer.text
    assert "Het bestand is goed. Er is nog niets opgeslagen." in answer.text
    assert "2 nieuwe gegevens" in answer.text and "1 verbetering" in answer.text

    answer = client.post("/gegevens/opslaan", data={"csrf": csrf, "reason": ""})
    assert answer.status_code == 422  # a correction needs a reason; nothing stored
    answer = client.post("/gegevens/controle", data={"csrf": csrf},
                         files={"file": ("teamcijfers.csv", fixed.encode(), "text/csv")})
    answer = client.post("/gegevens/opslaan",
                         data={"csrf": csrf, "reason": "formatieplan herzien"})
    assert answer.status_code == 200, answer.text
    assert "2 nieuw, 1 verbeterd" in answer.text

    history = client.get(f"/gegevens/geschiedenis?subject={TEAM}&indicator=formatie_fte")
    assert "formatieplan herzien" in history.text and "invoerder-bloemendaal" in history.text
    actions = [(e.action, e.outcome) for e in audit_log(Wiring(own_demo.database))]
    assert ("import", "ok") in actions and ("import-check", "refused") in actions


def test_a_heemstede_official_cannot_open_a_bloemendaal_only_page_and_the_log_shows_it(
        own_demo: WebDemo) -> None:
    client = logged_in(own_demo.app(), own_demo, "invoerder-heemstede")
    answer = client.get("/onderwerpen/GM0377/communicatie")
    assert answer.status_code == 403
    assert "Dit onderdeel hoort niet bij uw gemeente." in answer.text
    assert client.get(f"/onderwerpen/{TEAM}").status_code == 200  # the shared team: yes
    attempt = audit_log(Wiring(own_demo.database))[0]
    assert (attempt.username, attempt.action, attempt.target, attempt.outcome) == (
        "invoerder-heemstede", "forbidden", "/onderwerpen/GM0377/communicatie", "refused")
    home = client.get("/").text
    assert "Communicatie Bloemendaal" not in home


def test_an_assessor_starts_an_assessment(own_demo: WebDemo) -> None:
    client = logged_in(own_demo.app(), own_demo, "beoordelaar")
    answer = client.post("/toetsingen", data={"csrf": page_csrf(client), "first_year": "2019",
                                              "last_year": "2022", "baseline_year": "2018"})
    assert answer.status_code == 303 and answer.headers["location"] == "/toetsingen/R-0002"
    page = client.get("/toetsingen/R-0002").text
    assert "door beoordelaar" in page and "2019-2022" in page


def test_a_council_member_reads_the_matrix_and_downloads_the_report(own_demo: WebDemo) -> None:
    client = logged_in(own_demo.app(), own_demo, "raadslid")
    home = client.get("/").text
    assert "Oordelen per criterium" in home and "voldoet deels" in home
    report = client.get("/toetsingen/R-0001/rapport.pdf?gemeente=GM0397")
    assert report.status_code == 200 and report.content.startswith(b"%PDF")
    assert report.headers["content-type"] == "application/pdf"
    latest = audit_log(Wiring(own_demo.database))[0]
    assert (latest.action, latest.target) == ("report-download",
                                              "R-0001/rapport-GM0397.pdf")


def test_the_assessor_overrides_the_guidance_group_comments_and_the_council_adopts(
        own_demo: WebDemo) -> None:
    """Issue 12's journey in the browser's words: a judgement with its rationale and evidence,
    shown as a judgement beside the computed verdict; a comment while ter bespreking; adopted
    with the council's decision, after which the run is frozen."""
    app = own_demo.app()
    assessor = logged_in(app, own_demo, "beoordelaar")
    csrf = page_csrf(assessor)
    run_page = assessor.get("/toetsingen/R-0001").text
    key = f"{TEAM}/kwaliteit/2022"
    assert f'value="{key}"' in run_page
    answer = assessor.post("/toetsingen/R-0001/oordeel",
                           data={"csrf": csrf, "key": key, "action": "overschreven",
                                 "verdict": "voldoet_deels", "rationale": "Interviews: de "
                                 "tijdigheid is in 2022 niet gemeten maar geschat."},
                           files={"evidence": ("gesprek.txt", b"verslag", "text/plain")})
    assert answer.status_code == 303, answer.text
    page = assessor.get("/toetsingen/R-0001").text
    assert "Interviews: de tijdigheid is in 2022 niet gemeten maar geschat." in page
    assert assessor.post("/toetsingen/R-0001/status",
                         data={"csrf": csrf, "to": "ter_bespreking"}).status_code == 303

    guidance = logged_in(app, own_demo, "begeleidingsgroep")
    answer = guidance.post("/toetsingen/R-0001/opmerking",
                           data={"csrf": page_csrf(guidance), "text": "Graag de bron van de "
                                 "schatting in het rapport."})
    assert answer.status_code == 303
    assert "Graag de bron van de schatting in het rapport." in guidance.get(
        "/toetsingen/R-0001").text

    beheerder = logged_in(app, own_demo, "beheerder")
    answer = beheerder.post("/toetsingen/R-0001/status",
                            data={"csrf": page_csrf(beheerder), "to": "vastgesteld",
                                  "decision_number": "RB-2026-12", "decision_date": "2026-12-03"})
    assert answer.status_code == 303
    page = assessor.get("/toetsingen/R-0001").text
    assert "Vastgesteld: deze toetsing is definitief" in page and "RB-2026-12" in page
    assert 'action="/toetsingen/R-0001/oordeel"' not in page  # frozen: no more judgements
    refused = assessor.post("/toetsingen/R-0001/oordeel",
                            data={"csrf": csrf, "key": key, "action": "bevestigd",
                                  "rationale": "nog een"})
    assert refused.status_code == 422
    actions = [e.action for e in audit_log(Wiring(own_demo.database))]
    assert {"judge", "comment", "run-status"} <= set(actions)


def test_two_runs_compared_at_finding_level_name_the_measurement_version(
        own_demo: WebDemo) -> None:
    app = own_demo.app()
    official = logged_in(app, own_demo, "invoerder-bloemendaal")
    csrf = page_csrf(official)
    corrected = HEADER + GOOD_ROW
    official.post("/gegevens/controle", data={"csrf": csrf},
                  files={"file": ("correctie.csv", corrected.encode(), "text/csv")})
    assert official.post("/gegevens/opslaan", data={"csrf": csrf, "reason": "herzien"}
                         ).status_code == 200
    official.post("/toetsingen", data={"csrf": csrf, "first_year": "2018",
                                       "last_year": "2022", "baseline_year": "2018"})
    page = official.get("/vergelijking?a=R-0001&b=R-0002")
    assert page.status_code == 200
    assert "formatie_fte 2022 (realisatie)" in page.text
    assert "9.2 → 9.4" in page.text
