"""Numbers as the user wrote them: the file's notation decides, never the cell (ADR 0008).

One rule for every number that comes in as text (CSV cells, text cells of a spreadsheet, and
the text a typed spreadsheet cell is turned into), used by every reader of the intake
(measurements, vulnerability input); docs/adr/0026-nothing-lost-nothing-forged.md:

- digits are the ASCII digits 0-9; other scripts' digits (Arabic-Indic, full-width) are refused;
- no scientific notation (`1e308`, `1,5E6`): refused everywhere, with its own message;
- a value is stored as a 64-bit float, so it is accepted only when that float gives back
  exactly the number written: `plain_number(float(text))` equals `text` as a decimal. A
  20-digit number, a number beyond the largest float ("2" followed by 308 zeros) or one so
  close to zero that it would be stored as 0 is refused with its place, never rounded or
  stored as empty. Every number with at most 15 significant digits passes.

`plain_number` is also how an export writes a stored float, so import then export gives back
the same number.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from samenwerkingsmonitor.i18n import _

_DOT_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)")
_DUTCH_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?")
_SCIENTIFIC = re.compile(r"[+-]?[0-9.,]*[0-9][eE][+-]?[0-9]+")

Problem = tuple[str, str]


def plain_number(value: float) -> str:
    """Positional notation with the shortest digits that read back as the same float:
    2019, 190.5, 0.0000001, 100000000000000000000000 (for 1e23)."""
    if not math.isfinite(value):
        return ""  # the store holds none; never write "nan" or "inf" as a number
    text = format(Decimal(repr(value + 0.0)), "f")  # + 0.0 turns -0.0 into 0.0
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_number(value: float, decimal_comma: bool) -> str:
    text = plain_number(value)
    return text.replace(".", ",") if decimal_comma else text


def exact_float(dot_text: str, written: str) -> tuple[float | None, Problem | None]:
    """The float of a number in dot notation (`dot_text`, ASCII digits, no thousands
    separators), or the problem when a float cannot hold it exactly. `written` is the text as
    the user wrote it, for the message."""
    number = float(dot_text)
    if len(dot_text) <= 15:  # at most 15 digits: always exact and finite (the common case)
        return number, None
    if not math.isfinite(number):
        return None, (
            _("Waarde '{text}' is te groot om op te slaan.").format(text=_short(written)),
            _("Controleer de waarde; een getal heeft hooguit 308 cijfers voor de komma en "
              "hooguit 15 cijfers die ertoe doen."))
    if Decimal(dot_text) != Decimal(repr(number)):
        return None, (
            _("Waarde '{text}' heeft meer cijfers dan precies kan worden opgeslagen; het zou "
              "{stored} worden.").format(text=_short(written), stored=_short(plain_number(number))),
            _("Rond het getal af op hooguit 15 cijfers (nullen vooraan niet meegeteld)."))
    return number, None


def special_problem(text: str) -> Problem | None:
    """The message for scientific notation or non-ASCII digits; None for anything else."""
    if _SCIENTIFIC.fullmatch(text):
        return (_("Waarde '{text}' is in wetenschappelijke notatie (met een e) geschreven; "
                  "die wordt niet gelezen.").format(text=text),
                _("Schrijf het getal voluit, bijvoorbeeld 1500000 in plaats van 1.5e6."))
    if any(ch.isdigit() and not "0" <= ch <= "9" for ch in text):
        return (_("Waarde '{text}' bevat cijfers uit een ander schrift dan 0 tot en met "
                  "9.").format(text=text),
                _("Typ het getal met de gewone cijfers 0 tot en met 9."))
    return None


def _short(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:20]}…{text[-10:]} ({len(text)} tekens)"


class NumberParser:
    """Number notation is decided per file, never per cell (docs/import.md, ADR 0008)."""

    def __init__(self, decimal_comma: bool) -> None:
        self.decimal_comma = decimal_comma

    def parse(self, text: str) -> float | None:
        return self.read(text)[0]

    def read(self, text: str) -> tuple[float | None, Problem | None]:
        """(value, None), or (None, (message, hint)) for text that is not an exact number."""
        if self.decimal_comma:
            if _DUTCH_NUMBER.fullmatch(text):
                return exact_float(text.replace(".", "").replace(",", "."), text)
        elif _DOT_NUMBER.fullmatch(text):
            return exact_float(text, text)
        return None, self._notation_problem(text)

    def exactness_problem(self, text: str) -> Problem | None:
        """The problem of a number that is written as one but cannot be stored exactly, or
        in scientific notation or other digits; None for text that is no number at all."""
        special = special_problem(text)
        if special is not None:
            return special
        pattern = _DUTCH_NUMBER if self.decimal_comma else _DOT_NUMBER
        return self.read(text)[1] if pattern.fullmatch(text) else None

    def problem(self, text: str) -> Problem:
        """Message and hint for text that `parse` refused."""
        return self.read(text)[1] or self._notation_problem(text)

    def _notation_problem(self, text: str) -> Problem:
        special = special_problem(text)
        if special is not None:
            return special
        has_digit = any(ch.isdigit() for ch in text)
        if has_digit and not self.decimal_comma and "," in text:
            return (_("Waarde '{text}' bevat een komma, maar in dit bestand is de punt het "
                      "decimaalteken.").format(text=text),
                    _("Schrijf het getal zonder scheiding van duizendtallen en met een punt "
                      "(bijvoorbeeld 1234.5), of lever een bestand met puntkomma's als "
                      "scheidingsteken, of importeer met --decimal comma."))
        if has_digit and self.decimal_comma and "." in text:
            return (_("Waarde '{text}' past niet bij de Nederlandse notatie van dit bestand "
                      "(komma als decimaalteken, punt tussen duizendtallen).").format(text=text),
                    _("Schrijf bijvoorbeeld 12,5 of 1.234,5, of importeer met --decimal point."))
        example = "1.234,5" if self.decimal_comma else "1234.5"
        return (_("Waarde '{text}' is geen getal.").format(text=text),
                _("Vul een getal in, bijvoorbeeld {example}, of laat de rij weg als de waarde "
                  "ontbreekt.").format(example=example))
