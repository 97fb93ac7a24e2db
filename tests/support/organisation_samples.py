"""A small valid organisation file for tests, with its line numbers in comments."""

from __future__ import annotations

MINIMAL = """\
format_version = 1
version = "t-1"
title = "Test"

[[municipalities]]
code = "GM0397"
name = "Heemstede"

[[municipalities]]
code = "GM0377"
name = "Bloemendaal"

[[teams]]
owner = "GM0397"
slug = "communicatie"
name = "Communicatie Heemstede"
area = "bedrijfsvoering"
valid_from = 2013

[[teams]]
owner = "GM0377"
slug = "communicatie"
name = "Communicatie Bloemendaal"
area = "bedrijfsvoering"
valid_from = 2013

[[cooperations]]
slug = "hb"
name = "Heemstede-Bloemendaal"
level = 2
valid_from = 2013

[[cooperations.partners]]
code = "GM0397"
valid_from = 2013

[[cooperations.partners]]
code = "GM0377"
valid_from = 2013

[[cooperations.forms]]
valid_from = 2013
organisational_model = "vervlochten_teams"
legal_form = "privaatrechtelijk"
centre_municipality = "GM0397"

[[cooperations.shared_teams]]
slug = "communicatie"
name = "Communicatie"
area = "bedrijfsvoering"
members = [
  "GM0397/communicatie",
  "GM0377/communicatie",
]
valid_from = 2013

[[cooperations.allocation_keys]]
year = 2019
shares = { GM0397 = 54.1, GM0377 = 45.9 }
"""


def changed(old: str, new: str) -> str:
    """MINIMAL with `old` replaced once by `new`; fails loudly if `old` is not there."""
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new, 1)
