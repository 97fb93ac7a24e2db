"""Front doors of the backup capability: `backup FILE` and `restore FILE`
(docs/backup-and-verify.md, ADR 0010)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from samenwerkingsmonitor.services.backup.backup import (
    BackupSummary,
    create_backup,
    restore_backup,
)
from samenwerkingsmonitor.services.backup.ports import BackupFiles, BackupStore


class BackupPorts(Protocol):
    def backup_store(self) -> BackupStore: ...

    def backup_files(self) -> BackupFiles: ...


@dataclass(frozen=True, slots=True)
class BackupRequest:
    path: Path


@dataclass(frozen=True, slots=True)
class RestoreResult:
    summary: BackupSummary
    database: str  # where it was restored, as the store describes itself


def backup(request: BackupRequest, ports: BackupPorts) -> BackupSummary:
    """The whole database with all history in one self-checking file."""
    return create_backup(ports.backup_store(), request.path, ports.backup_files())


def restore(request: BackupRequest, ports: BackupPorts) -> RestoreResult:
    """Into an empty database only, exactly as it was; every checksum checked."""
    store = ports.backup_store()
    summary = restore_backup(store, request.path, ports.backup_files())
    return RestoreResult(summary, store.describe())
