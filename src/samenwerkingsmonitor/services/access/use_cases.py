"""Front doors of the access capability: accounts, login, API tokens and the audit log.

The command line (`user`, `token`) and the web application call these; passwords and token
secrets leave here once, to be shown to the person they belong to, and are stored only hashed.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from samenwerkingsmonitor.domain.access import Account, ApiToken, AuditEvent, Role
from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.errors import AccessRefused, LoginThrottled, NotFound, UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.access.ports import AccountStore, PasswordHasher
from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
from samenwerkingsmonitor.services.organisation.register import load_registered_organisation
from samenwerkingsmonitor.services.storage.ports import Repository

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
MIN_PASSWORD = 12
THROTTLE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_ACCOUNT = 5
MAX_FAILURES_ADDRESS = 20
TOKEN_PREFIX = "smon"


class AccessPorts(Protocol):
    def account_store(self) -> AccountStore: ...

    def password_hasher(self) -> PasswordHasher: ...

    def repository(self) -> Repository: ...

    def organisation_reader(self) -> OrganisationReader: ...


def new_password() -> str:
    """A password of 20 characters from an alphabet without look-alikes (about 115 bits)."""
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(20))


def parse_roles(text: Sequence[str]) -> tuple[Role, ...]:
    known = {role.value: role for role in Role}
    unknown = [t for t in text if t not in known]
    if unknown or not text:
        raise UsageError(_("Onbekende rol '{role}'. Kies uit: {roles}.").format(
            role=", ".join(unknown) or "", roles=", ".join(known)))
    return tuple(known[t] for t in text)


def current_organisation(ports: AccessPorts) -> Organisation | None:
    """The registered organisation, or None before `register`."""
    try:
        return load_registered_organisation(ports.repository(),
                                            reader=ports.organisation_reader())
    except NotFound:
        return None


# accounts


@dataclass(frozen=True, slots=True)
class AddAccountRequest:
    username: str
    roles: tuple[str, ...]
    municipalities: tuple[str, ...]
    by: str
    display_name: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class NewSecret:
    """An account or token with the secret to show once."""

    username: str
    secret: str
    token: ApiToken | None = None


def add_account(request: AddAccountRequest, ports: AccessPorts) -> NewSecret:
    store = ports.account_store()
    if not USERNAME.match(request.username):
        raise UsageError(_("Gebruikersnaam '{name}' kan niet: gebruik 2 tot 60 kleine letters, "
                           "cijfers, punten, streepjes of liggende streepjes.")
                         .format(name=request.username))
    if store.account(request.username) is not None:
        raise UsageError(_("Er is al een account '{name}'. Gebruik `user reset` voor een nieuw "
                           "wachtwoord.").format(name=request.username))
    roles = parse_roles(request.roles)
    _check_municipalities(request.municipalities, ports)
    password = new_password()
    store.add_account_version(request.username, request.display_name or request.username,
                              roles, request.municipalities,
                              ports.password_hasher().hash(password), False, by=request.by,
                              reason=request.reason or _("account aangemaakt"))
    return NewSecret(request.username, password)


def _check_municipalities(codes: Sequence[str], ports: AccessPorts) -> None:
    organisation = current_organisation(ports)
    if organisation is None:
        return  # accounts may come before the organisation file; checked again at login
    known = {m.code for m in organisation.municipalities}
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise UsageError(_("Gemeente {codes} staat niet in het organisatiebestand. Gebruik een "
                           "CBS-code zoals GM0397.").format(codes=", ".join(unknown)))


@dataclass(frozen=True, slots=True)
class ChangeAccountRequest:
    username: str
    by: str
    reason: str = ""


def _existing(store: AccountStore, username: str) -> Account:
    account = store.account(username)
    if account is None:
        raise NotFound(_("Account '{name}' bestaat niet.").format(name=username))
    return account


def set_disabled(request: ChangeAccountRequest, disabled: bool, ports: AccessPorts) -> Account:
    store = ports.account_store()
    account = _existing(store, request.username)
    reason = request.reason or (_("account uitgezet") if disabled else _("account aangezet"))
    return store.add_account_version(account.username, account.display_name,
                                     sorted(account.roles), account.municipalities,
                                     account.password_hash, disabled, by=request.by,
                                     reason=reason)


def reset_password(request: ChangeAccountRequest, ports: AccessPorts) -> NewSecret:
    store = ports.account_store()
    account = _existing(store, request.username)
    password = new_password()
    store.add_account_version(account.username, account.display_name, sorted(account.roles),
                              account.municipalities, ports.password_hasher().hash(password),
                              account.disabled, by=request.by,
                              reason=request.reason or _("nieuw wachtwoord"))
    return NewSecret(account.username, password)


def accounts(ports: AccessPorts) -> Sequence[Account]:
    return ports.account_store().accounts()


# login


@dataclass(frozen=True, slots=True)
class LoginRequest:
    username: str
    password: str
    address: str
    now: datetime | None = None  # None: the clock; tests pass a moment


def log_in(request: LoginRequest, ports: AccessPorts) -> Account:
    """The account when name and password match; AccessRefused (one message for every wrong
    combination, so it tells nobody which accounts exist) or LoginThrottled otherwise. Every
    attempt lands in the audit log."""
    store = ports.account_store()
    now = request.now or datetime.now(UTC)
    since = now - THROTTLE_WINDOW
    if (store.failures_since(since, username=request.username) >= MAX_FAILURES_ACCOUNT
            or store.failures_since(since, address=request.address) >= MAX_FAILURES_ADDRESS):
        store.record(AuditEvent(now, request.username, request.address, "login",
                                request.username, "refused", "throttled"))
        raise LoginThrottled(_("Te veel mislukte pogingen om in te loggen. Wacht een kwartier "
                               "en probeer het dan opnieuw, of vraag de beheerder om een nieuw "
                               "wachtwoord."))
    account = store.account(request.username)
    hasher = ports.password_hasher()
    valid = account is not None and hasher.verify(request.password, account.password_hash)
    if account is None:
        hasher.verify(request.password, _DUMMY_HASH.get(hasher))  # same time as a real check
    if not valid or account is None or account.disabled:
        detail = "disabled" if valid else "wrong"
        store.record(AuditEvent(now, request.username, request.address, "login",
                                request.username, "failed", detail))
        raise AccessRefused(_("Gebruikersnaam of wachtwoord klopt niet, of het account is "
                              "uitgezet."))
    store.record(AuditEvent(now, account.username, request.address, "login", account.username,
                            "ok"))
    return account


class _DummyHash:
    """A hash to verify against when the account does not exist, made once per hasher."""

    def __init__(self) -> None:
        self._hashes: dict[int, str] = {}

    def get(self, hasher: PasswordHasher) -> str:
        key = id(type(hasher))
        if key not in self._hashes:
            self._hashes[key] = hasher.hash(secrets.token_urlsafe(16))
        return self._hashes[key]


_DUMMY_HASH = _DummyHash()


# API tokens


@dataclass(frozen=True, slots=True)
class AddTokenRequest:
    username: str
    role: str
    by: str
    label: str = ""


def _secret_hash(secret: str) -> str:
    # The secret is 256 random bits: a plain SHA-256 is enough (no password to stretch).
    return hashlib.sha256(secret.encode()).hexdigest()


def add_token(request: AddTokenRequest, ports: AccessPorts) -> NewSecret:
    store = ports.account_store()
    account = _existing(store, request.username)
    (role,) = parse_roles([request.role])
    if role not in account.roles:
        raise UsageError(_("Account '{name}' heeft de rol {role} niet; een sleutel kan niet "
                           "meer dan het account.").format(name=account.username, role=role))
    token_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    token = store.add_token(token_id, _secret_hash(secret), account.username, role,
                            request.label, by=request.by)
    return NewSecret(account.username, f"{TOKEN_PREFIX}_{token_id}_{secret}", token)


def revoke_token(token_id: str, by: str, reason: str, ports: AccessPorts) -> None:
    store = ports.account_store()
    if store.token(token_id) is None:
        raise NotFound(_("Sleutel {token} bestaat niet.").format(token=token_id))
    store.revoke_token(token_id, by=by, reason=reason or _("sleutel ingetrokken"))


def tokens(username: str | None, ports: AccessPorts) -> Sequence[ApiToken]:
    return ports.account_store().tokens(username)


@dataclass(frozen=True, slots=True)
class TokenHolder:
    account: Account
    role: Role
    token_id: str


def token_holder(bearer: str, ports: AccessPorts) -> TokenHolder:
    """The account behind `smon_<id>_<secret>` with the token's one role."""
    refused = AccessRefused(_("De API-sleutel is onbekend, ingetrokken of hoort bij een "
                              "uitgezet account."))
    parts = bearer.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        raise refused
    store = ports.account_store()
    found = store.token(parts[1])
    if found is None:
        raise refused
    token, stored_hash = found
    if token.revoked is not None or not hmac.compare_digest(stored_hash,
                                                             _secret_hash(parts[2])):
        raise refused
    account = store.account(token.username)
    if account is None or account.disabled or token.role not in account.roles:
        raise refused
    return TokenHolder(account, token.role, token.token_id)


# audit log


def record(event: AuditEvent, ports: AccessPorts) -> None:
    ports.account_store().record(event)


def audit_log(ports: AccessPorts, limit: int | None = None) -> Sequence[AuditEvent]:
    return ports.account_store().audit(limit)
