"""The web application in English: every text of the templates has a translation, and a page
asked for with ?lang=en comes in English."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import jinja2

from samenwerkingsmonitor import web
from support.web import WebDemo, logged_in

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = Path(web.__file__).parent / "templates"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _translations() -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import message_catalogue
    finally:
        sys.path.pop(0)
    return message_catalogue.translations()  # type: ignore[no-any-return]


def template_messages() -> dict[str, str]:
    """Dutch text → template, as Jinja's own extraction finds them: every `_()` text and both
    the singular and the plural of every `ngettext()`."""
    extractor = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    found: dict[str, str] = {}
    for path in sorted(TEMPLATES.glob("*.html")):
        source = path.read_text(encoding="utf-8")
        for _line, _function, message in extractor.extract_translations(source):
            texts = (message,) if isinstance(message, str) else message
            found.update({text: path.name for text in texts if text})
    return found


def test_every_text_of_the_templates_has_an_english_translation() -> None:
    messages = template_messages()
    assert len(messages) > 100  # the extraction found the templates' texts
    english = _translations()
    missing = sorted(f"{name}: {text}" for text, name in messages.items()
                     if not english.get(text, "").strip())
    assert missing == []
    lost = sorted(text for text in messages
                  if sorted(PLACEHOLDER.findall(text)) != sorted(
                      PLACEHOLDER.findall(english[text])))
    assert lost == []  # every %(name)s of the Dutch text is in the English one


def test_the_overview_comes_in_english_with_lang_en(sqlite_demo: WebDemo) -> None:
    client = logged_in(sqlite_demo.app(), sqlite_demo, "beoordelaar")
    answer = client.get("/?lang=en")
    assert answer.status_code == 200
    html = answer.text
    assert '<html lang="en">' in html
    for english in ("Verdicts per criterion", "What still needs to be done", "Assessments",
                    "Log out", "Legend"):
        assert english in html, english
    assert "Oordelen per criterium" not in html
    assert "Uitloggen" not in html
    # the choice is kept in the session: the next page is in English too
    assert '<html lang="en">' in client.get("/toetsingen").text
