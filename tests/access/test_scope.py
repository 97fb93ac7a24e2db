"""Who sees and edits which subject, on the example organisation (services/access/scope.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.domain.access import Account, Role
from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.services.access.scope import scope_of
from samenwerkingsmonitor.services.demo.use_cases import example_file
from samenwerkingsmonitor.services.organisation.register import check_organisation_file


@pytest.fixture(scope="module")
def organisation() -> Organisation:
    return check_organisation_file(example_file("organisatie.toml"), reader=read_organisation)


def account(role: Role, *municipalities: str) -> Account:
    return Account("x", "x", frozenset({role}), municipalities, "", False, 1, datetime.now(UTC))


def test_an_official_of_bloemendaal_edits_bloemendaal_and_the_shared_teams(
        organisation: Organisation) -> None:
    scope = scope_of(account(Role.OFFICIAL, "GM0377"), organisation)
    for subject in ("GM0377", "GM0377/communicatie", "heemstede-bloemendaal",
                    "heemstede-bloemendaal/communicatie"):
        assert scope.sees(subject) and scope.edits(subject), subject
    assert scope.sees("GM0397") and not scope.edits("GM0397")  # the partner: read only
    assert not scope.sees("GM0397/communicatie") and not scope.edits("GM0397/communicatie")


def test_a_council_member_reads_but_edits_nothing(organisation: Organisation) -> None:
    scope = scope_of(account(Role.READER, "GM0397"), organisation)
    assert scope.sees("GM0397/communicatie") and not scope.sees("GM0377/communicatie")
    assert scope.editable == frozenset()


def test_the_assessor_and_the_beheerder_see_everything_and_edit_nothing_unasked(
        organisation: Organisation) -> None:
    for role in (Role.ASSESSOR, Role.ADMIN):
        scope = scope_of(account(role), organisation)
        assert all(scope.sees(s) for s in organisation.subjects())
        assert scope.editable == frozenset()


def test_without_an_organisation_only_assessor_and_beheerder_see(organisation: Organisation
                                                                 ) -> None:
    assert scope_of(account(Role.ASSESSOR), None).sees("GM0397")
    assert not scope_of(account(Role.OFFICIAL, "GM0397"), None).sees("GM0397")
