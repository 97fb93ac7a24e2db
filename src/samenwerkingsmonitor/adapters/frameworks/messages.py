"""Schema problems of a framework file in plain Dutch, and the JSON Schema generator for TOML."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from pydantic_core import ErrorDetails

from samenwerkingsmonitor.adapters.frameworks.schema import (
    FRAMEWORK_ID_PATTERN,
    ID_PATTERN,
    all_field_names,
)
from samenwerkingsmonitor.i18n import _

BOUND_KEYS = frozenset({"target", "signal", "band_low", "band_high", "signal_low", "signal_high"})


def _type_name(value: Any) -> str:
    """What the file holds, in the words of the file format."""
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int):
        return _("geheel getal {v}").format(v=value)
    if isinstance(value, float):
        return _("getal {v:g}").format(v=value)
    if isinstance(value, str):
        return _("tekst '{v}'").format(v=value)
    if isinstance(value, list):
        return _("een lijst")
    if isinstance(value, dict):
        return _("een tabel")
    if isinstance(value, dt.date | dt.time):
        return _("datum of tijd {v}").format(v=value)
    return type(value).__name__


def _expected(kind: str) -> str | None:
    """What a type error expected, or None if `kind` is no type error."""
    if kind == "string_type":
        return _("tekst tussen aanhalingstekens")
    if kind in ("int_type", "int_from_float"):
        return _("een geheel getal")
    if kind == "float_type":
        return _("een getal")
    if kind == "bool_type":
        return _("true of false")
    if kind == "list_type":
        return _("een lijst [...]")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _("een tabel")
    return None


def _choices(expected: str) -> str:
    return expected.replace(" or ", " of ")


def _pattern_hint(pattern: str) -> str:
    if pattern == ID_PATTERN:
        return _("Een id bestaat uit kleine letters, cijfers en _, en begint met een letter.")
    if pattern == FRAMEWORK_ID_PATTERN:
        return _("De id van een kader bestaat uit kleine letters, cijfers en -.")
    return _("Verwacht patroon: {pattern}.").format(pattern=pattern)


def describe_error(error: ErrorDetails) -> tuple[str, str]:
    """A pydantic error as (message, hint) in Dutch."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    key = str(error["loc"][-1]) if error["loc"] else ""
    if kind == "missing":
        return (_("De verplichte sleutel '{key}' ontbreekt.").format(key=key),
                _("Voeg '{key} = ...' toe (zie docs/framework-file.md).").format(key=key))
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(key, sorted(all_field_names()), n=1)
        hint = (_("Bedoelde u '{name}'?").format(name=close[0]) if close
                else _("Verwijder de sleutel of controleer de spelling."))
        return _("Onbekende sleutel '{key}'.").format(key=key), hint
    if kind == "finite_number":
        return (_("Waarde {value} is geen eindig getal.").format(value=value),
                _("Vul een gewoon getal in (geen nan of inf)."))
    expected = _expected(kind)
    if key in BOUND_KEYS and kind in ("model_type", "dict_type"):
        expected = _("een getal")
    if expected is not None:
        return (_("Verwacht {expected}, gevonden {found}.").format(
                    expected=expected, found=_type_name(value)), "")
    if kind in ("literal_error", "enum"):
        return (_("Waarde {value} is hier niet toegestaan.").format(value=_shown(value)),
                _("Kies uit: {choices}.").format(choices=_choices(str(ctx.get("expected")))))
    if kind == "string_pattern_mismatch":
        return (_("'{value}' is geen geldige id.").format(value=value),
                _pattern_hint(str(ctx.get("pattern"))))
    if kind == "string_too_short":
        return _("De tekst mag niet leeg zijn."), _("Vul een waarde in of laat de sleutel weg.")
    limit = next(iter(ctx.values()), "")
    if kind in ("greater_than_equal", "greater_than"):
        return _("Waarde {value} is te klein: minimaal {b}.").format(
            value=_shown(value), b=limit), ""
    if kind in ("less_than_equal", "less_than"):
        return _("Waarde {value} is te groot: hoogstens {b}.").format(
            value=_shown(value), b=limit), ""
    return _("Ongeldige waarde: {detail}.").format(detail=error["msg"]), ""


def _shown(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else str(value)
