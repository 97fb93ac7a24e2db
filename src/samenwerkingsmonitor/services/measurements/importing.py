"""Use case: import a measurement file, all or nothing, with history (docs/import.md-4.4).

1. A reader (an adapter, passed in) turns the file into a RawTable.
2. measurement_rows checks every row against the organisation and the framework.
3. The rows are planned against the current versions: an equal value is a no-op, a new key
   is a new version, a different value supersedes the current version and needs a reason.
4. Everything lands in one transaction: one batch and its versions, or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from samenwerkingsmonitor.domain.framework import Framework
from samenwerkingsmonitor.domain.measurements import Measurement
from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.domain.validation import ValidationReport
from samenwerkingsmonitor.errors import ImportRefused, refusal
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.intake.numbers import format_number
from samenwerkingsmonitor.services.intake.tables import CheckedTable, RawTable, ValidatedRow
from samenwerkingsmonitor.services.measurements.locked_periods import LockedPeriods, locked_message
from samenwerkingsmonitor.services.measurements.ports import TableReader
from samenwerkingsmonitor.services.measurements.rows import RowValidator
from samenwerkingsmonitor.services.storage.ports import (
    Batch,
    NewVersion,
    Repository,
    StoredMeasurement,
)


@dataclass(frozen=True, slots=True)
class ImportResult:
    file_name: str
    sha256: str
    rows: int  # data rows in the file
    new: int
    changed: int
    unchanged: int
    batch_id: int | None  # None when nothing was stored (dry run or nothing changed)
    dry_run: bool
    decimal_comma: bool  # the number notation the file was read with
    encoding: str = "utf-8"  # "cp1252" when a CSV file was not UTF-8 (ADR 0011)
    unfilled: int = 0  # template rows without waarde and bron, skipped
    unfilled_rows: tuple[int, ...] = ()  # their row numbers, so a notice can name them

    @property
    def nothing_changed(self) -> bool:
        return self.new == 0 and self.changed == 0


@dataclass(slots=True)
class ImportPlan:
    new: list[NewVersion]
    changed: list[tuple[ValidatedRow, StoredMeasurement]]
    unchanged: int

    def versions(self) -> list[NewVersion]:
        corrections = [NewVersion(r.measurement, r.row, current.version_id)
                       for r, current in self.changed]
        return self.new + corrections


# Measurement field -> the file column that holds it, to name what a correction changes.
_FIELD_COLUMNS = {
    "value": "waarde", "scale_value": "waarde", "unit": "eenheid", "source": "bron",
    "reference_date": "peildatum", "status": "status", "variant": "variant",
    "comparable": "vergelijkbaar", "note": "toelichting",
}


def plan_import(rows: Sequence[ValidatedRow], current: Sequence[StoredMeasurement]) -> ImportPlan:
    """Compare each row with the current version of its key (all fields equal = no-op)."""
    by_key = {stored.measurement.key: stored for stored in current}
    plan = ImportPlan(new=[], changed=[], unchanged=0)
    for row in rows:
        stored = by_key.get(row.measurement.key)
        if stored is None:
            plan.new.append(NewVersion(row.measurement, row.row, None))
        elif stored.measurement == row.measurement:
            plan.unchanged += 1
        else:
            plan.changed.append((row, stored))
    return plan


CHUNK_ROWS = 50_000  # rows validated, planned and written at a time (ADR 0025)
MAX_PROBLEMS = 1_000  # a refusal lists at most this many problems, then says it stopped


class _DryRunDone(Exception):
    """Leaves the transaction of a dry run, so that what it wrote to check is rolled back."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__("dry run")
        self.result = result


def import_measurements(repo: Repository, path: Path, organisation: Organisation,
                        framework: Framework, user: str, reason: str, dry_run: bool = False,
                        decimal_comma: bool | None = None, *,
                        reader: TableReader, max_problems: int = MAX_PROBLEMS,
                        allowed: frozenset[str] | None = None,
                        reason_later: bool = False) -> ImportResult:
    """Read, check, plan and store the file at `path`; ImportRefused stores nothing."""
    table = reader(path, decimal_comma)
    return import_table(repo, table, organisation, framework, user, reason, dry_run,
                        max_problems=max_problems, allowed=allowed, reason_later=reason_later)


def import_table(repo: Repository, table: RawTable, organisation: Organisation,
                 framework: Framework, user: str, reason: str,
                 dry_run: bool = False, *, max_problems: int = MAX_PROBLEMS,
                 chunk_rows: int = CHUNK_ROWS, this_year: int | None = None,
                 allowed: frozenset[str] | None = None,
                 reason_later: bool = False) -> ImportResult:
    """As import_measurements, for a table a reader already produced (e.g. an upload).
    `allowed`: the subjects this person may change (the web's scope); None: all.
    `reason_later`: a dry run that does not yet ask the reason for corrections (the web asks
    it after the check, before saving).

    Streams (ADR 0025): each chunk of rows is checked, planned against the current versions
    of its own keys only, and written, inside one transaction; any problem rolls everything
    back, so the import stays all or nothing. A dry run writes the same way and rolls back."""
    validator = RowValidator(table, organisation, framework, this_year, max_problems)
    report = validator.checked.report
    plan = ImportPlan(new=[], changed=[], unchanged=0)  # counts only; chunks are let go
    counts = [0, 0]  # new, changed
    try:
        with repo.transaction():  # plan and write against the same state
            batch: Batch | None = None
            for chunk in validator.chunks(chunk_rows):
                if allowed is not None:  # every row outside the scope is named
                    chunk = refuse_out_of_scope(validator.checked, chunk, allowed)
                if not report.ok:
                    continue  # keep checking for the report, write nothing more
                current = repo.current_versions({row.measurement.key for row in chunk})
                chunk = _without_duplicates(validator.checked, chunk, current, batch)
                part = plan_import(chunk, list(current.values()))
                if not (dry_run and reason_later):
                    _check_corrections(validator.checked, part, reason, organisation)
                counts[0] += len(part.new)
                counts[1] += len(part.changed)
                plan.unchanged += part.unchanged
                versions = part.versions()
                if not report.ok or not versions:
                    continue
                if batch is None:
                    batch = repo.add_batch(table.file_name, table.sha256, table.sheet, user,
                                           reason, _data_rows(table))
                repo.append_versions(batch, versions, check=False)
            validator.finish()
            if not report.ok:
                _sort_and_bound(validator, max_problems)
                raise refused(table.file_name, report)
            if batch is not None:
                repo.check_batch(batch.id)
            result = _result(validator.checked, validator.data_rows, counts, plan.unchanged,
                             None if dry_run or batch is None else batch.id, dry_run=dry_run)
            if dry_run:
                raise _DryRunDone(result)
    except _DryRunDone as done:
        return done.result
    return result


def _data_rows(table: RawTable) -> int:
    """The batch's row count: the rows with any text below the header (the reader may know
    it without a second read; ADR 0025)."""
    counted = getattr(table.rows, "data_rows", None)
    if isinstance(counted, int):
        return counted
    return sum(1 for _row, cells in table.rows if "".join(cells).strip())


def _without_duplicates(checked: CheckedTable, chunk: list[ValidatedRow],
                        current: dict[tuple[str, str, int, str], StoredMeasurement],
                        batch: Batch | None) -> list[ValidatedRow]:
    """A key this import already wrote in an earlier chunk is a duplicate row: the same
    refusal as a duplicate inside one chunk, naming the first row (its stored row number)."""
    if batch is None:
        return chunk
    kept = []
    for row in chunk:
        stored = current.get(row.measurement.key)
        if stored is None or stored.batch != batch.id:
            kept.append(row)
            continue
        key = row.measurement.key
        checked.report.add(
            checked.location(row.row),
            _("Dubbele rij: {subject}, {indicator}, {year}, {kind} staat ook in rij "
              "{first}.").format(subject=key[0], indicator=key[1], year=key[2], kind=key[3],
                                 first=stored.row),
            _("Houd één rij per onderwerp, indicator, jaar en soort over; een correctie "
              "importeert u later met --reason."))
    return kept


def _sort_and_bound(validator: RowValidator, max_problems: int) -> None:
    """Problems in row order; past the bound, one closing line says where checking stopped."""
    report = validator.checked.report
    report.issues.sort(key=lambda issue: issue.location.row or 0)
    if validator.stopped or len(report) > max_problems:
        del report.issues[max_problems:]
        report.add(validator.checked.location(None),
                   _("Gestopt na {count} problemen: {rows} rijen zijn gecontroleerd; verderop "
                     "in het bestand kunnen meer problemen staan.").format(
                       count=max_problems, rows=validator.data_rows),
                   _("Herstel deze problemen en importeer opnieuw; --max-problems kiest een "
                     "andere grens."))


def refuse_out_of_scope(checked: CheckedTable, rows: Sequence[ValidatedRow],
                        allowed: frozenset[str]) -> list[ValidatedRow]:
    """A located problem for every row about a subject this person may not change; the rows
    that may be changed."""
    kept = []
    for row in rows:
        subject = row.measurement.subject
        if subject in allowed:
            kept.append(row)
        else:
            checked.report.add(
                checked.location(row.row, "onderwerp"),
                _("U mag geen gegevens invoeren voor {subject}: dat hoort niet bij uw "
                  "gemeente.").format(subject=subject),
                _("Haal de rij weg, of vraag een invoerder van die gemeente om haar in te "
                  "voeren."))
    return kept


def refused(file_name: str, report: ValidationReport) -> ImportRefused:
    return refusal(ImportRefused, report,
                   _("Het bestand {file} is geweigerd: 1 probleem; er is niets opgeslagen."),
                   _("Het bestand {file} is geweigerd: {count} problemen; er is niets "
                     "opgeslagen."), file=file_name)


def _check_corrections(checked: CheckedTable, plan: ImportPlan, reason: str,
                       organisation: Organisation | None = None) -> None:
    """Corrections, and new values in a locked period (locked_periods.py), need a reason."""
    if reason.strip():
        return
    report = checked.report
    locks = LockedPeriods(organisation) if organisation is not None else None
    for version in plan.new if locks is not None else ():
        key = version.measurement
        lock = locks.lock_for(key.subject, key.year) if locks is not None else None
        if lock is not None:
            report.add(checked.location(version.row, "jaar"),
                       *locked_message(key.subject, key.year, lock))
    for row, stored in plan.changed:
        changes = _changed_fields(stored.measurement, row.measurement, checked.table)
        first_column = _FIELD_COLUMNS[changes[0][0]]
        report.add(
            checked.location(row.row, first_column),
            _("Deze rij wijzigt de opgeslagen waarde van {key} (versie {version}): "
              "{changes}.").format(
                key=", ".join(str(part) for part in row.measurement.key),
                version=stored.version_id,
                changes="; ".join(f"{checked.header(_FIELD_COLUMNS[name])} {old} → {new}"
                                  for name, old, new in changes)),
            _("Een correctie vraagt een reden: importeer opnieuw met --reason \"...\", of "
              "herstel de rij als de wijziging niet bedoeld is."))


def _changed_fields(old: Measurement, new: Measurement,
                    table: RawTable) -> list[tuple[str, str, str]]:
    """(field, old text, new text) for each field that differs, in column order."""
    changes = []
    for spec in fields(Measurement):
        before, after = getattr(old, spec.name), getattr(new, spec.name)
        if before != after and spec.name in _FIELD_COLUMNS:
            changes.append((spec.name, _shown(before, table), _shown(after, table)))
    order = list(_FIELD_COLUMNS)
    return sorted(changes, key=lambda change: order.index(change[0]))


def _shown(value: object, table: RawTable) -> str:
    if value is None or value == "":
        return _("(leeg)")
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, float):
        return format_number(value, table.decimal_comma)
    return f"'{value}'" if isinstance(value, str) else str(value)


def _result(checked: CheckedTable, rows: int, counts: list[int], unchanged: int,
            batch_id: int | None, *, dry_run: bool) -> ImportResult:
    table = checked.table
    return ImportResult(file_name=table.file_name, sha256=table.sha256, rows=rows,
                        new=counts[0], changed=counts[1], unchanged=unchanged,
                        batch_id=batch_id, dry_run=dry_run, decimal_comma=table.decimal_comma,
                        encoding=table.encoding, unfilled=len(checked.unfilled),
                        unfilled_rows=tuple(checked.unfilled))
