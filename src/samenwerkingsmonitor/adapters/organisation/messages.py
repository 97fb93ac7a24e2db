"""Dutch messages for TOML syntax errors and pydantic schema errors of the organisation file."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from pydantic_core import ErrorDetails

from samenwerkingsmonitor.adapters.organisation.schema import (
    CODE_PATTERN,
    SLUG_PATTERN,
    TEAM_REF_PATTERN,
    YEAR_KEY_PATTERN,
    all_field_names,
)
from samenwerkingsmonitor.domain.organisation import LegalForm
from samenwerkingsmonitor.i18n import _

_TOML_POSITION = re.compile(r"^(?P<detail>.*?) \((?:at line (?P<line>\d+), column "
                            r"(?P<column>\d+)|at end of document)\)$")

# tomllib's messages (Python 3.11) in Dutch; a message not listed stays as tomllib wrote it.
_TOML_DETAILS = {
    "Invalid value": "ongeldige waarde",
    "Invalid statement": "ongeldige regel",
    "Cannot overwrite a value": "deze sleutel heeft al een waarde",
    "Unterminated string": "tekst zonder afsluitend aanhalingsteken",
    "Unclosed array": "lijst zonder afsluitende ']'",
    "Unclosed inline table": "tabel zonder afsluitende '}'",
    "Expected newline or end of document after a statement":
        "na een waarde hoort een nieuwe regel te beginnen",
    "Expected '=' after a key in a key/value pair": "'=' ontbreekt na de sleutel",
    "Expected ']' at the end of a table declaration": "']' ontbreekt aan het eind van de tabelkop",
    "Expected ']]' at the end of an array declaration":
        "']]' ontbreekt aan het eind van de tabelkop",
    "Invalid initial character for a key part": "ongeldig teken aan het begin van een sleutel",
    "Invalid date or datetime": "ongeldige datum",
    "Illegal character": "ongeldig teken",
}


def toml_error_parts(message: str, text: str) -> tuple[int, int | None, str]:
    """Line, column and Dutch detail of a tomllib error message."""
    match = _TOML_POSITION.match(message)
    if match is None:
        return max(1, len(text.splitlines())), None, message
    detail = match.group("detail")
    for english, dutch in _TOML_DETAILS.items():
        if detail.startswith(english):
            detail = _(dutch) + detail[len(english):]
            break
    if match.group("line") is None:  # "at end of document"
        return max(1, len(text.splitlines())), None, detail
    return int(match.group("line")), int(match.group("column")), detail


def toml_syntax_message(column: int | None, detail: str) -> str:
    if column is None:
        return _("TOML-syntaxfout aan het eind van het bestand: {detail}.").format(detail=detail)
    return _("TOML-syntaxfout bij kolom {column}: {detail}.").format(column=column, detail=detail)


TOML_SYNTAX_HINT = ("Controleer aanhalingstekens, '=' en haakjes. Tekst staat tussen "
                    "aanhalingstekens; getallen, jaren, true/false en datums (2021-06-30) niet.")


def describe_value(value: Any) -> str:
    """The type and value of what the file holds, in Dutch."""
    if isinstance(value, bool):
        return _("{value} (ja/nee)").format(value=str(value).lower())
    if isinstance(value, int | float):
        return _("het getal {value}").format(value=value)
    if isinstance(value, str):
        return _("de tekst \"{value}\"").format(value=value)
    if isinstance(value, dt.date):
        return _("de datum {value}").format(value=value.isoformat())
    if isinstance(value, list):
        return _("een lijst")
    if isinstance(value, dict):
        return _("een tabel")
    return str(value)


_EXPECTED = {
    "string_type": "tekst tussen aanhalingstekens",
    "int_type": "een geheel getal",
    "int_from_float": "een geheel getal",
    "float_type": "een getal",
    "bool_type": "true of false",
    "date_type": "een datum zonder aanhalingstekens, zoals 2021-06-30",
    "list_type": "een lijst [...]",
    "dict_type": "een tabel",
    "model_type": "een tabel",
    "model_attributes_type": "een tabel",
}

_PATTERN_TEXT = {
    CODE_PATTERN: ("Ongeldige gemeentecode {value}.",
                   "Een gemeentecode is GM gevolgd door vier cijfers (de CBS-code), zoals "
                   "GM0397."),
    SLUG_PATTERN: ("Ongeldige slug {value}.",
                   "Een slug bestaat uit kleine letters, cijfers en streepjes, zoals "
                   "financiele-administratie."),
    TEAM_REF_PATTERN: ("Ongeldige team-id {value}.",
                       "Een team-id is gemeentecode/slug, zoals GM0397/communicatie."),
    YEAR_KEY_PATTERN: ("Ongeldig jaar {value}.", "Schrijf een jaar als vier cijfers, zoals 2018."),
}

_HINTS_BY_KEY = {
    "legal_form": "Kies uit de juridische vormen: {choices}.",
    "level": "Niveau 1: informatie-uitwisseling, kennisdeling, gezamenlijke projecten; niveau 2: "
             "gezamenlijke inzet en aansturing van personeel (GR of andere vaste regeling).",
}


def _quote(value: Any) -> str:
    return f"'{value}'"


def schema_message(error: ErrorDetails) -> tuple[str, str]:
    """Dutch message and hint for one pydantic error."""
    kind = error["type"]
    loc = [step for step in error["loc"] if step != "[key]"]
    key = str(loc[-1]) if loc else ""
    value = error.get("input")
    context = error.get("ctx") or {}
    if kind == "missing":
        return (_("Verplichte sleutel '{key}' ontbreekt.").format(key=key),
                _("Voeg '{key} = ...' toe; zie docs/organisation-file.md.").format(key=key))
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(key, sorted(all_field_names()), n=1)
        hint = (_("Bedoelt u '{name}'?").format(name=close[0]) if close
                else _("Zie docs/organisation-file.md voor de toegestane sleutels."))
        return _("Onbekende sleutel '{key}'.").format(key=key), hint
    if kind == "finite_number":
        return (_("Waarde {value} is geen eindig getal.").format(value=value),
                _("Vul een gewoon getal in (geen nan of inf)."))
    if kind in _EXPECTED:
        return (_("Verwacht {expected}, maar gevonden: {found}.").format(
            expected=_(_EXPECTED[kind]), found=describe_value(value)), "")
    if kind == "string_pattern_mismatch":
        message, hint = _PATTERN_TEXT.get(str(context.get("pattern")),
                                          ("Ongeldige waarde {value}.", ""))
        return _(message).format(value=_quote(value)), _(hint)
    if kind in ("literal_error", "enum"):
        choices = ", ".join(_choices(key, str(context.get("expected", ""))))
        hint = _HINTS_BY_KEY.get(key, "Kies uit: {choices}.")
        return (_("Ongeldige waarde {value}.").format(value=_quote(value)),
                _(hint).format(choices=choices))
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = context.get("ge", context.get("le"))
        message = ("Waarde {value} is te klein; het minimum is {bound}."
                   if kind == "greater_than_equal" else
                   "Waarde {value} is te groot; het maximum is {bound}.")
        return _(message).format(value=value, bound=bound), ""
    if kind in ("too_short", "string_too_short"):
        return _("Deze sleutel mag niet leeg zijn."), ""
    return _("Ongeldige waarde: {detail}").format(detail=error["msg"]), ""


def _choices(key: str, expected: str) -> list[str]:
    if key == "legal_form":
        return [form.value for form in LegalForm]
    return [part.strip().strip("'") for part in re.split(r",| or ", expected) if part.strip()]
