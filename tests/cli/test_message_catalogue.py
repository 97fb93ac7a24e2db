"""docs/foutmeldingen.md is generated from the code (scripts/message_catalogue.py) and current."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "message_catalogue", ROOT / "scripts" / "message_catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


catalogue = _load_script()


def test_the_page_is_current() -> None:
    current = (ROOT / "docs" / "foutmeldingen.md").read_text(encoding="utf-8")
    assert current == catalogue.page(), (
        "docs/foutmeldingen.md is niet actueel: draai "
        ".venv/bin/python scripts/message_catalogue.py")


@pytest.mark.parametrize(("source", "texts"), [
    ('_("Eén zin.")', ["Eén zin."]),
    ('_("Twee delen, "\n  "één melding.")', ["Twee delen, één melding."]),
    ('_("Met {x}.").format(x=1)', ["Met {x}."]),
    ('_("a" + "b")', ["ab"]),
    ('i18n._("Via de module.")', ["Via de module."]),
    ('gettext("Met de lange naam.")', ["Met de lange naam."]),
    ('ngettext("1 rij", "{n} rijen", n)', ["1 rij", "{n} rijen"]),
    ('raise E(_("Buiten.") + _("Binnen."))', ["Buiten.", "Binnen."]),
    ('HINT = "Uitgesteld."\ndef f():\n    return _(HINT)', ["Uitgesteld."]),
    ('TEXT = {"a": "Een.", "b": ("Twee.", "Drie.")}\n_(TEXT[key])',
     ["Een.", "Twee.", "Drie."]),
    ('TEXT = {"a": "Een."}\n_(TEXT.get(key, "x"))', ["Een."]),
    ('print("geen gettext"); _x("ook niet"); _("a", "b")', []),
])
def test_the_scanner_finds_every_literal_message(source: str, texts: list[str]) -> None:
    messages, unreadable = catalogue.scan_source(source, "pakket/module.py")
    assert [m.text for m in messages] == texts
    assert unreadable == []


@pytest.mark.parametrize("source", [
    '_(f"Tekst {x}")',
    "_(tekst)",
    "_(andere_module.HINT)",
    '_(" ".join(delen))',
])
def test_a_text_chosen_at_run_time_is_reported_with_its_line(source: str) -> None:
    messages, unreadable = catalogue.scan_source(f"\n\n{source}\n", "pakket/m.py")
    assert messages == []
    assert [(u.module, u.line) for u in unreadable] == [("pakket/m.py", 3)]


@pytest.mark.parametrize(("text", "shown"), [
    ("Kolom | waarde", "Kolom \\| waarde"),
    ("regel een\nregel twee", "regel een<br>regel twee"),
    ("`init` en *nadruk* en <b> en a_b", "\\`init\\` en \\*nadruk\\* en \\<b> en a\\_b"),
    ("C:\\pad", "C:\\\\pad"),
])
def test_a_table_cell_shows_the_text_as_written(text: str, shown: str) -> None:
    assert catalogue.cell(text) == shown


def test_the_page_groups_by_part_and_module_with_the_english_text() -> None:
    messages = [
        catalogue.Message("samenwerkingsmonitor/services/b.py", 3, "Tweede."),
        catalogue.Message("samenwerkingsmonitor/cli/a.py", 9, "Eerste."),
        catalogue.Message("samenwerkingsmonitor/cli/a.py", 12, "Eerste."),
        catalogue.Message("samenwerkingsmonitor/errors.py", 1, "Derde."),
    ]
    page = catalogue.render(messages, {"Eerste.": "First."},
                            [catalogue.Unreadable("samenwerkingsmonitor/cli/a.py", 20)])
    body = page[page.index("## Opdrachtregel"):]
    assert body.split("\n") == [
        "## Opdrachtregel", "",
        "### `samenwerkingsmonitor/cli/a.py`", "",
        "| Nederlands | English |", "|---|---|",
        "| Eerste. | First. |", "",
        "## Diensten: import, toetsing, rapport, beheer", "",
        "### `samenwerkingsmonitor/services/b.py`", "",
        "| Nederlands | English |", "|---|---|",
        "| Tweede. | *(nog geen vertaling)* |", "",
        "## Algemeen", "",
        "### `samenwerkingsmonitor/errors.py`", "",
        "| Nederlands | English |", "|---|---|",
        "| Derde. | *(nog geen vertaling)* |", "",
        "## Niet opgenomen", "",
        "Op deze plaatsen kiest de code de tekst pas tijdens het draaien; de mogelijke "
        "teksten staan elders in de code en zijn hierboven niet (allemaal) te vinden:", "",
        "- `samenwerkingsmonitor/cli/a.py`, regel 20", "",
    ]
    assert "3 verschillende teksten in 3 modules; 1 met een Engelse vertaling." in page


def test_the_busy_message_of_the_write_lock_is_listed_with_its_translation() -> None:
    page = (ROOT / "docs" / "foutmeldingen.md").read_text(encoding="utf-8")
    section = page[page.index("### `samenwerkingsmonitor/adapters/storage/write_lock.py`"):]
    assert "| De database {url} is bezig met een andere import of wijziging." in section
    assert "The database {url} is busy with another import or change." in section
