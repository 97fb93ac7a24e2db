"""A municipal team belongs to one shared team at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.errors import OrganisationInvalid
from samenwerkingsmonitor.services.organisation.register import check_organisation_text

EXAMPLE = (Path(__file__).resolve().parents[2]
           / "src/samenwerkingsmonitor/example/organisatie.toml").read_text(encoding="utf-8")
INFORMATISERING = ('members = ["GM0397/informatisering", "GM0377/informatisering"]\n'
                   "valid_from = 2013\nvalid_until = 2020\n")


def test_the_example_keeps_informatisering_in_one_shared_team_at_a_time() -> None:
    assert INFORMATISERING in EXAMPLE
    check_organisation_text(EXAMPLE, "org.toml", reader=read_organisation)


def test_overlapping_membership_of_two_shared_teams_is_refused() -> None:
    text = EXAMPLE.replace(INFORMATISERING, INFORMATISERING.replace("2020", "2022"))
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line == 'slug = "informatisering"'
                 and 'members = ["GM0397/informatisering"' in lines[i + 4]) + 1
    with pytest.raises(OrganisationInvalid) as error:
        check_organisation_text(text, "org.toml", reader=read_organisation)
    messages = [issue.message for issue in error.value.report.issues]
    assert messages == [
        f"Team GM0397/informatisering (vanaf 2021) is ook lid van een ander gedeeld team "
        f"(2013-2022, regel {first + 4}).",
        f"Team GM0377/informatisering (vanaf 2021) is ook lid van een ander gedeeld team "
        f"(2013-2022, regel {first + 4}).",
    ]
