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
from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.errors import ImportRefused, refusal
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.intake.numbers import format_number
from samenwerkingsmonitor.services.intake.tables import CheckedTable, RawTable, ValidatedRow
from samenwerkingsmonitor.services.measurements.locked_periods import LockedPeriods, locked_message
from samenwerkingsmonitor.services.measurements.ports import TableReader
from samenwerkingsmonitor.services.measurements.rows import validate_rows
from samenwerkingsmonitor.services.storage.ports import NewVersion, Repository, StoredMeasurement


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


def import_measurements(repo: Repository, path: Path, organisation: Organisation,
                        framework: Framework, user: str, reason: str, dry_run: bool = False,
                        decimal_comma: bool | None = None, *, reader: TableReader,
                        allowed: frozenset[str] | None = None,
                        reason_later: bool = False) -> ImportResult:
    """Read, check, plan and store the file at `path`; ImportRefused stores nothing."""
    table = reader(path, decimal_comma)
    return import_table(repo, table, organisation, framework, user, reason, dry_run,
                        allowed=allowed, reason_later=reason_later)


def import_table(repo: Repository, table: RawTable, organisation: Organisation,
                 framework: Framework, user: str, reason: str,
                 dry_run: bool = False, *, allowed: frozenset[str] | None = None,
                 reason_later: bool = False) -> ImportResult:
    """As import_measurements, for a table a reader already produced (e.g. an upload).
    `allowed`: the subjects this person may change (the web's scope); None: all.
    `reason_later`: a dry run that does not yet ask the reason for corrections (the web asks
    it after the check, before saving)."""
    checked = validate_rows(table, organisation, framework)
    if allowed is not None:
        refuse_out_of_scope(checked, allowed)
    if not checked.report.ok:
        raise refused(table.file_name, checked.report)
    if dry_run:
        plan = plan_import(checked.rows, repo.current_measurements())
        if not reason_later:
            _refuse_corrections_without_reason(checked, plan, reason, organisation)
        return _result(checked, plan, None, dry_run=True)
    with repo.transaction():  # plan and write against the same state
        plan = plan_import(checked.rows, repo.current_measurements())
        _refuse_corrections_without_reason(checked, plan, reason, organisation)
        versions = plan.versions()
        if not versions:
            return _result(checked, plan, None, dry_run=False)
        batch = repo.add_batch(table.file_name, table.sha256, table.sheet, user, reason,
                               len(checked.rows))
        repo.append_versions(batch, versions)
    return _result(checked, plan, batch.id, dry_run=False)


def refuse_out_of_scope(checked: CheckedTable, allowed: frozenset[str]) -> None:
    """A located problem for every row about a subject this person may not change."""
    header = checked.headers.get("subject", "onderwerp")
    position = next((i for i, h in enumerate(checked.table.headers) if h.strip() == header),
                    None)
    for row in checked.rows:
        subject = row.measurement.subject
        if subject not in allowed:
            checked.report.add(
                Location(checked.table.file_name, checked.table.sheet, row.row, header,
                         checked.cell(position, row.row)),
                _("U mag geen gegevens invoeren voor {subject}: dat hoort niet bij uw "
                  "gemeente.").format(subject=subject),
                _("Haal de rij weg, of vraag een invoerder van die gemeente om haar in te "
                  "voeren."))


def refused(file_name: str, report: ValidationReport) -> ImportRefused:
    return refusal(ImportRefused, report,
                   _("Het bestand {file} is geweigerd: 1 probleem; er is niets opgeslagen."),
                   _("Het bestand {file} is geweigerd: {count} problemen; er is niets "
                     "opgeslagen."), file=file_name)


def _refuse_corrections_without_reason(checked: CheckedTable, plan: ImportPlan, reason: str,
                                       organisation: Organisation | None = None) -> None:
    """Corrections, and new values in a locked period (locked_periods.py), need a reason."""
    if reason.strip():
        return
    report = ValidationReport()
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
    if report.issues:
        report.issues.sort(key=lambda issue: issue.location.row or 0)
        raise refused(checked.table.file_name, report)


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


def _result(checked: CheckedTable, plan: ImportPlan, batch_id: int | None, *,
            dry_run: bool) -> ImportResult:
    table = checked.table
    return ImportResult(file_name=table.file_name, sha256=table.sha256, rows=len(checked.rows),
                        new=len(plan.new), changed=len(plan.changed), unchanged=plan.unchanged,
                        batch_id=batch_id, dry_run=dry_run, decimal_comma=table.decimal_comma,
                        encoding=table.encoding, unfilled=len(checked.unfilled),
                        unfilled_rows=tuple(checked.unfilled))
