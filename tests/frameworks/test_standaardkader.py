"""The bundled default framework: valid, complete and light (README.md, issue 2 item 5)."""

from __future__ import annotations

import pytest

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.domain.framework import (
    SCALE_UNITS,
    IndicatorKind,
    NormKind,
    RollupRule,
)
from samenwerkingsmonitor.domain.organisation import SubjectKind
from samenwerkingsmonitor.services.frameworks.checks import LIGHT_CHECK_MAX_QUESTIONS
from samenwerkingsmonitor.services.frameworks.load import (
    DEFAULT_FRAMEWORK,
    data_burden,
    load_framework,
    published_share,
)

KADER = load_framework(DEFAULT_FRAMEWORK, TomlFrameworkFiles())
BURDEN = {b.subject_kind: b for b in data_burden(KADER)}


def test_header() -> None:
    assert (KADER.format_version, KADER.id, KADER.version) == (1, "standaardkader", "1.0")
    assert KADER.adoption.status.value == "concept"
    assert (KADER.first_year, KADER.last_year) == (2018, 2030)
    assert "14 oktober 2020" in KADER.source and "Wet gemeenschappelijke regelingen" in KADER.source


def test_criteria_of_the_college_letter() -> None:
    assert [(c.id, c.parent) for c in KADER.criteria] == [
        ("kwaliteit", None), ("kosten", None), ("flexibiliteit", None),
        ("kwetsbaarheid", "flexibiliteit"), ("ontvlechtbaarheid", None), ("sturing", None),
        ("proces", None), ("partnerschap", None), ("lichte_toets", None),
    ]
    rules = {c.rollup.rule for c in KADER.criteria}
    assert rules == set(RollupRule)


@pytest.mark.parametrize(
    ("indicator", "formula"),
    [
        ("formatie_per_1000", "formatie_fte / inwoners * 1000"),
        ("bezetting_per_1000", "bezetting_fte / inwoners * 1000"),
        ("apparaatskosten_per_inwoner", "apparaatskosten_eur / inwoners"),
        ("externe_inhuur_pct", "inhuur_eur / (loonsom_eur + inhuur_eur) * 100"),
        ("overhead_pct", "lasten_overhead_eur / lasten_totaal_eur * 100"),
    ],
)
def test_the_five_bbv_indicators(indicator: str, formula: str) -> None:
    found = KADER.indicator(indicator)
    assert found is not None
    assert (found.kind, found.formula, found.pc_source) == (IndicatorKind.DERIVED, formula, True)
    assert found.applies_to == (SubjectKind.MUNICIPALITY,)


def test_every_norm_kind_occurs_and_a_band_too() -> None:
    assert {n.kind for n in KADER.norms} == set(NormKind)
    assert any(n.is_band for n in KADER.norms)
    baseline = [n for n in KADER.norms if n.kind is NormKind.BASELINE]
    assert [n.price_index for n in baseline] == ["cpi"]
    peer_groups = {n.peer_group for n in KADER.norms if n.kind is NormKind.PEER}
    assert peer_groups == {"vergelijkbare-gemeenten"}


def test_every_norm_has_source_and_owner_and_examples_are_marked() -> None:
    for norm in KADER.norms:
        assert norm.source.reference.strip() and norm.source.owner.strip(), norm.id
    law = [n for n in KADER.norms if n.source.kind.value == "wet"]
    assert law and not any(n.source.example for n in law)
    assert sum(n.source.example for n in KADER.norms) >= len(KADER.norms) // 2


def test_every_indicator_under_a_criterion_has_a_norm_and_dutch_texts() -> None:
    for indicator in KADER.indicators:
        assert indicator.definition and indicator.source_hint, indicator.id
        if indicator.criterion is not None:
            assert KADER.norms_for(indicator.id), indicator.id


def test_percentages_and_fte_have_natural_bounds() -> None:
    for indicator in KADER.indicators:
        if indicator.unit in ("pct", "fte", "eur", "aantal"):
            assert indicator.minimum == 0, indicator.id


def test_the_light_check_is_at_most_five_yes_no_questions_for_level_1() -> None:
    light = [c for c in KADER.criteria if c.light_check]
    assert [c.levels for c in light] == [(1,)]
    questions = [i for c in light for i in KADER.indicators_of(c.id)]
    assert 0 < len(questions) <= LIGHT_CHECK_MAX_QUESTIONS
    assert {q.unit for q in questions} == {"ja_nee"}


def test_wgr_clauses_are_asked_of_cooperations() -> None:
    for indicator_id in ("evaluatiebepaling_aanwezig", "uittredingsbepaling_aanwezig"):
        indicator = KADER.indicator(indicator_id)
        assert indicator is not None and indicator.criterion == "sturing"
        assert indicator.applies_to == (SubjectKind.COOPERATION,)
        assert indicator.unit in SCALE_UNITS


def test_data_burden_per_subject_per_year() -> None:
    team = BURDEN[SubjectKind.TEAM]
    assert team.values <= 25
    assert team.inputs == (
        "formatie_fte", "bezetting_fte", "lasten_eur", "tijdigheid_pct",
        "klanttevredenheid_score", "kwaliteit_oordeel", "ziekteverzuim_pct",
        "eenmansfuncties_aantal", "vervangbaarheid_pct", "ontvlechtingsplan_aanwezig",
        "ontvlechtingskosten_eur",
    )
    assert team.assessed == ("kwaliteit_oordeel",)
    municipality = BURDEN[SubjectKind.MUNICIPALITY]
    assert (municipality.values, len(municipality.pc_source)) == (8, 8)
    # 14 asked before issue 12; the 3 process indicators are now counted from events
    assert BURDEN[SubjectKind.COOPERATION].values == 11
    assert BURDEN[SubjectKind.COOPERATION].pc_source == (
        "evaluatiebepaling_aanwezig", "uittredingsbepaling_aanwezig", "zienswijze_raad_gevraagd",
        "verdeelsleutel_vastgesteld")
    assert team.pc_source == ()  # a team's share is asked of the team


def test_at_least_40_percent_of_the_inputs_come_from_published_data() -> None:
    """Issue 14: a municipality's 8 inputs (BBV, CBS inhabitants, taakveld 0.4) and 4 of a
    cooperation's 11 (the regeling's text, council decisions; the council letters are counted
    from the process events, issue 12): 12 of 19."""
    share = published_share(KADER)
    assert (share.published, share.inputs) == (12, 19)
    assert share.percent >= 40
