"""Dutch messages for pydantic schema errors of the scenario set file."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic_core import ErrorDetails

from samenwerkingsmonitor.adapters.organisation.messages import describe_value
from samenwerkingsmonitor.adapters.scenarios.schema import (
    CODE_PATTERN,
    ID_PATTERN,
    SUBJECT_PATTERN,
    all_field_names,
)
from samenwerkingsmonitor.i18n import _

_UNION_TAGS = {"float", "RangeEntry", "int"}
_EXPECTED = {
    "string_type": "tekst tussen aanhalingstekens",
    "int_type": "een geheel getal",
    "float_type": "een getal",
    "bool_type": "true of false",
    "list_type": "een lijst [...]",
    "dict_type": "een tabel",
    "model_type": "een tabel",
}
_PATTERNS = {
    ID_PATTERN: ("Ongeldige id {value}.",
                 "Een id bestaat uit kleine letters, cijfers, streepjes en liggende streepjes, "
                 "zoals gedeeld_team."),
    SUBJECT_PATTERN: ("Ongeldig onderwerp {value}.",
                      "Noem een samenwerkingsverband of team, zoals "
                      "heemstede-bloemendaal/communicatie."),
    CODE_PATTERN: ("Ongeldige gemeentecode {value}.",
                   "Een gemeentecode is GM gevolgd door vier cijfers, zoals GM0397."),
}
Problem = tuple[tuple[str | int, ...], str, str]


def schema_problems(errors: Iterable[ErrorDetails]) -> Iterator[Problem]:
    """(key path, message, hint) per problem; the two failed branches of 'a number or a range'
    become one problem."""
    seen: set[tuple[str | int, ...]] = set()
    for error in errors:
        loc = tuple(step for step in error["loc"] if step != "[key]")
        union = any(step in _UNION_TAGS for step in loc)
        path = tuple(step for step in loc if step not in _UNION_TAGS)
        if union:
            cut = next(i for i, step in enumerate(loc) if step in _UNION_TAGS)
            path = tuple(loc[:cut])
            if path in seen:
                continue
            seen.add(path)
            yield (path, _("Verwacht een getal of een tabel {{ low = ..., likely = ..., "
                           "high = ... }}, maar gevonden: {found}.").format(
                               found=_found(error.get("input"))), "")
            continue
        message, hint = _message(error, path)
        yield path, message, hint


def _found(value: Any) -> str:
    return describe_value(value)


def _message(error: ErrorDetails, path: tuple[str | int, ...]) -> tuple[str, str]:
    kind = error["type"]
    key = str(path[-1]) if path else ""
    value = error.get("input")
    context = error.get("ctx") or {}
    if kind == "missing":
        return (_("Verplichte sleutel '{key}' ontbreekt.").format(key=key),
                _("Voeg '{key} = ...' toe; zie docs/scenarios.md.").format(key=key))
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(key, sorted(all_field_names()), n=1)
        hint = (_("Bedoelt u '{name}'?").format(name=close[0]) if close
                else _("Zie docs/scenarios.md voor de toegestane sleutels."))
        return _("Onbekende sleutel '{key}'.").format(key=key), hint
    if kind in _EXPECTED or kind == "int_from_float":
        expected = _EXPECTED.get(kind, "een geheel getal")
        return (_("Verwacht {expected}, maar gevonden: {found}.").format(
            expected=_(expected), found=_found(value)), "")
    if kind == "finite_number":
        return (_("Waarde {value} is geen eindig getal.").format(value=value),
                _("Vul een gewoon getal in (geen nan of inf)."))
    if kind == "string_pattern_mismatch":
        message, hint = _PATTERNS.get(str(context.get("pattern")),
                                      ("Ongeldige waarde {value}.", ""))
        return _(message).format(value=f"'{value}'"), _(hint)
    if kind in ("literal_error", "enum"):
        expected = str(context.get("expected", ""))
        choices = ", ".join(part.strip().strip("'") for part in
                            expected.replace(" or ", ",").split(",") if part.strip())
        return (_("Ongeldige waarde {value}.").format(value=f"'{value}'"),
                _("Kies uit: {choices}.").format(choices=choices))
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = context.get("ge", context.get("le"))
        message = ("Waarde {value} is te klein; het minimum is {bound}."
                   if kind == "greater_than_equal" else
                   "Waarde {value} is te groot; het maximum is {bound}.")
        return _(message).format(value=value, bound=bound), ""
    if kind in ("too_short", "string_too_short"):
        return _("Deze sleutel mag niet leeg zijn."), ""
    return _("Ongeldige waarde: {detail}").format(detail=error["msg"]), ""
