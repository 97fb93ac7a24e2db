"""Writes docs/foutmeldingen.md: every user-facing text of the program with its English
translation and the module it comes from, generated from the code.

    .venv/bin/python scripts/message_catalogue.py           # write the page
    .venv/bin/python scripts/message_catalogue.py --check   # exit 1 when the page is stale

A text is a call `_("...")` (i18n.py) whose argument is a string literal; adjacent literals
("a " "b") are one message, as Python joins them. A deferred translation `_(NAME)`,
`_(NAME[key])` or `_(NAME.get(key))` of a module-level constant (a string, or a dict, tuple or
list of strings) lists the constant's strings. Any other call (a text chosen only when the
program runs) is named at the end of the page with its line, so the page says where it is
incomplete. The English text comes from the .po files in
locale/en/LC_MESSAGES/, merged as i18n.py merges them. tests/cli/test_message_catalogue.py fails
when the page differs from what this script would write now.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "samenwerkingsmonitor"
PAGE = ROOT / "docs" / "foutmeldingen.md"
GETTEXT_NAMES = ("_", "gettext")
NGETTEXT = "ngettext"  # (singular, plural, count)
PARTS = (  # (folder, title): the order of the page
    ("cli", "Opdrachtregel"),
    ("services", "Diensten: import, toetsing, rapport, beheer"),
    ("adapters", "Bestanden, opslag en rapportformaten"),
    ("domain", "Domeinregels"),
    ("analysis", "Berekeningen"),
    ("", "Algemeen"),
)
NO_TRANSLATION = "*(nog geen vertaling)*"


@dataclass(frozen=True, slots=True)
class Message:
    module: str  # path below src/, e.g. samenwerkingsmonitor/cli/app.py
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A gettext call whose argument is not a string literal: it cannot be translated."""

    module: str
    line: int


def literal_text(node: ast.expr) -> str | None:
    """The text of a string literal, also of "a" + "b"; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = literal_text(node.left), literal_text(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def module_constants(tree: ast.Module) -> dict[str, list[str]]:
    """Module-level names bound to string literals, or to dicts, tuples or lists of them
    (their string values): the texts a deferred `_(NAME)` or `_(NAME[key])` can show."""
    constants: dict[str, list[str]] = {}
    for node in tree.body:
        target, value = None, None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        if isinstance(target, ast.Name) and value is not None:
            texts = _texts_in(value)
            if texts:
                constants[target.id] = texts
    return constants


def _texts_in(node: ast.expr) -> list[str]:
    text = literal_text(node)
    if text is not None:
        return [text]
    if isinstance(node, ast.Dict):
        return [t for value in node.values if value is not None for t in _texts_in(value)]
    if isinstance(node, ast.Tuple | ast.List):
        return [t for item in node.elts for t in _texts_in(item)]
    return []


def _deferred(argument: ast.expr, constants: dict[str, list[str]]) -> list[str] | None:
    """`_(NAME)`, `_(NAME[key])`, `_(NAME.get(key))` of a module constant: its texts."""
    node = argument
    if isinstance(node, ast.Subscript):
        node = node.value
    elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
          and node.func.attr == "get"):
        node = node.func.value
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    return None


def scan_source(source: str, module: str) -> tuple[list[Message], list[Unreadable]]:
    """The messages of one module in line order, and the calls whose text is chosen only
    when the program runs (they cannot be listed)."""
    tree = ast.parse(source)
    constants = module_constants(tree)
    messages, unreadable = [], []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or node.keywords:
            continue
        name = _called_name(node)
        if name in GETTEXT_NAMES and len(node.args) == 1:
            arguments = node.args
        elif name == NGETTEXT and len(node.args) == 3:
            arguments = node.args[:2]
        else:
            continue
        for argument in arguments:
            text = literal_text(argument)
            texts = [text] if text is not None else _deferred(argument, constants)
            if texts is None:
                unreadable.append(Unreadable(module, node.lineno))
            else:
                messages += [Message(module, node.lineno, t) for t in texts]
    messages.sort(key=lambda m: m.line)
    unreadable.sort(key=lambda u: u.line)
    return messages, unreadable


def scan_package(package: Path = PACKAGE) -> tuple[list[Message], list[Unreadable]]:
    messages: list[Message] = []
    unreadable: list[Unreadable] = []
    for path in sorted(package.rglob("*.py")):
        module = path.relative_to(package.parent).as_posix()
        found, bad = scan_source(path.read_text(encoding="utf-8"), module)
        messages += found
        unreadable += bad
    return messages, unreadable


def translations(package: Path = PACKAGE) -> dict[str, str]:
    """Dutch message id → English, merged over the .po files as i18n.py does."""
    from babel.messages.pofile import read_po

    merged: dict[str, str] = {}
    for path in sorted((package / "locale" / "en" / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        merged.update({str(m.id): str(m.string) for m in catalog
                       if m.id and m.string and not m.fuzzy})
    return merged


def part_of(module: str) -> str:
    folders = module.split("/")
    return folders[1] if len(folders) > 2 else ""


def cell(text: str) -> str:
    """Text for a Markdown table cell, shown as written: Markdown characters escaped, line
    breaks shown as <br>."""
    for character in ("\\", "|", "*", "_", "`", "<"):
        text = text.replace(character, "\\" + character)
    return text.replace("\n", "<br>").strip()


def _unique(messages: Iterable[Message]) -> list[Message]:
    seen: set[str] = set()
    kept = []
    for message in messages:
        if message.text not in seen:
            seen.add(message.text)
            kept.append(message)
    return kept


def render(messages: list[Message], english: dict[str, str],
           unreadable: Sequence[Unreadable] = ()) -> str:
    by_module: dict[str, list[Message]] = {}
    for message in messages:
        by_module.setdefault(message.module, []).append(message)
    distinct = {m.text for m in messages}
    translated = sum(1 for text in distinct if text in english)
    lines = [
        "# Meldingen van samenwerkingsmonitor",
        "",
        "<!-- Gegenereerd door scripts/message_catalogue.py; niet met de hand bewerken. -->",
        "",
        "Alle teksten die het programma aan gebruikers toont: foutmeldingen met hun hint, "
        "waarschuwingen, samenvattingen en kopjes, in het Nederlands (zoals u ze ziet) en in "
        "het Engels (`--lang en`), per onderdeel en module van de code. Zoek een melding op "
        "een vast stuk tekst; woorden tussen accolades (`{file}`, `{row}`) vult het programma "
        "in met het bestand, de rij, de kolom of de waarde waar het om gaat.",
        "",
        f"{len(distinct)} verschillende teksten in {len(by_module)} modules; "
        f"{translated} met een Engelse vertaling.",
        "",
        "Bijwerken: `.venv/bin/python scripts/message_catalogue.py`; "
        "`tests/cli/test_message_catalogue.py` faalt zolang deze pagina niet actueel is.",
        "",
    ]
    for folder, title in PARTS:
        modules = sorted(m for m in by_module if part_of(m) == folder)
        if not modules:
            continue
        lines += [f"## {title}", ""]
        for module in modules:
            lines += [f"### `{module}`", "", "| Nederlands | English |", "|---|---|"]
            for message in _unique(by_module[module]):
                english_text = english.get(message.text)
                lines.append(f"| {cell(message.text)} | "
                             f"{cell(english_text) if english_text else NO_TRANSLATION} |")
            lines.append("")
    if unreadable:
        lines += ["## Niet opgenomen", "",
                  "Op deze plaatsen kiest de code de tekst pas tijdens het draaien; de "
                  "mogelijke teksten staan elders in de code en zijn hierboven niet "
                  "(allemaal) te vinden:", ""]
        lines += [f"- `{u.module}`, regel {u.line}" for u in _unique_places(unreadable)]
        lines.append("")
    return "\n".join(lines)


def _unique_places(unreadable: Sequence[Unreadable]) -> list[Unreadable]:
    return sorted(set(unreadable), key=lambda u: (u.module, u.line))


def page() -> str:
    messages, unreadable = scan_package()
    return render(messages, translations(), unreadable)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Schrijf docs/foutmeldingen.md.")
    parser.add_argument("--check", action="store_true",
                        help="niets schrijven; code 1 als de pagina niet actueel is")
    options = parser.parse_args(argv)
    text = page()
    if options.check:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            print(f"{PAGE.relative_to(ROOT)} is niet actueel: draai "
                  f".venv/bin/python scripts/message_catalogue.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    print(f"{PAGE.relative_to(ROOT)} geschreven.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
