"""The sentence functions of the Raadsrapportage (services/report/sentences.py): each makes
whole, short sentences from facts, in Dutch and in English, and keeps percent and percentage
points apart."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from samenwerkingsmonitor.i18n import set_language
from samenwerkingsmonitor.services.report import sentences as say


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("nl")


CASES: list[tuple[Callable[[], str], str, str]] = [
    (lambda: say.cause_at_most("ziekteverzuim", "7,6 %", "5,8 %"),
     "Ziekteverzuim is 7,6 %. De norm is hoogstens 5,8 %.",
     "Ziekteverzuim is 7,6 %. The norm is at most 5,8 %."),
    (lambda: say.cause_at_least("klanttevredenheid", "7,0", "7,5"),
     "Klanttevredenheid is 7,0. De norm is minstens 7,5.",
     "Klanttevredenheid is 7,0. The norm is at least 7,5."),
    (lambda: say.cause_growth("lasten van het team", 11.3, 2018, 0.0, True),
     "Lasten van het team is 11,3 % hoger dan in 2018, gerekend in prijzen van 2018. "
     "De norm is: niet hoger dan in 2018.",
     "Lasten van het team is 11.3 % higher than in 2018, counted in prices of 2018. "
     "The norm is: not higher than in 2018."),
    (lambda: say.cause_growth("lasten", -2.0, 2018, 5.0, False),
     "Lasten is 2,0 % lager dan in 2018. De norm is hoogstens 5,0 % hoger.",
     "Lasten is 2.0 % lower than in 2018. The norm is at most 5.0 % higher."),
    (lambda: say.cause_trend("tijdigheid", -1.4, 1.0),
     "Tijdigheid wordt elk jaar 1,4 % slechter. De norm is minstens 1,0 % beter per jaar.",
     "Tijdigheid gets 1.4 % worse each year. The norm is at least 1.0 % better per year."),
    (lambda: say.cost_sentence("Communicatie", 2022, 1128549.0),
     "Communicatie kostte in 2022 € 1.128.549.", "Communicatie cost € 1,128,549 in 2022."),
    (lambda: say.share_sentence("Bloemendaal", 516875.0, 45.8),
     "Bloemendaal betaalt daarvan € 516.875 (45,8 %).",
     "Bloemendaal pays € 516,875 of this (45.8 %)."),
    (lambda: say.change_since_baseline(2018, 1, 0), "Sinds 2018 is 1 oordeel beter.",
     "Since 2018 1 verdict is better."),
    (lambda: say.change_since_baseline(2018, 2, 1),
     "Sinds 2018 zijn 2 oordelen beter en 1 slechter.",
     "Since 2018 2 verdicts are better and 1 worse."),
    (lambda: say.change_since_previous(None, 0, 0),
     "Dit is de eerste toetsing. Een vergelijking met een vorige is er nog niet.",
     "This is the first assessment. There is no earlier one to compare with yet."),
    (lambda: say.decide_failing_twice("Facilitaire Zaken", ["Flexibiliteit", "Kwetsbaarheid"],
                                      (2021, 2022)),
     "Facilitaire Zaken voldoet in 2021 en 2022 niet aan flexibiliteit en kwetsbaarheid. "
     "Vraag het college om een plan om dat te verbeteren.",
     "Facilitaire Zaken does not meet flexibiliteit and kwetsbaarheid in 2021 and 2022. "
     "Ask the executive for a plan to improve this."),
    (lambda: say.listing(["a", "b", "c"]), "a, b en c", "a, b and c"),
]


@pytest.mark.parametrize(("make", "dutch", "_english"), CASES)
def test_each_sentence_function_says_its_facts_in_dutch(make: Callable[[], str], dutch: str,
                                                        _english: str) -> None:
    assert make() == dutch


@pytest.mark.parametrize(("make", "_dutch", "in_english"), CASES)
def test_each_sentence_function_says_its_facts_in_english(
        english: None, make: Callable[[], str], _dutch: str, in_english: str) -> None:
    assert make() == in_english


def test_a_difference_of_percentages_is_in_points_and_of_amounts_in_the_unit() -> None:
    assert say.change_of_value("ziekteverzuim", "pct", 4.4, 4.7, 2018, 2022) == (
        "Ziekteverzuim ging van 4,4 % in 2018 naar 4,7 % in 2022: 0,3 procentpunt hoger.")
    assert say.change_of_value("bezetting", "fte", 10.0, 9.0, 2018, 2022).endswith(
        "1,0 fte lager.")
    assert say.change_of_value("score", "pct", 5.0, 5.0, 2018, 2022) == (
        "Score bleef 5,0 % van 2018 tot 2022.")
