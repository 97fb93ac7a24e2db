"""nan and inf are refused in framework and organisation files, with the place named."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.frameworks.file import parse_framework_text
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.errors import FrameworkInvalid, OrganisationInvalid
from samenwerkingsmonitor.services.frameworks.load import validate_parsed
from samenwerkingsmonitor.services.organisation.register import check_organisation_text

PACKAGE = Path(__file__).resolve().parents[2] / "src/samenwerkingsmonitor"
FRAMEWORK = (PACKAGE / "frameworks/standaardkader.toml").read_text(encoding="utf-8")
ORGANISATION = (PACKAGE / "example/organisatie.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("number", ["nan", "inf", "-inf"])
def test_framework_refuses_non_finite_bounds(number: str) -> None:
    text = FRAMEWORK.replace("target = 50\n", f"target = {number}\n", 1)
    line = text.splitlines().index(f"target = {number}") + 1
    with pytest.raises(FrameworkInvalid) as error:
        validate_parsed(parse_framework_text(text, "kader.toml"))
    assert [i.describe() for i in error.value.report.issues] == [
        f"kader.toml, regel {line}, sleutel norms.formatie_per_1000_vergelijking.target.value: "
        f"Waarde {float(number)} is geen eindig getal. Vul een gewoon getal in (geen nan of inf)."
    ]


def test_organisation_refuses_a_non_finite_price_index() -> None:
    text = ORGANISATION.replace("2018 = 103.46", "2018 = nan", 1)
    assert text != ORGANISATION
    with pytest.raises(OrganisationInvalid) as error:
        check_organisation_text(text, "org.toml", reader=read_organisation)
    assert [i.describe() for i in error.value.report.issues] == [
        "org.toml, regel 477, sleutel reference_series[cpi].values.2018: Waarde nan is geen "
        "eindig getal. Vul een gewoon getal in (geen nan of inf)."
    ]
