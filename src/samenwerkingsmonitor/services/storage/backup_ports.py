"""Ports of backup and restore: the database as a whole (adapters/storage/restore.py) and the
backup container (adapters/storage/backup_file.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

Rows = list[dict[str, Any]]
Columns = list[tuple[str, str]]  # (column name, one of TYPES), in table order


class BackupStore(Protocol):
    """What backup and restore need from a database (adapters/storage/restore.py)."""

    def describe(self) -> str: ...

    def schema_revision(self) -> str: ...

    def table_columns(self) -> dict[str, Columns]:
        """Every table, parents before children, with its columns."""
        ...

    def dump(self) -> dict[str, Rows]: ...

    def prepare(self) -> None:
        """Create or migrate the database to the newest schema."""
        ...

    def load(self, tables: Mapping[str, Rows], check: Callable[[dict[str, Rows]], None]) -> None:
        """In one transaction: refuse a non-empty database, insert the rows with their ids,
        then call `check` with the new database's dump; anything it raises rolls back."""
        ...


class BackupFiles(Protocol):
    """Reads and writes the container (adapters/storage/backup_file.py)."""

    def write(self, path: Path, members: Sequence[tuple[str, bytes]]) -> None: ...

    def read(self, path: Path) -> dict[str, bytes]:
        """Every member by name; InputRefused when the file is no readable container."""
        ...
