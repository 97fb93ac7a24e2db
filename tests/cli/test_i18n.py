"""English catalogues: every message of the program has a translation, and every translation
keeps the placeholders of its Dutch message id."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from samenwerkingsmonitor import i18n

ROOT = Path(__file__).resolve().parents[2]

FOLDER = Path(i18n.__file__).parent / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"\{([a-z_]*)[^}]*\}")
CATALOGUES = sorted(FOLDER.glob("*.po"))


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_translations_keep_their_placeholders(path: Path) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    wrong = [
        str(message.id) for message in catalog
        if message.id and message.string
        and sorted(PLACEHOLDER.findall(str(message.id)))
        != sorted(PLACEHOLDER.findall(str(message.string)))
    ]
    assert wrong == []


def test_no_message_id_is_translated_twice_differently() -> None:
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for path in CATALOGUES:
        with path.open("rb") as handle:
            for message in read_po(handle):
                if not message.id or not message.string:
                    continue
                key = str(message.id)
                if key in seen and seen[key][0] != str(message.string):
                    clashes.append((key, seen[key][1], path.name))
                seen[key] = (str(message.string), path.name)
    assert clashes == []


def test_language_switch() -> None:
    try:
        i18n.set_language("en")
        assert i18n._("voldoet deels") != "voldoet deels"
    finally:
        i18n.set_language("nl")
    assert i18n._("voldoet deels") == "voldoet deels"


def test_every_message_of_the_program_has_an_english_translation() -> None:
    """Found by the scanner that writes docs/foutmeldingen.md (scripts/message_catalogue.py)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import message_catalogue
    finally:
        sys.path.pop(0)
    messages, _unreadable = message_catalogue.scan_package(message_catalogue.PACKAGE)
    translated = message_catalogue.translations()
    assert len(messages) > 1000  # the scanner found the program's messages
    assert sorted({f"{m.module}: {m.text}" for m in messages if m.text not in translated}) == []
