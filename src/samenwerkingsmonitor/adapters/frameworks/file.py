"""Framework files: TOML in, domain Framework out, every syntax and schema problem located.

Implements the FrameworkFiles port of services/frameworks/load.py. Run as a module to regenerate
the published JSON Schema:

    .venv/bin/python -m samenwerkingsmonitor.adapters.frameworks.file --write-schema
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import BaseModel, ValidationError

from samenwerkingsmonitor.adapters.frameworks.lines import LineIndex
from samenwerkingsmonitor.adapters.frameworks.messages import describe_error
from samenwerkingsmonitor.adapters.frameworks.schema import (
    ID_PATTERN,
    SECTION_MODELS,
    FrameworkFile,
    PeriodEntry,
    SignalsEntry,
    StatusEntry,
    criterion_to_domain,
    framework_to_dict,
    indicator_to_domain,
    norm_to_domain,
)
from samenwerkingsmonitor.adapters.intake.toml_schema import PublishedSchema
from samenwerkingsmonitor.domain.framework import (
    Adoption,
    AdoptionStatus,
    Framework,
    SignalSettings,
)
from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.errors import NotFound
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.frameworks.locations import KeyRef
from samenwerkingsmonitor.services.frameworks.ports import ParsedFramework

SCHEMA_FILE = "framework.schema.json"
_TOML_POSITION = re.compile(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)$")
_TOML_REASONS = {
    "Invalid value": "ongeldige waarde",
    "Unterminated string": "tekst zonder sluitend aanhalingsteken",
    "Cannot overwrite a value": "een sleutel of tabel komt twee keer voor",
    "Cannot declare": "een tabel komt twee keer voor",
    "Expected '=' after a key in a key/value pair": "na een sleutel hoort '='",
    "Expected newline or end of document after a statement":
        "na een waarde hoort een nieuwe regel",
}


class _Document:
    """The raw data of a file and how to find a key path in it."""

    def __init__(self, name: str, text: str, data: dict[str, Any]) -> None:
        self.name = name
        self.data = data
        self.index = LineIndex(text)

    def entry_id(self, section: str, position: int) -> str | None:
        entries = self.data.get(section)
        if isinstance(entries, list) and position < len(entries) \
                and isinstance(entries[position], dict):
            ident = entries[position].get("id")
            return ident if isinstance(ident, str) and re.match(ID_PATTERN, ident) else None
        return None

    def position_of(self, section: str, ident: str, occurrence: int) -> int | None:
        seen = 0
        for position in range(len(self.data.get(section) or [])):
            if self.entry_id(section, position) == ident:
                seen += 1
                if seen == occurrence:
                    return position
        return None

    def locate(self, ref: KeyRef) -> Location:
        path: tuple[str | int, ...] = tuple(ref.keys)
        if ref.section:
            position = self.position_of(ref.section, ref.item or "", ref.occurrence)
            path = (ref.section, *(() if position is None else (position,)), *ref.keys)
        return Location(file=self.name, line=self.index.line_of(path),
                        key_path=ref.key_path() or None)

    def locate_loc(self, loc: Sequence[str | int]) -> Location:
        """A pydantic error location as key path and line; ids replace list positions."""
        parts: list[str] = []
        for depth, part in enumerate(loc):
            if isinstance(part, int):
                ident = self.entry_id(str(loc[0]), part) if depth == 1 else None
                if ident is not None:
                    parts.append(ident)
                else:  # positions count from 1 for people
                    parts[-1:] = [f"{parts[-1] if parts else ''}[{part + 1}]"]
            else:
                parts.append(part)
        return Location(file=self.name, line=self.index.line_of(tuple(loc)),
                        key_path=".".join(parts) or None)


def _toml_problem(name: str, text: str, error: tomllib.TOMLDecodeError) -> ValidationReport:
    detail = str(error)
    match = _TOML_POSITION.search(detail)
    reason = detail[: match.start()] if match else detail
    reason = _TOML_REASONS.get(reason, reason)
    if reason.startswith("Illegal character"):
        reason = _("ongeldig teken") + reason.removeprefix("Illegal character")
    line = int(match.group(1)) if match and match.group(1) else len(text.splitlines()) or 1
    column = f", kolom {match.group(2)}" if match and match.group(2) else ""
    report = ValidationReport()
    report.add(Location(file=name, line=line),
               _("Geen geldige TOML{column}: {reason}.").format(
                   column=column, reason=reason),
               _("Controleer aanhalingstekens om tekst, komma's in lijsten en '=' tussen "
                 "sleutel en waarde."))
    return report


def _schema_problems(document: _Document) -> ValidationReport:
    report = ValidationReport()
    try:
        FrameworkFile.model_validate(document.data)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            message, hint = describe_error(item)
            report.add(document.locate_loc(item["loc"]), message, hint)
    return report


def _valid(model: type[BaseModel], value: Any) -> Any:
    try:
        return model.model_validate(value)
    except ValidationError:
        return None


def _partial_framework(document: _Document) -> tuple[Framework, frozenset[str]]:
    """The entries that passed the schema, so content checks can run beside schema problems."""
    data = document.data
    converters = {"criteria": criterion_to_domain, "indicators": indicator_to_domain,
                  "norms": norm_to_domain}
    converted: dict[str, list[Any]] = {}
    unresolved: set[str] = set()
    for section, model in SECTION_MODELS.items():
        entries = data.get(section)
        converted[section] = []
        for position, raw in enumerate(entries if isinstance(entries, list) else []):
            entry = _valid(model, raw)
            if entry is not None:
                converted[section].append(converters[section](entry))
            else:  # remember it, so that references to it are not reported twice
                ident = raw.get("id") if isinstance(raw, dict) else None
                unresolved.add(ident if isinstance(ident, str) else f"#{section}[{position + 1}]")
    status = _valid(StatusEntry, data.get("status"))
    period = _valid(PeriodEntry, data.get("period"))

    def text(key: str) -> str:
        value = data.get(key)
        return value if isinstance(value, str) else ""

    framework = Framework(
        format_version=data.get("format_version") if isinstance(
            data.get("format_version"), int) else 1,
        id=text("id"), version=text("version"), title=text("title"), source=text("source"),
        adoption=Adoption(AdoptionStatus(status.state), status.decision, status.date)
        if status else Adoption(AdoptionStatus.CONCEPT),
        first_year=period.first if period else 0, last_year=period.last if period else 0,
        criteria=tuple(converted["criteria"]), indicators=tuple(converted["indicators"]),
        norms=tuple(converted["norms"]), description=text("description"),
        signals=_signals(data.get("signals")),
    )
    return framework, frozenset(unresolved)


def _signals(raw: Any) -> SignalSettings:
    entry = _valid(SignalsEntry, raw if raw is not None else {})
    return SignalSettings() if entry is None else SignalSettings(entry.worse_years,
                                                                 entry.jump_tolerance_pct)


def parse_framework_text(text: str, name: str) -> ParsedFramework:
    """Read a framework file's text; problems are reported, never raised."""
    text = text.removeprefix("\ufeff")  # a BOM from a Windows editor is not part of the TOML
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return ParsedFramework(name, None, _toml_problem(name, text, error),
                               lambda ref: Location(file=name, key_path=ref.key_path()), text=text)
    except RecursionError:
        report = ValidationReport()
        report.add(Location(file=name), _("Het bestand is te diep genest om te lezen."),
                   _("Controleer de haken [ ] en { } in het bestand."))
        return ParsedFramework(name, None, report,
                               lambda ref: Location(file=name, key_path=ref.key_path()), text=text)
    document = _Document(name, text, data)
    framework, unresolved = _partial_framework(document)
    return ParsedFramework(name, framework, _schema_problems(document), document.locate,
                           unresolved, text)


def dump_framework(framework: Framework) -> str:
    """The framework as TOML text; parse_framework_text reads it back equal."""
    return tomli_w.dumps(framework_to_dict(framework))


class TomlFrameworkFiles:
    """Bundled frameworks (package folder frameworks/) and TOML files on disk."""

    def bundled_ids(self) -> tuple[str, ...]:
        folder = resources.files("samenwerkingsmonitor") / "frameworks"
        return tuple(sorted(p.name.removesuffix(".toml") for p in folder.iterdir()
                            if p.name.endswith(".toml")))

    def parse(self, text: str, name: str) -> ParsedFramework:
        return parse_framework_text(text, name)

    def read(self, reference: str) -> ParsedFramework:
        if reference in self.bundled_ids():
            resource = resources.files("samenwerkingsmonitor") / "frameworks" / f"{reference}.toml"
            return parse_framework_text(resource.read_text(encoding="utf-8"), f"{reference}.toml")
        path = Path(reference)
        if not path.is_file():
            raise NotFound(_("Toetsingskader '{ref}' niet gevonden: geen bestand en geen "
                             "meegeleverd kader (meegeleverd: {ids}).").format(
                                 ref=reference, ids=", ".join(self.bundled_ids())))
        content = path.read_bytes()
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError as error:
            report = ValidationReport()
            report.add(Location(file=reference, line=content[: error.start].count(b"\n") + 1),
                       _("Het bestand is geen UTF-8-tekst."), _("Sla het bestand op als UTF-8."))
            return ParsedFramework(reference, None, report,
                                   lambda ref: Location(file=reference), text="")
        return parse_framework_text(text, reference)


# --- the published JSON Schema -------------------------------------------------------------

def published_schema() -> PublishedSchema:
    return PublishedSchema(SCHEMA_FILE, FrameworkFile,
                           extra={"title": "Toetsingskader samenwerkingsmonitor"})


def generated_schema() -> dict[str, Any]:
    return published_schema().generated()


def schema_text() -> str:
    return published_schema().text()


def published_schema_text() -> str:
    return published_schema().published_text()


def write_published_schema(folder: Path) -> Path:
    return published_schema().write(folder)


def main(argv: Sequence[str]) -> int:
    if list(argv) != ["--write-schema"]:
        sys.stderr.write("gebruik: python -m samenwerkingsmonitor.adapters.frameworks.file "
                         "--write-schema\n")
        return 2
    written = write_published_schema(Path(__file__).resolve().parents[2] / "schemas")
    sys.stdout.write(f"{written}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
