"""The AccountStore port (services/access/ports.py) on the same SQLAlchemy store as the
Repository: accounts as versions, tokens with their revocations, the audit log. INSERT and
SELECT only; the database refuses UPDATE and DELETE (migration 0002)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select

from samenwerkingsmonitor.adapters.storage.repository import SqlRepository
from samenwerkingsmonitor.adapters.storage.tables import (
    account_versions,
    api_tokens,
    audit_events,
    token_revocations,
)
from samenwerkingsmonitor.domain.access import Account, ApiToken, AuditEvent, Role


def _account(row: Any) -> Account:
    return Account(row.username, row.display_name,
                   frozenset(Role(r) for r in row.roles.split(",") if r),
                   tuple(c for c in row.municipalities.split(",") if c), row.password_hash,
                   row.disabled, row.version, row.created)


class SqlAccountStore:
    def __init__(self, repository: SqlRepository) -> None:
        self._repo = repository

    # accounts

    def _current_rows(self) -> Any:
        newest = (select(account_versions.c.username,
                         func.max(account_versions.c.version).label("version"))
                  .group_by(account_versions.c.username).subquery())
        return select(account_versions).join(
            newest, (account_versions.c.username == newest.c.username)
            & (account_versions.c.version == newest.c.version))

    def account(self, username: str) -> Account | None:
        query = (select(account_versions).where(account_versions.c.username == username)
                 .order_by(account_versions.c.version.desc()).limit(1))
        with self._repo.connection() as conn:
            row = conn.execute(query).first()
        return None if row is None else _account(row)

    def accounts(self) -> Sequence[Account]:
        with self._repo.connection() as conn:
            rows = conn.execute(self._current_rows().order_by(account_versions.c.username))
            return [_account(row) for row in rows]

    def add_account_version(self, username: str, display_name: str, roles: Sequence[Role],
                            municipalities: Sequence[str], password_hash: str, disabled: bool,
                            *, by: str, reason: str) -> Account:
        with self._repo.transaction(), self._repo.connection(write=True) as conn:
            latest = conn.execute(select(func.max(account_versions.c.version))
                                  .where(account_versions.c.username == username)).scalar()
            conn.execute(insert(account_versions).values(
                username=username, version=(latest or 0) + 1, display_name=display_name,
                roles=",".join(sorted(str(r) for r in roles)),
                municipalities=",".join(municipalities), password_hash=password_hash,
                disabled=disabled, user_name=by, created=datetime.now(UTC), reason=reason))
        account = self.account(username)
        assert account is not None
        return account

    # tokens

    def _token_query(self) -> Any:
        return (select(api_tokens, token_revocations.c.created.label("revoked"))
                .join(token_revocations,
                      token_revocations.c.token_id == api_tokens.c.token_id, isouter=True))

    @staticmethod
    def _token(row: Any) -> ApiToken:
        return ApiToken(row.token_id, row.username, Role(row.role), row.label, row.created,
                        row.revoked)

    def add_token(self, token_id: str, secret_hash: str, username: str, role: Role, label: str,
                  *, by: str) -> ApiToken:
        created = datetime.now(UTC)
        with self._repo.connection(write=True) as conn:
            conn.execute(insert(api_tokens).values(
                token_id=token_id, secret_hash=secret_hash, username=username, role=str(role),
                label=label, user_name=by, created=created, reason=label or "api-sleutel"))
        return ApiToken(token_id, username, role, label, created, None)

    def token(self, token_id: str) -> tuple[ApiToken, str] | None:
        with self._repo.connection() as conn:
            row = conn.execute(self._token_query()
                               .where(api_tokens.c.token_id == token_id)).first()
        return None if row is None else (self._token(row), row.secret_hash)

    def tokens(self, username: str | None = None) -> Sequence[ApiToken]:
        query = self._token_query().order_by(api_tokens.c.id)
        if username is not None:
            query = query.where(api_tokens.c.username == username)
        with self._repo.connection() as conn:
            return [self._token(row) for row in conn.execute(query)]

    def revoke_token(self, token_id: str, *, by: str, reason: str) -> None:
        with self._repo.transaction(), self._repo.connection(write=True) as conn:
            done = conn.execute(select(token_revocations.c.id)
                                .where(token_revocations.c.token_id == token_id)).first()
            if done is None:
                conn.execute(insert(token_revocations).values(
                    token_id=token_id, user_name=by, created=datetime.now(UTC), reason=reason))

    # audit log

    def record(self, event: AuditEvent) -> None:
        with self._repo.connection(write=True) as conn:
            conn.execute(insert(audit_events).values(
                at=event.at, username=event.username[:60], address=event.address[:64],
                action=event.action[:40], target=event.target, outcome=event.outcome[:20],
                detail=event.detail))

    def audit(self, limit: int | None = None) -> Sequence[AuditEvent]:
        query = select(audit_events).order_by(audit_events.c.id.desc())
        if limit is not None:
            query = query.limit(limit)
        with self._repo.connection() as conn:
            return [AuditEvent(r.at, r.username, r.address, r.action, r.target, r.outcome,
                               r.detail) for r in conn.execute(query)]

    def failures_since(self, since: datetime, *, username: str | None = None,
                       address: str | None = None) -> int:
        query = (select(func.count()).select_from(audit_events)
                 .where(audit_events.c.action == "login", audit_events.c.outcome == "failed",
                        audit_events.c.at >= since))
        if username is not None:
            query = query.where(audit_events.c.username == username)
        if address is not None:
            query = query.where(audit_events.c.address == address)
        with self._repo.connection() as conn:
            return int(conn.execute(query).scalar() or 0)
