"""Numbers as the user wrote them: the file's notation decides, never the cell (ADR 0008).

Shared by every reader of the intake (measurements, vulnerability input).
"""

from __future__ import annotations

import re

from samenwerkingsmonitor.i18n import _

_DOT_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d+)?|\.\d+)")
_DUTCH_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")


def format_number(value: float, decimal_comma: bool) -> str:
    text = str(int(value)) if value == int(value) else repr(value)
    return text.replace(".", ",") if decimal_comma else text


class NumberParser:
    """Number notation is decided per file, never per cell (docs/import.md, ADR 0008)."""

    def __init__(self, decimal_comma: bool) -> None:
        self.decimal_comma = decimal_comma

    def parse(self, text: str) -> float | None:
        if self.decimal_comma:
            if _DUTCH_NUMBER.fullmatch(text):
                return float(text.replace(".", "").replace(",", "."))
        elif _DOT_NUMBER.fullmatch(text):
            return float(text)
        return None

    def problem(self, text: str) -> tuple[str, str]:
        """Message and hint for text that `parse` refused."""
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
