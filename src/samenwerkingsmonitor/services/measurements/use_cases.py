"""Front doors of the measurements capability: `import`, `export` and `history`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.errors import NotFound, UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.frameworks.load import DEFAULT_FRAMEWORK, load_framework
from samenwerkingsmonitor.services.frameworks.ports import FrameworkFiles
from samenwerkingsmonitor.services.measurements.export import export_measurements as export_table
from samenwerkingsmonitor.services.measurements.importing import (
    MAX_PROBLEMS,
    ImportResult,
    import_table,
    refused,
)
from samenwerkingsmonitor.services.measurements.importing import (
    import_measurements as import_with_reader,
)
from samenwerkingsmonitor.services.measurements.ports import (
    ExportWriter,
    PublishedSource,
    TableReader,
)
from samenwerkingsmonitor.services.measurements.published import PublishedValue, published_table
from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
from samenwerkingsmonitor.services.organisation.register import load_registered_organisation
from samenwerkingsmonitor.services.storage.ports import Repository, StoredMeasurement

EXPORT_FORMATS = ("csv", "xlsx", "ods")


class MeasurementPorts(Protocol):
    def repository(self) -> Repository: ...

    def organisation_reader(self) -> OrganisationReader: ...

    def framework_files(self) -> FrameworkFiles: ...

    def measurement_readers(self, max_mb: float | None = None) -> dict[str, TableReader]: ...

    def export_writers(self) -> dict[str, ExportWriter]: ...

    def published_sources(self) -> dict[str, PublishedSource]: ...


@dataclass(frozen=True, slots=True)
class ImportRequest:
    path: Path
    user: str
    reason: str = ""
    dry_run: bool = False
    decimal_comma: bool | None = None  # None: the file decides (ADR 0008)
    framework: str = DEFAULT_FRAMEWORK
    max_mb: float | None = None  # None: SAMENWERKINGSMONITOR_MAX_FILE_MB, else 50 MB
    max_problems: int = MAX_PROBLEMS  # a refusal stops after this many problems (ADR 0025)
    allowed_subjects: frozenset[str] | None = None  # the web's scope of this person; None: all
    reason_later: bool = False  # dry run only: the reason for corrections is asked afterwards


def import_measurements(request: ImportRequest, ports: MeasurementPorts) -> ImportResult:
    """All or nothing: every problem located, nothing stored when one is found."""
    readers = ports.measurement_readers(request.max_mb)
    repo = ports.repository()
    organisation = load_registered_organisation(repo, reader=ports.organisation_reader())
    framework = load_framework(request.framework, ports.framework_files())
    return import_with_reader(repo, request.path, organisation, framework, request.user,
                              request.reason, request.dry_run, request.decimal_comma,
                              reader=reader_for(request.path, readers),
                              max_problems=request.max_problems,
                              allowed=request.allowed_subjects,
                              reason_later=request.reason_later)


def reader_for(path: Path, readers: dict[str, TableReader]) -> TableReader:
    """The reader for the file's suffix; a refusal that names the types that can be read."""
    reader = readers.get(path.suffix.lower())
    if reader is None:
        report = ValidationReport()
        report.add(Location(path.name),
                   _("Bestandstype '{suffix}' kan (nog) niet worden ingelezen.").format(
                       suffix=path.suffix or _("zonder extensie")),
                   _("Lever de metingen aan als werkmap (.xlsx of .ods) met een blad "
                     "Metingen, of als CSV-bestand (.csv)."))
        raise refused(path.name, report)
    return reader


@dataclass(frozen=True, slots=True)
class ExportRequest:
    output: Path | None = None  # None: CSV on standard output
    format: str | None = None  # csv, xlsx or ods; None: by the suffix of output, else csv
    history: bool = False  # every version with its history, not only the current values


@dataclass(frozen=True, slots=True)
class ExportResult:
    format: str
    rows: int
    output: Path | None


def export_measurements(request: ExportRequest, ports: MeasurementPorts) -> ExportResult:
    chosen = export_format(request.format, request.output)
    table = export_table(ports.repository(), history=request.history)
    rows = ports.export_writers()[chosen](table, request.output)
    return ExportResult(chosen, rows, request.output)


def export_format(chosen: str | None, output: Path | None) -> str:
    """The format asked for, else the one the suffix of `output` names, else csv.
    A spreadsheet is a file, never text on the screen."""
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    chosen = chosen.lower() if chosen is not None else None
    if chosen is not None and chosen not in EXPORT_FORMATS:
        raise UsageError(_("Onbekend formaat '{format}': kies csv, xlsx of ods.").format(
            format=chosen))
    if chosen is not None and suffix in EXPORT_FORMATS and suffix != chosen:
        raise UsageError(_("Het formaat {format} past niet bij het bestand {file}: geef het "
                           "bestand de extensie .{format} of kies --format {suffix}.").format(
            format=chosen, file=output, suffix=suffix))
    fmt = chosen or (suffix if suffix in EXPORT_FORMATS else "csv")
    if fmt != "csv" and output is None:
        raise UsageError(_("Een export als {format} is een bestand: geef --output "
                           "BESTAND.{format}.").format(format=fmt))
    return fmt


@dataclass(frozen=True, slots=True)
class HistoryRequest:
    subject: str
    indicator: str


def measurement_history(request: HistoryRequest,
                        ports: MeasurementPorts) -> list[StoredMeasurement]:
    """Every version of one value, oldest first; NotFound when there is none."""
    versions = ports.repository().history(request.subject, request.indicator)
    if not versions:
        raise NotFound(_("Geen waarden gevonden voor {subject} / {indicator}. Controleer de "
                         "schrijfwijze; 'samenwerkingsmonitor export' toont alle opgeslagen "
                         "waarden.").format(subject=request.subject,
                                            indicator=request.indicator))
    return versions


@dataclass(frozen=True, slots=True)
class CurrentRequest:
    subject: str | None = None
    indicator: str | None = None


def current_measurements(request: CurrentRequest,
                         ports: MeasurementPorts) -> list[StoredMeasurement]:
    """The current version of every stored value, optionally of one subject or indicator."""
    return [m for m in ports.repository().current_measurements()
            if (request.subject is None or m.measurement.subject == request.subject)
            and (request.indicator is None or m.measurement.indicator == request.indicator)]


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """`fetch cbs|bbv --subjects ... --years A-B [--from-file FILE]`
    (docs/gepubliceerde-cijfers.md)."""

    source: str  # cbs or bbv
    subjects: tuple[str, ...]  # municipality codes; empty: every municipality registered
    first_year: int
    last_year: int
    user: str
    reason: str = ""
    dry_run: bool = False
    from_file: Path | None = None  # offline: a file downloaded from the source's site
    kind: str = "begroting"  # bbv: the begroting's indicators, or realisatie (jaarrekening)
    framework: str = DEFAULT_FRAMEWORK
    today: date = field(default_factory=date.today)


@dataclass(frozen=True, slots=True)
class FetchResult:
    source: str
    values: tuple[PublishedValue, ...]  # what the source gave, before the import
    imported: ImportResult  # new, changed and unchanged values, as for `import`


def fetch_published(request: FetchRequest, ports: MeasurementPorts) -> FetchResult:
    """Published figures stored as measurements (status gepubliceerd, source URL, retrieval
    date), through the ordinary import: all or nothing, with history."""
    sources = ports.published_sources()
    source = sources.get(request.source.lower())
    if source is None:
        raise UsageError(_("Onbekende bron '{source}': kies {sources}.").format(
            source=request.source, sources=" of ".join(sorted(sources))))
    if request.first_year > request.last_year:
        raise UsageError(_("Het eerste jaar ({first}) ligt na het laatste ({last}).").format(
            first=request.first_year, last=request.last_year))
    repo = ports.repository()
    organisation = load_registered_organisation(repo, reader=ports.organisation_reader())
    known = {m.code: m for m in organisation.municipalities}
    codes = request.subjects or tuple(sorted(known))
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise NotFound(_("Onbekende gemeente: {codes}. Kies uit de gemeenten van het "
                         "geregistreerde organisatiebestand.").format(codes=", ".join(unknown)))
    years = tuple(range(request.first_year, request.last_year + 1))
    if request.from_file is not None:
        names = {m.name.lower(): m.code for m in organisation.municipalities}
        found = source.read_download(request.from_file, names, years, request.today,
                                     request.kind)
        values = [v for v in found if v.subject in codes]
        name = request.from_file.name
    else:
        values = source.fetch(codes, years, request.today)
        name = f"{source.name}-{request.today.isoformat()}"
    if not values:
        raise NotFound(_("De bron gaf geen waarden voor {codes} in {first}-{last}.").format(
            codes=", ".join(codes), first=request.first_year, last=request.last_year))
    framework = load_framework(request.framework, ports.framework_files())
    imported = import_table(repo, published_table(values, name), organisation, framework,
                            request.user, request.reason, request.dry_run)
    return FetchResult(source.name, tuple(values), imported)
