"""The composition root: the one place that chooses the adapter behind every port.

The front doors in services/<capability>/use_cases.py take a plain request and a `Wiring`;
each declares, as a Protocol, the few ports it uses. The command line (and later the web
application) makes one Wiring and passes it on; nothing else picks an adapter
(docs/adr/0016-capabilities-and-front-doors.md).

Adapters are imported inside the methods, so that a command pays only for the libraries it uses
(`samenwerkingsmonitor --help` imports neither SQLAlchemy nor polars).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the types only; see the module docstring for why imports are late
    from samenwerkingsmonitor.services.access.ports import AccountStore, PasswordHasher
    from samenwerkingsmonitor.services.frameworks.ports import FrameworkFiles
    from samenwerkingsmonitor.services.intake.tables import RawTable
    from samenwerkingsmonitor.services.measurements.ports import (
        ExportWriter,
        PublishedSource,
        TableReader,
    )
    from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
    from samenwerkingsmonitor.services.report.ports import CouncilWriter, ReportWriter
    from samenwerkingsmonitor.services.scenarios.ports import ScenarioReader
    from samenwerkingsmonitor.services.storage.backup_ports import BackupFiles, BackupStore
    from samenwerkingsmonitor.services.storage.ports import ChainStore, Repository
    from samenwerkingsmonitor.services.workbooks.ports import TemplateWriter

DATABASE_ENV = "SAMENWERKINGSMONITOR_DATABASE"
CBS_URL_ENV = "SAMENWERKINGSMONITOR_CBS_URL"  # another address for CBS StatLine's OData
DEFAULT_DATABASE = "sqlite:///samenwerkingsmonitor.db"


def late(module: str, name: str) -> Callable[..., Any]:
    """`module.name`, imported when it is first called: a table of writers costs nothing until
    one of them writes."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = name
    return call


def database_url(option: str | None, environment: Mapping[str, str]) -> str:
    """--database, else the environment variable, else ./samenwerkingsmonitor.db; a bare path
    means a SQLite file."""
    chosen = option or environment.get(DATABASE_ENV) or DEFAULT_DATABASE
    return chosen if "://" in chosen else f"sqlite:///{chosen}"


@dataclass
class Wiring:
    """The adapters of one database. Every method returns a ready adapter."""

    database: str = DEFAULT_DATABASE
    limits: Any = None  # IntakeLimits for every file read; None: from --max-size (tests set it)
    opened: Any = field(default=None, repr=False)  # a Repository already open, to share
    # CBS StatLine's OData catalogue (host and path) and scheme: the tests serve a recorded
    # response on 127.0.0.1 over http (issue 14: no internet on these machines)
    statline_catalog: str = "opendata.cbs.nl"
    statline_https: bool = True

    def for_database(self, url: str) -> Wiring:
        """The same wiring on another database (the demo builds its own)."""
        return Wiring(url)

    def repository(self) -> Repository:
        if self.opened is None:
            from samenwerkingsmonitor.adapters.storage import open_repository

            self.opened = open_repository(self.database)
        return self.opened  # type: ignore[no-any-return]

    def scenario_reader(self) -> ScenarioReader:
        from samenwerkingsmonitor.adapters.scenarios.file import read_scenario_set

        return read_scenario_set

    def chain_store(self) -> ChainStore:
        return self.repository()  # type: ignore[return-value]  # SqlRepository keeps the chains

    def framework_files(self) -> FrameworkFiles:
        from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles

        return TomlFrameworkFiles()

    def organisation_reader(self) -> OrganisationReader:
        from samenwerkingsmonitor.adapters.organisation.file import read_organisation

        return read_organisation

    def measurement_readers(self, max_mb: float | None = None) -> dict[str, TableReader]:
        """Readers of measurement files by suffix, bounded by `max_mb` (ADR 0011)."""
        from functools import partial

        from samenwerkingsmonitor.adapters.intake.csv_reader import read_csv
        from samenwerkingsmonitor.adapters.intake.file_guard import limits_from
        from samenwerkingsmonitor.adapters.intake.spreadsheet_reader import read_ods, read_xlsx

        limits = self.limits or limits_from(max_mb)
        return {suffix: partial(reader, limits=limits)
                for suffix, reader in ((".csv", read_csv), (".xlsx", read_xlsx),
                                       (".ods", read_ods))}

    def vulnerability_tables(self, paths: Sequence[Path], decimal_comma: bool | None,
                             max_mb: float | None = None) -> list[RawTable]:
        from samenwerkingsmonitor.adapters.intake.file_guard import limits_from
        from samenwerkingsmonitor.adapters.intake.vulnerability_reader import (
            read_vulnerability_tables,
        )

        return read_vulnerability_tables(paths, decimal_comma, self.limits or limits_from(max_mb))

    def published_sources(self) -> dict[str, PublishedSource]:
        """`fetch cbs` and `fetch bbv` (docs/gepubliceerde-cijfers.md)."""
        from samenwerkingsmonitor.adapters.measurements.published_files import BbvSource
        from samenwerkingsmonitor.adapters.measurements.statline import StatLineSource

        catalog, https = self.statline_catalog, self.statline_https
        mirror = os.environ.get(CBS_URL_ENV, "").strip()
        if mirror:  # e.g. a proxy or a local mirror: http://127.0.0.1:8080
            scheme, _sep, rest = mirror.partition("://")
            catalog, https = rest.rstrip("/"), scheme != "http"
        return {"cbs": StatLineSource(catalog, https), "bbv": BbvSource()}

    def export_writers(self) -> dict[str, ExportWriter]:
        spreadsheets = "samenwerkingsmonitor.adapters.measurements.spreadsheet_writer"
        return {"csv": late("samenwerkingsmonitor.adapters.measurements.csv_writer",
                            "write_csv"),
                "xlsx": late(spreadsheets, "write_xlsx"), "ods": late(spreadsheets, "write_ods")}

    def council_writers(self) -> dict[str, CouncilWriter]:
        """The Raadsrapportage by format, in the order a demo writes them."""
        html = late("samenwerkingsmonitor.adapters.report.council_html", "write_council_html")
        pdf = late("samenwerkingsmonitor.adapters.report.council_pdf", "write_council_pdf")
        docx = late("samenwerkingsmonitor.adapters.report.council_docx", "write_council_docx")
        return {"html": lambda report, folder, name, style=None: html(report, folder, name),
                "pdf": lambda report, folder, name, style=None: pdf(report, folder, name),
                "docx": lambda report, folder, name, style=None: docx(report, folder, name,
                                                                      reference=style)}

    def appendix_writers(self) -> dict[str, ReportWriter]:
        """The Technische bijlage by format (its PDF through Typst, ADR 0017)."""
        return {"html": late("samenwerkingsmonitor.adapters.report.html", "write_html"),
                "pdf": late("samenwerkingsmonitor.adapters.report.appendix_pdf",
                            "write_appendix_pdf"),
                "docx": late("samenwerkingsmonitor.adapters.report.docx", "write_docx")}

    def provenance_writer(self) -> ReportWriter:
        return late("samenwerkingsmonitor.adapters.report.provenance", "write_provenance")

    def template_writers(self) -> dict[str, TemplateWriter]:
        return {".xlsx": late("samenwerkingsmonitor.adapters.workbooks.xlsx",
                              "write_template_xlsx"),
                ".ods": late("samenwerkingsmonitor.adapters.workbooks.ods", "write_template_ods")}

    def backup_store(self) -> BackupStore:
        from samenwerkingsmonitor.adapters.storage.restore import SqlBackupStore

        return SqlBackupStore(self.repository())

    def backup_files(self) -> BackupFiles:
        from samenwerkingsmonitor.adapters.storage.backup_file import ZipBackupFiles

        return ZipBackupFiles()

    def account_store(self) -> AccountStore:
        from samenwerkingsmonitor.adapters.storage.accounts import SqlAccountStore

        return SqlAccountStore(self.repository())  # type: ignore[arg-type]

    def password_hasher(self) -> PasswordHasher:
        from samenwerkingsmonitor.adapters.access.passwords import Argon2Passwords

        return Argon2Passwords()
