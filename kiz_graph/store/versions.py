"""Results computed once per state of the data, and never served stale.

The graph holds one ``(:DataVersion {name: "graph", token})`` node. Every transaction that
changes the network's data (a form, an undo, an import, a seed, a merge, a wipe) renews its
token as its last statement (:func:`renew`), so the token changes in the same commit as the
data. A cached result remembers the token it was computed under; a reader reads the token
*first* and then computes, so a result is at worst computed from data newer than its token,
and the next request, seeing a new token, computes again. Each process keeps its own
results: a write in any process (or any server) is seen by every other on its next request.

Sign-ins, sessions and the users' own data are no network data and renew nothing.
"""

from __future__ import annotations

import collections
import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from kiz_graph.store.db import Database, run

__all__ = ["Cache", "current", "renew", "renewing"]

T = TypeVar("T")


def renew(tx_or_db) -> None:
    """A new token: inside a transaction (``tx``) as its last statement, or alone (``db``)
    right after a write that cannot share a transaction with it."""
    if isinstance(tx_or_db, Database):
        tx_or_db.write("store/version/renew")
    else:
        run(tx_or_db, "store/version/renew")


def renewing(work: Callable[..., T]) -> Callable[..., T]:
    """``work`` (a transaction function) that renews the token as its last statement."""
    def work_and_renew(tx, *args: Any) -> T:
        result = work(tx, *args)
        renew(tx)
        return result

    return work_and_renew


def current(db: Database) -> str | None:
    """The token of the data as it is now (None before the first change)."""
    rows = db.read("store/version/current")
    return rows[0]["token"] if rows else None


class Cache:
    """The last ``size`` results by key, each valid for one token; computed once even when
    several requests ask at the same moment (they wait for the first)."""

    def __init__(self, size: int = 32):
        self.size = size
        self._results: collections.OrderedDict[Hashable, tuple[str | None, Any]] = collections.OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def get(self, db: Database, key: Hashable, compute: Callable[[], T]) -> T:
        """The result for ``key`` as the data is now (computed when there is none yet)."""
        return self.at(current(db), key, compute)

    def at(self, token: str | None, key: Hashable, compute: Callable[[], T]) -> T:
        """The result for ``key`` under ``token`` (read before, once for several results)."""
        found = self._fresh(key, token)
        if found is not None:
            return found[0]
        with self._lock:
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            found = self._fresh(key, token)  # computed by another request while this one waited
            if found is not None:
                return found[0]
            value = compute()
            with self._lock:
                self._computing.pop(key, None)  # those waiting hold it still; they find the result
                self._results[key] = (token, value)
                self._results.move_to_end(key)
                while len(self._results) > self.size:
                    self._results.popitem(last=False)
            return value

    def has(self, token: str | None, key: Hashable) -> bool:
        """Whether the result for ``key`` under ``token`` is kept."""
        return self._fresh(key, token) is not None

    def clear(self) -> None:
        with self._lock:
            self._results.clear()

    def _fresh(self, key: Hashable, token: str | None) -> tuple[Any] | None:
        with self._lock:
            entry = self._results.get(key)
            if entry is None or entry[0] != token:
                return None
            self._results.move_to_end(key)
            return (entry[1],)
