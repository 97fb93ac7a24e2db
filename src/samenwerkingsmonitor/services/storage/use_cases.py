"""Front door of the storage capability: `init` creates or migrates the database."""

from __future__ import annotations

from typing import Protocol

from samenwerkingsmonitor.services.storage.ports import Repository


class StoragePorts(Protocol):
    database: str  # the URL, shown to the user

    def repository(self) -> Repository: ...


def prepare_database(ports: StoragePorts) -> str:
    """Create the database or migrate it to the newest schema; returns its URL."""
    ports.repository().migrate()
    return ports.database
