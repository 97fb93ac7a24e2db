"""What the access use cases need from outside: a store for accounts, tokens and the audit log,
and a password hasher."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from samenwerkingsmonitor.domain.access import Account, ApiToken, AuditEvent, Role


class AccountStore(Protocol):
    """Append-only: a change to an account is a new version with who, when and why."""

    def account(self, username: str) -> Account | None: ...

    def accounts(self) -> Sequence[Account]: ...

    def add_account_version(self, username: str, display_name: str, roles: Sequence[Role],
                            municipalities: Sequence[str], password_hash: str, disabled: bool,
                            *, by: str, reason: str) -> Account: ...

    def add_token(self, token_id: str, secret_hash: str, username: str, role: Role, label: str,
                  *, by: str) -> ApiToken: ...

    def token(self, token_id: str) -> tuple[ApiToken, str] | None:
        """The token and its stored secret hash."""
        ...

    def tokens(self, username: str | None = None) -> Sequence[ApiToken]: ...

    def revoke_token(self, token_id: str, *, by: str, reason: str) -> None: ...

    def record(self, event: AuditEvent) -> None: ...

    def audit(self, limit: int | None = None) -> Sequence[AuditEvent]:
        """Newest first."""
        ...

    def failures_since(self, since: datetime, *, username: str | None = None,
                       address: str | None = None) -> int:
        """Failed logins since `since` for an account or an address."""
        ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password: str, hashed: str) -> bool: ...
