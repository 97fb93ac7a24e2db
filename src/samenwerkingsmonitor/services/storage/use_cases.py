"""Front doors of the storage capability: `init` creates or migrates the database; `verify
--all` walks the hash chains of the history (ADR 0027); `backup FILE` and `restore FILE` copy
the whole store with all history to one self-checking file and back (docs/backup-and-verify.md,
ADR 0010)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from samenwerkingsmonitor.services.storage.backup import (
    BackupSummary,
    create_backup,
    restore_backup,
)
from samenwerkingsmonitor.services.storage.backup_ports import BackupFiles, BackupStore
from samenwerkingsmonitor.services.storage.hash_chain import ChainBreak, Head
from samenwerkingsmonitor.services.storage.ports import ChainStore, Repository


class StoragePorts(Protocol):
    database: str  # the URL, shown to the user

    def repository(self) -> Repository: ...


def prepare_database(ports: StoragePorts) -> str:
    """Create the database or migrate it to the newest schema; returns its URL."""
    ports.repository().migrate()
    return ports.database


class ChainPorts(Protocol):
    database: str

    def chain_store(self) -> ChainStore: ...


@dataclass(frozen=True, slots=True)
class HistoryCheck:
    """`verify --all`: the first broken link of each chain (none: the history is intact), and
    the head of every chain, which a published report can be compared with."""

    database: str
    breaks: tuple[ChainBreak, ...]
    heads: tuple[Head, ...]

    @property
    def intact(self) -> bool:
        return not self.breaks


def verify_history(ports: ChainPorts) -> HistoryCheck:
    store = ports.chain_store()
    breaks = tuple(store.verify_chains())
    heads = tuple(sorted(store.chain_heads().values(), key=lambda head: head.table))
    return HistoryCheck(ports.database, breaks, heads)


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
