"""User text through gettext. Message ids are the Dutch text (Dutch is the default);
the `*.po` files in `locale/en/LC_MESSAGES/` translate them (docs/adr/0002-i18n.md).
There is one .po file per part of the program, merged at first use. They are read with Babel,
so no compiled .mo file has to be kept in sync.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import lru_cache
from importlib import resources

DOMAIN = "samenwerkingsmonitor"
LANGUAGES = ("nl", "en")
# A context variable, not a global: the web application serves requests in different languages
# at once, each in its own context (a thread of the pool copies the request's context).
_language: ContextVar[str] = ContextVar("language", default="nl")


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        from samenwerkingsmonitor.errors import UsageError  # errors.py imports the domain

        raise UsageError(gettext("Onbekende taal '{lang}': kies nl of en.").format(lang=lang))
    _language.set(lang)


def current_language() -> str:
    return _language.get()


@lru_cache(maxsize=4)
def _catalogue(lang: str) -> dict[str, str]:
    if lang == "nl":
        return {}
    from babel.messages.pofile import read_po

    folder = resources.files("samenwerkingsmonitor") / "locale" / lang / "LC_MESSAGES"
    merged: dict[str, str] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".po"):
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle)
        merged.update(
            {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}
        )
    return merged


def gettext(message: str) -> str:
    return _catalogue(_language.get()).get(message, message)


_ = gettext


def number(value: float | None, decimals: int = 1) -> str:
    """A number as the chosen language writes it (1.234,5 in Dutch); "–" for no value."""
    if value is None:
        return "–"
    from babel.numbers import format_decimal  # Babel only when a number is written

    locale = "nl_NL" if current_language() == "nl" else "en_GB"
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return str(format_decimal(value, format=pattern, locale=locale))
