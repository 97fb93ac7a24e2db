"""The held-out journey of issue 12: an assessor overrides one verdict with a rationale and
evidence, the guidance group comments, the council adopts the run; every report format shows
the judgement as a judgement with the computed verdict beside it and says "definitief", and
`verify` passes on every run made on the way.

Real SQLite file, the real command line, real HTML, PDF (pdftotext) and DOCX read back.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from reading import docx_text, html_text, needs_poppler, pdf_pages

from support.cli import Cli

EXAMPLE = Path(__file__).resolve().parents[2] / "src/samenwerkingsmonitor/example"
TEAM = "heemstede-bloemendaal/communicatie"
KEY = f"{TEAM}/kwaliteit_oordeel/2020/kwaliteit_oordeel_schaal"
SUBJECTS = f"{TEAM},GM0397,heemstede-bloemendaal"


def ok(cli: Cli, *args: str) -> str:
    code, out, err = cli(*args)
    assert code == 0, out + err
    return out


@pytest.fixture
def journey(cli: Cli, tmp_path: Path) -> tuple[str, Path]:
    url = f"sqlite:///{tmp_path / 'reis.db'}"
    db = ("--database", url)
    ok(cli, *db, "init")
    ok(cli, *db, "register", str(EXAMPLE / "organisatie.toml"))
    ok(cli, *db, "import", str(EXAMPLE / "metingen.csv"))
    ok(cli, *db, "assess", "--subjects", SUBJECTS, "--years", "2018-2022", "--baseline", "2018")
    return url, tmp_path


def computed_verdict(cli: Cli, url: str) -> str:
    out = ok(cli, "--database", url, "judgements", "R-0001", "--format", "json")
    assert json.loads(out)["judgements"] == []
    from samenwerkingsmonitor.adapters.storage import open_repository

    repo = open_repository(url)
    try:
        return next(f.verdict.value for f in repo.findings("R-0001")
                    if (f.subject, f.indicator, f.year) == (TEAM, "kwaliteit_oordeel", 2020))
    finally:
        repo.close()


@needs_poppler
def test_override_comment_adopt_and_every_format_shows_the_judgement(
        cli: Cli, journey: tuple[str, Path]) -> None:
    url, folder = journey
    db = ("--database", url)
    computed = computed_verdict(cli, url)
    assert computed == "voldoet"
    evidence = folder / "interview-afdelingshoofd.txt"
    evidence.write_text("Wachttijden voor persvragen liepen in 2020 op.\n", encoding="utf-8")
    out = ok(cli, *db, "--user", "bureau-x", "judge", "R-0001", KEY, "--action", "overschreven",
             "--verdict", "voldoet_deels", "--rationale",
             "Interviews tonen oplopende wachttijden", "--evidence", str(evidence),
             "--notes", "Gesprek met het afdelingshoofd op 3 maart 2021")
    assert out == (f"Oordeel 1 vastgelegd bij R-0001 {KEY}: overschreven, voldoet_deels "
                   "(berekend: voldoet).\n")

    code, _out, err = cli(*db, "comment", "R-0001", "Graag meer toelichting")
    assert code == 1
    assert "Toetsing R-0001 is nog concept; opmerkingen kunnen pas als de toetsing ter " \
           "bespreking ligt." in err
    ok(cli, *db, "run", "status", "R-0001", "--to", "ter_bespreking")
    ok(cli, *db, "--user", "raadslid-a", "comment", "R-0001", "Graag meer toelichting",
       "--key", KEY)
    ok(cli, *db, "--user", "griffie", "run", "status", "R-0001", "--to", "vastgesteld",
       "--decision", "RB-2023-010", "--decision-date", "2023-02-02")

    code, out, err = cli(*db, "judge", "R-0001", KEY, "--action", "bevestigd",
                         "--rationale", "toch goed")
    assert (code, out) == (1, "")
    assert err == (
        "Fout: Het oordeel is niet vastgelegd: 1 probleem.\n"
        "- judge, sleutel RUN: Toetsing R-0001 is vastgesteld (RB-2023-010) en kan niet meer "
        "veranderen. Een oordeel bij nieuwe gegevens hoort bij een nieuwe toetsing: maak die "
        "met 'assess'.\n")

    listed = json.loads(ok(cli, *db, "judgements", "R-0001", "--format", "json"))
    assert listed["status"] == "vastgesteld" and listed["definitive"] is True
    assert listed["decision"] == {"number": "RB-2023-010", "date": "2023-02-02"}
    (judged,) = listed["judgements"]
    assert (judged["verdict"], judged["computed_verdict"], judged["user"], judged["current"]) \
        == ("voldoet_deels", "voldoet", "bureau-x", True)
    assert judged["evidence"] == [{
        "file": evidence.name, "size": evidence.stat().st_size,
        "sha256": hashlib.sha256(evidence.read_bytes()).hexdigest()}]
    assert [c["user"] for c in listed["comments"]] == ["raadslid-a"]

    report = folder / "rapport"
    ok(cli, *db, "report", "R-0001", "--as", "html,pdf,docx", "--appendix",
       "--output", str(report))
    said = ("Communicatie – Oordeel over de kwaliteit 2020: voldoet deels (berekend: voldoet), "
            "overschreven door bureau-x (beoordelaar)")
    cell = "oordeel van de beoordelaar; berekend: voldoet"
    status = "definitief: vastgesteld bij raadsbesluit RB-2023-010 van 2 februari 2023"
    texts = {
        "rapport.html": html_text(report / "rapport.html"),
        "rapport.pdf": " ".join(pdf_pages(report / "rapport.pdf")),
        "rapport.docx": docx_text(report / "rapport.docx"),
        "technische-bijlage.html": html_text(report / "technische-bijlage.html"),
        "technische-bijlage.pdf": " ".join(pdf_pages(report / "technische-bijlage.pdf")),
        "technische-bijlage.docx": docx_text(report / "technische-bijlage.docx"),
    }
    for name, text in texts.items():
        flat = " ".join(re.sub("\xad\\s*", "", text).split())  # PDF: soft hyphens
        assert said in flat, name
        assert status in flat, name
        if name.startswith("technische-bijlage"):
            assert cell in flat, name
            assert "Opmerking van raadslid-a (begeleidingsgroep" in flat, name
            assert ("over Communicatie – Oordeel over de kwaliteit 2020: Graag meer "
                    "toelichting") in flat, name
            assert "Er zijn (nog) geen oordelen van een externe beoordelaar" not in flat, name

    # New data after adoption makes a new run; every run made on the way reproduces.
    ok(cli, *db, "process", "add", "raadsinformatiebrief", "--cooperation",
       "heemstede-bloemendaal", "--date", "2022-12-20", "--number", "RIB-2022-099",
       "--municipality", "GM0397", "--title", "Uitkomst van de toetsing")
    ok(cli, *db, "assess", "--subjects", SUBJECTS, "--years", "2018-2022", "--baseline", "2018")
    for run in ("R-0001", "R-0002"):
        assert ok(cli, *db, "verify", run).startswith(f"Toetsing {run} is gereproduceerd")


def test_a_later_judgement_supersedes_and_the_refusals_name_what_to_fix(
        cli: Cli, journey: tuple[str, Path]) -> None:
    url, _folder = journey
    db = ("--database", url)
    ok(cli, *db, "judge", "R-0001", KEY, "--action", "gekwalificeerd", "--rationale",
       "Klopt, met de kanttekening dat de score uit drie interviews komt")
    ok(cli, *db, "judge", "R-0001", KEY, "--action", "overschreven", "--verdict",
       "voldoet_niet", "--rationale", "Na het vierde interview")
    listed = json.loads(ok(cli, *db, "judgements", "R-0001", "--format", "json"))
    assert [(j["action"], j["verdict"], j["current"]) for j in listed["judgements"]] == [
        ("gekwalificeerd", "voldoet", False), ("overschreven", "voldoet_niet", True)]

    code, _out, err = cli(*db, "judge", "R-0001", KEY, "--action", "overschreven",
                          "--verdict", "voldoet", "--rationale", " ")
    assert code == 1
    assert err == (
        "Fout: Het oordeel is niet vastgelegd: 2 problemen.\n"
        "- judge, sleutel --rationale: De onderbouwing ontbreekt. Schrijf met --rationale "
        "waarom u dit oordeel geeft.\n"
        "- judge, sleutel --verdict: Bij overschrijven hoort een ander oordeel dan het "
        "berekende (voldoet). Geef met --verdict het oordeel dat u geeft, of kies --action "
        "gekwalificeerd om het berekende oordeel met uitleg te laten staan.\n")
    code, _out, err = cli(*db, "judge", "R-0001", KEY, "--action", "bevestigd",
                          "--rationale", "ja", "--role", "begeleidingsgroep")
    assert err == (
        "Fout: Het oordeel is niet vastgelegd: 1 probleem.\n"
        "- judge, sleutel --role: Met de rol 'begeleidingsgroep' kunt u geen oordeel "
        "vastleggen. Alleen een beoordelaar of de rekenkamer legt oordelen vast.\n")
    code, _out, err = cli(*db, "run", "status", "R-0001", "--to", "vastgesteld")
    assert err == (
        "Fout: De statuswijziging is niet vastgelegd: 2 problemen.\n"
        "- run status, sleutel --decision: Het nummer van het raadsbesluit ontbreekt. Geef "
        "met --decision het nummer van het besluit waarmee de raad de toetsing vaststelde.\n"
        "- run status, sleutel --decision-date: De datum van het raadsbesluit ontbreekt. Geef "
        "met --decision-date de datum als JJJJ-MM-DD.\n")
    assert ok(cli, *db, "verify", "R-0001").startswith("Toetsing R-0001 is gereproduceerd")


def test_a_judged_criterion_verdict_shows_in_the_matrix_beside_the_computed_one(
        cli: Cli, journey: tuple[str, Path]) -> None:
    url, folder = journey
    db = ("--database", url)
    from samenwerkingsmonitor.adapters.storage import open_repository

    repo = open_repository(url)
    try:
        verdict = next(v for v in repo.criterion_verdicts("R-0001")
                       if (v.subject, v.criterion, v.year) == (TEAM, "kwaliteit", 2022))
    finally:
        repo.close()
    other = "voldoet_niet" if verdict.verdict.value != "voldoet_niet" else "voldoet"
    ok(cli, *db, "--user", "rekenkamer-y", "judge", "R-0001", f"{TEAM}/kwaliteit/2022",
       "--action", "overschreven", "--verdict", other, "--role", "rekenkamer",
       "--rationale", "Klachtendossier weegt zwaarder")
    ok(cli, *db, "report", "R-0001", "--as", "html", "--appendix", "--output", str(folder / "r"))
    text = " ".join(html_text(folder / "r" / "technische-bijlage.html").split())
    labels = {"voldoet": "voldoet", "voldoet_deels": "voldoet deels",
              "voldoet_niet": "voldoet niet", "niet_te_beoordelen": "niet te beoordelen"}
    assert (f"{labels[other]} oordeel van de beoordelaar; berekend: "
            f"{labels[verdict.verdict.value]}") in text
    assert (f"Communicatie – criterium Kwaliteit 2022: {labels[other]} (berekend: "
            f"{labels[verdict.verdict.value]}), overschreven door rekenkamer-y "
            "(rekenkamer)") in text
