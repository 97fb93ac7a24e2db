"""Every explanation names value, norm, baseline, data quality, verdict, rule and source."""

from __future__ import annotations

from dataclasses import replace

import pytest

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.domain.assessment import Finding
from samenwerkingsmonitor.domain.measurements import BaselineStatus
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.i18n import set_language
from samenwerkingsmonitor.services.assessment.explain import explain
from samenwerkingsmonitor.services.frameworks.load import load_framework

FRAMEWORK = load_framework("standaardkader", TomlFrameworkFiles())
PEER = Finding(
    subject="GM0397", indicator="apparaatskosten_per_inwoner", criterion="kosten", year=2020,
    norm="apparaatskosten_vergelijking", norm_kind="vergelijkingsgroep",
    verdict=Verdict.PARTLY_MEETS, value=420.5, scale_value=None, unit="eur_per_inwoner",
    compared=420.5, target=400.0, signal=450.0, target_inclusive=True, signal_inclusive=True,
    reference=401.0, baseline_value=380.0, baseline_year=2018,
    baseline_status=BaselineStatus.RECONSTRUCTED, norm_source="BBV (gemeenteraad)",
    rule="vergelijkingsgroep/lager_is_beter", gap=None, labels=("schatting",),
    detail=(("vergelijkingsgroep", "vergelijkbare-gemeenten"), ("aantal_vergelijkbaar", "6"),
            ("weggelaten_niet_vergelijkbaar", "GM0629"), ("voorbeeldnorm", "ja")),
)


def indicator(finding: Finding):  # type: ignore[no-untyped-def]
    found = FRAMEWORK.indicator(finding.indicator)
    assert found is not None
    return found


def test_a_peer_finding_names_everything() -> None:
    assert explain(PEER, indicator(PEER)) == (
        "Apparaatskosten per inwoner in 2020: € 420 per inwoner. Vergelijkingsgroep: "
        "streefwaarde ≤ 400, signaalwaarde ≤ 450 (percentielen van vergelijkbare gemeenten). "
        "Vergeleken met 6 gemeenten uit groep 'vergelijkbare-gemeenten'. Niet meegeteld omdat "
        "hun waarde niet vergelijkbaar is: GM0629. Nulmeting 2018: € 380 per inwoner "
        "(gereconstrueerd). Datakwaliteit: schatting. Oordeel: voldoet deels (regel: ten opzichte "
        "van vergelijkbare gemeenten, lager is beter; bron van de norm: BBV (gemeenteraad); "
        "voorbeeldnorm, de raad stelt de waarde vast).")


def test_a_gap_names_the_missing_inputs() -> None:
    finding = replace(PEER, verdict=Verdict.NOT_ASSESSABLE, value=None, compared=None,
                      gap="invoer_ontbreekt", labels=(),
                      detail=(("ontbrekende_invoer", "inwoners"),))
    assert explain(finding, indicator(finding)) == (
        "Apparaatskosten per inwoner in 2020: –. Niet te beoordelen: invoer ontbreekt "
        "(inwoners).")


def test_a_qualitative_finding_names_the_answer_and_its_verdict() -> None:
    finding = replace(PEER, indicator="kwaliteit_oordeel", norm_kind="kwalitatief",
                      verdict=Verdict.MEETS, value=None, scale_value="4", unit="score_1_5",
                      rule="kwalitatief/hoger_is_beter", labels=(), detail=(), year=2018)
    text = explain(finding, indicator(finding))
    assert "Volgens de schaal van de norm geeft het antwoord '4' het oordeel 'voldoet'." in text
    assert "Dit is het jaar van de nulmeting (gereconstrueerd)." in text


def test_in_english() -> None:
    try:
        set_language("en")
        text = explain(PEER, indicator(PEER))
    finally:
        set_language("nl")
    assert "Data quality:" in text and "Verdict: partly meets" in text


@pytest.mark.parametrize("status", list(BaselineStatus))
def test_every_baseline_status_is_worded(status: BaselineStatus) -> None:
    finding = replace(PEER, baseline_status=status,
                      baseline_value=None if status is BaselineStatus.MISSING else 380.0)
    assert "Nulmeting 2018:" in explain(finding, indicator(finding))
