"""Storage adapter: the Repository port on SQLAlchemy Core (SQLite file or PostgreSQL).

    repository = open_repository("sqlite:///samenwerkingsmonitor.db")
    repository.migrate()          # `samenwerkingsmonitor init`
    with repository.transaction():
        ...                       # all writes of one import or run, or none
"""

from __future__ import annotations

from samenwerkingsmonitor.adapters.storage.repository import SqlRepository


def open_repository(url: str) -> SqlRepository:
    """A repository on `url` (sqlite:///path.db or postgresql+psycopg://...).

    Nothing is created or connected yet: `migrate()` creates the database; every other method
    on a database that was not migrated raises StorageError."""
    return SqlRepository(url)


__all__ = ["SqlRepository", "open_repository"]
