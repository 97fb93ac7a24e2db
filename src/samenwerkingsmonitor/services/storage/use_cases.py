"""Front doors of the storage capability: `init` creates or migrates the database; `verify
--all` walks the hash chains of the history (ADR 0027)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

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
