"""Alembic migrations of the store, run from code: no alembic.ini is needed at run time.

`upgrade(connection)` brings a database to the newest schema (idempotent); `head_revision()`
names that schema; `alembic_config()` is what the `alembic` command line would build.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection


def script_location() -> str:
    # The package is installed as plain files (setuptools package-data), so the traversable
    # is a real directory that Alembic can read.
    return str(resources.files(__name__))


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", script_location())
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations found"
    return head


def is_known(revision: str) -> bool:
    """Whether `revision` is one of this program's migrations (else the database is newer)."""
    scripts = ScriptDirectory.from_config(alembic_config())
    return any(script.revision == revision for script in scripts.walk_revisions())


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Create or upgrade the schema on `connection`, inside its transaction."""
    command.upgrade(alembic_config(connection=connection), revision)


def downgrade(connection: Connection, revision: str) -> None:
    command.downgrade(alembic_config(connection=connection), revision)
