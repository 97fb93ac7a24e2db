"""Accounts, roles and the audit log of the web application, as plain values
(docs/adr/0018-web-application.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    """What a person may do; the values are the Dutch names users see and type."""

    ADMIN = "beheerder"  # accounts, organisation file, frameworks
    OFFICIAL = "invoerder"  # uploads and corrects data of their own municipality
    ASSESSOR = "beoordelaar"  # the external assessor: reads everything, assesses
    READER = "lezer"  # council member, griffie: reads runs and reports
    GUIDANCE = "begeleidingsgroep"  # the council's guidance group: reads, comments


@dataclass(frozen=True, slots=True)
class Account:
    """The current version of an account. `municipalities` are CBS codes (GM0397)."""

    username: str
    display_name: str
    roles: frozenset[Role]
    municipalities: tuple[str, ...]
    password_hash: str = field(repr=False)
    disabled: bool
    version: int
    created: datetime

    def has(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))


@dataclass(frozen=True, slots=True)
class ApiToken:
    """A personal API token: only its hash is stored; `role` bounds what it may do."""

    token_id: str
    username: str
    role: Role
    label: str
    created: datetime
    revoked: datetime | None


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One line of the audit log: who did what, when, from where, and how it ended."""

    at: datetime
    username: str  # "" when nobody was logged in
    address: str
    action: str  # e.g. "login", "import", "report-download", "forbidden"
    target: str
    outcome: str  # "ok", "refused" or "failed"
    detail: str = ""
