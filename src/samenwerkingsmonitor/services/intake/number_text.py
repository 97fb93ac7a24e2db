"""A number written as text in a spreadsheet cell, where no file-level notation applies.

A CSV file decides its notation per file (ADR 0008). A spreadsheet has typed cells, but a cell
formatted as text can still hold `12,5` or `1.234`; the file says nothing about its notation
unless `--decimal` does. Such text is read when only one reading is possible, and refused as
ambiguous when it is a single `.` or `,` followed by exactly three digits (`1.234`, `12,500`):
one convention reads a decimal separator there, the other a thousands separator, and the two
values differ by a factor of a thousand (docs/adr/0011-file-intake.md). Whatever is read obeys
the one number rule of numbers.py (exact, ASCII digits, no scientific notation).
"""

from __future__ import annotations

import re

from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.intake.numbers import Problem, exact_float, special_problem

_AMBIGUOUS = re.compile(r"[+-]?[0-9]{1,3}[.,][0-9]{3}")
_DOT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)")
_DUTCH = re.compile(r"[+-]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?")


def read_text_number(text: str) -> tuple[float | None, Problem | None]:
    """(value, None) or (None, (message, hint)) for a number-like text cell."""
    if _AMBIGUOUS.fullmatch(text):
        whole = text.replace(".", "").replace(",", "")
        if "." in text:
            message = _("Waarde '{text}' staat als tekst in de cel en is dubbelzinnig: de punt "
                        "kan het decimaalteken zijn of duizendtallen scheiden ({whole}).")
        else:
            message = _("Waarde '{text}' staat als tekst in de cel en is dubbelzinnig: de komma "
                        "kan het decimaalteken zijn of duizendtallen scheiden ({whole}).")
        return None, (
            message.format(text=text, whole=whole),
            _("Typ het getal als getal in de cel (niet als tekst), of kies de notatie voor het "
              "hele bestand met --decimal comma of --decimal point."))
    if _DOT.fullmatch(text):
        return exact_float(text, text)
    if _DUTCH.fullmatch(text):
        return exact_float(text.replace(".", "").replace(",", "."), text)
    return None, special_problem(text) or (
        _("Waarde '{text}' is geen getal.").format(text=text),
        _("Typ het getal als getal in de cel, bijvoorbeeld 1234,5, of laat de rij weg als de "
          "waarde ontbreekt."))
