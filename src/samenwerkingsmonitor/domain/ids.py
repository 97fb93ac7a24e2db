"""Identifiers of docs/organisation-file.md: municipality codes, slugs, team ids."""

from __future__ import annotations

import re

MUNICIPALITY_CODE = re.compile(r"^GM[0-9]{4}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
INDICATOR_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def is_municipality_code(value: str) -> bool:
    return bool(MUNICIPALITY_CODE.match(value))


def is_slug(value: str) -> bool:
    return bool(SLUG.match(value))


def unit_id(owner: str, slug: str) -> str:
    """A team id is `<owner>/<slug>`; the owner is a CBS code or a cooperation slug."""
    return f"{owner}/{slug}"


def split_unit_id(value: str) -> tuple[str, str] | None:
    owner, sep, slug = value.partition("/")
    if not sep or not slug or "/" in slug:
        return None
    return owner, slug
