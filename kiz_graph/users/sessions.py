"""Signed-in sessions, kept in the graph: ``(:Session {key_hash, started, seen})-[:OF]->(:User)``.

The browser holds only a random session key (in Flask's signed cookie); the graph holds its
SHA-256 hash. So a session ends for good when its node goes: signing out ends this one; a
new password, a reset link and disabling the account end every session of the user (in
the same write as the change itself, see ``cypher/users/``). A session also ends after
``idle`` without a request and ``longest`` after signing in, whatever happens.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from kiz_graph.store.db import Database

__all__ = ["IDLE", "LONGEST", "TOUCH_EVERY", "Timeouts", "end", "start", "user_of"]

IDLE = dt.timedelta(hours=2)
LONGEST = dt.timedelta(hours=12)
TOUCH_EVERY = dt.timedelta(minutes=1)  # a session's last request is written at most this often


@dataclass(frozen=True)
class Timeouts:
    idle: dt.timedelta = IDLE
    longest: dt.timedelta = LONGEST


def start(db: Database, username: str, *, timeouts: Timeouts = Timeouts(), now: dt.datetime | None = None) -> str:
    """A new session of the user; the key to give the browser. Sessions that are over go."""
    now = now or _now()
    key = secrets.token_urlsafe(32)
    db.write("users/session_start", username=username, key_hash=_hash(key), now=now,
             idle_before=now - timeouts.idle, started_before=now - timeouts.longest)
    return key


def user_of(db: Database, key: str, *, timeouts: Timeouts = Timeouts(), now: dt.datetime | None = None) -> dict | None:
    """The user row (as ``users/get`` gives it) of a session that still runs, or None."""
    if not isinstance(key, str) or not key:
        return None
    now = now or _now()
    rows = db.read("users/session_user", key_hash=_hash(key), idle_before=now - timeouts.idle,
                   started_before=now - timeouts.longest)
    if not rows:
        return None
    if rows[0]["seen"] <= now - TOUCH_EVERY:
        db.write("users/session_touch", key_hash=_hash(key), now=now)
    return rows[0]


def end(db: Database, key: str) -> None:
    """Sign out: this session is over, wherever its cookie turns up again."""
    if isinstance(key, str) and key:
        db.write("users/session_end", key_hash=_hash(key))


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
