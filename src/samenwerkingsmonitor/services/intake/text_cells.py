"""Characters a cell may not hold (docs/adr/0026-nothing-lost-nothing-forged.md).

Text comes in stored exactly as given, or is refused with its place; it is never cleaned
silently. Refused in every cell: control characters (C0 and C1, DEL), a bare carriage return
(CR not followed by LF: a CSV reader would split the row there), and the bidirectional
embedding, override, isolate and mark characters (U+202A-U+202E, U+2066-U+2069, U+200E,
U+200F, U+061C), which can make text read differently from what is stored. A code or choice
(subject, indicator, year, unit, ...) is one line and also refuses tabs, line breaks and
zero-width characters; free text (bron, variant, toelichting) may hold tabs and line breaks.
"""

from __future__ import annotations

import re
import unicodedata

from samenwerkingsmonitor.i18n import _

FREE_TEXT_COLUMNS = frozenset({"bron", "variant", "toelichting"})

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff\u2028\u2029"
_FREE_TEXT_BAD = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]|\r(?!\n)")
_CODE_BAD = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_ZERO_WIDTH}]")
# One search over a whole row finds every row that needs a closer look.
SUSPECT = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_ZERO_WIDTH}]")

Problem = tuple[str, str]

_NAMES = {"\t": "tab", "\n": "regeleinde (LF)", "\r": "regeleinde (CR)"}


def character_name(ch: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`, `U+000D regeleinde (CR)`."""
    name = _NAMES.get(ch) or unicodedata.name(ch, "") or _("stuurteken")
    return f"U+{ord(ch):04X} {name}"


def text_problem(text: str, free_text: bool) -> Problem | None:
    """The problem with a cell's text, or None when every character may stay."""
    found = (_FREE_TEXT_BAD if free_text else _CODE_BAD).search(text)
    if found is None:
        return None
    ch = found.group()[0]
    position = found.start() + 1
    if re.fullmatch(f"[{_BIDI}]", ch):
        return (_("De cel bevat het onzichtbare teken {name} (teken {position}); dat teken kan "
                  "de leesrichting van tekst omdraaien.").format(name=character_name(ch),
                                                                  position=position),
                _("Verwijder het teken: typ de tekst opnieuw of plak hem als platte tekst. Zo "
                  "leest een rapport de tekst zoals hij is opgeslagen."))
    if not free_text and ch in "\t\n\r\u2028\u2029":
        return (_("De cel bevat een {name} (teken {position}); een code of keuze staat op één "
                  "regel.").format(name=character_name(ch), position=position),
                _("Haal het regeleinde of de tab uit de cel."))
    if ch == "\r":
        return (_("De cel bevat een los regeleinde-teken {name} (teken {position}) zonder "
                  "regelopvoeding.").format(name=character_name(ch), position=position),
                _("Haal het regeleinde uit de cel, of sla het bestand opnieuw op als "
                  "'CSV UTF-8'."))
    return (_("De cel bevat het onzichtbare teken {name} (teken {position}).").format(
                name=character_name(ch), position=position),
            _("Verwijder het teken; een cel bevat alleen gewone tekst."))


# --- text shown to a reader -------------------------------------------------------------------

_BIDI_CHARACTER = re.compile(f"[{_BIDI}]")
_INVISIBLE_CHARACTER = re.compile(f"[{_BIDI}{_ZERO_WIDTH}]")


def neutralise(text: str, invisible: bool = False) -> str:
    """`text` with every bidirectional control shown as its code, `[U+202E]`, so that stored
    text cannot be made to read differently in a report or export; with `invisible` also the
    zero-width characters (for reports; an export keeps them, as the import accepts them in
    free text). Other characters, homoglyphs included, stay exactly as stored (ADR 0026)."""
    pattern = _INVISIBLE_CHARACTER if invisible else _BIDI_CHARACTER
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda found: f"[U+{ord(found.group()):04X}]", text)
