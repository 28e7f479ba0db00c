"""How many sign-ins may be tried: counted per account *and* per client address, so that a
stranger cannot lock an account's owner out.

Every attempt first takes a slot, checked and counted in one write transaction, and only then
is the password verified; a success gives its slot back. So a burst of parallel guesses gets
no more slots than the limit, however they interleave. Three counters decide
(``(:SignInCount {key, count, since, until, known_until})``):

- the account from this address (``paar``): :data:`LIMITS` failures, then this address waits
  :data:`BLOCK_TIME` for this account; the owner elsewhere is not affected;
- the address (``adresse``), whatever the account: stops one address trying many accounts;
- the account from anywhere (``konto``): stops many addresses trying one account, but not at
  an address where the owner signed in before (``known_until``), so the owner keeps a way in.

Every failure and every refusal is recorded as ``(:SignInEvent)`` for the coordination office
(:func:`recent_events`) and kept :data:`EVENT_DAYS` days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiz_graph.store.db import Database, run

__all__ = ["BLOCK_TIME", "EVENT_DAYS", "LIMITS", "OUTCOMES", "Verdict", "blocked_until", "recent_events",
           "record", "reserve", "succeeded"]

LIMITS = {"paar": 5, "adresse": 30, "konto": 50}  # failed attempts per WINDOW before a block
WINDOW = dt.timedelta(minutes=15)  # failures older than the window's start are forgotten
BLOCK_TIME = dt.timedelta(minutes=15)
KNOWN_TIME = dt.timedelta(days=90)  # how long an address the owner signed in from stays known
EVENT_DAYS = 30  # how long failed sign-ins stay on record


@dataclass(frozen=True)
class Verdict:
    """Whether an attempt may check its password; if not, until when the block lasts."""

    allowed: bool
    until: dt.datetime | None = None
    blocks: bool = False  # this attempt used the last slot: the next one waits


OUTCOMES = {  # what an event was, as the coordination office reads it
    "wrong_password": "Passwort falsch",
    "unknown_user": "Benutzername unbekannt oder deaktiviert",
    "blocked": "Sperre ausgelöst",
    "refused": "abgewiesen (gesperrt)",
}


def reserve(db: Database, username: str, address: str, *, now: dt.datetime) -> Verdict:
    """Take a slot for one sign-in attempt of ``username`` from ``address``, or refuse it."""
    keys = _keys(username, address)

    def work(tx) -> Verdict:
        counters = _locked(tx, keys, username, address, now)
        known, blocks = _blocks(counters, keys, now)
        if blocks:
            _save(tx, counters.values())
            return Verdict(False, max(blocks))
        blocking = False
        for scope, key in keys.items():
            counter = counters[key]
            counter["count"] += 1
            if counter["count"] >= LIMITS[scope] and not (scope == "konto" and known):
                counter["until"] = now + BLOCK_TIME
                blocking = True
        _save(tx, counters.values())
        return Verdict(True, blocks=blocking)

    return db.write_transaction(work)


def succeeded(db: Database, username: str, address: str, *, now: dt.datetime) -> None:
    """The attempt's password was right: the account is free again from this address, which is
    now known for it, and the other counters get their slot back."""
    keys = _keys(username, address)

    def work(tx) -> None:
        counters = _locked(tx, keys, username, address, now)
        for scope, key in keys.items():
            counter = counters[key]
            if scope == "paar":
                counter.update(count=0, until=None, known_until=now + KNOWN_TIME)
            else:
                counter["count"] = max(counter["count"] - 1, 0)
                if counter["until"] is not None and counter["count"] < LIMITS[scope]:
                    counter["until"] = None
        _save(tx, counters.values())

    db.write_transaction(work)


def blocked_until(db: Database, username: str, address: str, *, now: dt.datetime) -> dt.datetime | None:
    """Until when ``username`` cannot try from ``address`` (also for an unknown user), or None."""
    keys = _keys(username, address)
    rows = {row["key"]: row for row in db.read("users/sign_in_counts", keys=list(keys.values()))}
    _, blocks = _blocks(rows, keys, now)
    return max(blocks) if blocks else None


def record(db: Database, username: str, address: str, outcome: str, *, now: dt.datetime) -> None:
    """One failed or refused attempt, for the coordination office; old events and counters go."""
    assert outcome in OUTCOMES, outcome
    db.write("users/sign_in_event", username=username[:100], address=address, outcome=outcome, at=now,
             events_before=now - dt.timedelta(days=EVENT_DAYS), counts_before=now - max(WINDOW, BLOCK_TIME))


def recent_events(db: Database, *, days: int = 7, limit: int = 200, now: dt.datetime | None = None) -> list[dict]:
    """The latest failed and refused sign-ins, newest first, each with its outcome in German."""
    since = (now or dt.datetime.now(dt.timezone.utc)) - dt.timedelta(days=days)
    rows = db.read("users/sign_in_events", since=since, limit=limit)
    return [{**row, "outcome": OUTCOMES.get(row["outcome"], row["outcome"])} for row in rows]


# Helpers


def _keys(username: str, address: str) -> dict[str, str]:
    return {"paar": f"paar:{username}|{address}", "adresse": f"adresse:{address}", "konto": f"konto:{username}"}


def _blocks(counters: dict[str, dict], keys: dict[str, str], now: dt.datetime) -> tuple[bool, list[dt.datetime]]:
    """Whether the address is known for the account, and the ends of the blocks in force: the
    account's own block does not hold against an address where its owner signed in before."""
    pair = counters.get(keys["paar"])
    known = pair is not None and pair["known_until"] is not None and pair["known_until"] > now
    blocks = [counter["until"] for scope, key in keys.items() for counter in [counters.get(key)]
              if counter and counter["until"] is not None and counter["until"] > now
              and not (scope == "konto" and known)]
    return known, blocks


def _locked(tx, keys: dict[str, str], username: str, address: str, now: dt.datetime) -> dict[str, dict]:
    """The counters of one attempt, write-locked (in key order, so that two attempts never
    wait for each other crosswise) and read after the lock: the latest committed counts. A
    window or block that is over starts afresh."""
    run(tx, "users/sign_in_lock", keys=sorted(keys.values()), username=username, address=address, now=now)
    counters = {row["key"]: row for row in run(tx, "users/sign_in_counts", keys=list(keys.values()))}
    for counter in counters.values():
        if counter["until"] is not None and counter["until"] <= now:
            counter.update(count=0, since=now, until=None)
        elif counter["until"] is None and counter["since"] <= now - WINDOW:
            counter.update(count=0, since=now)
    return counters


def _save(tx, counters) -> None:
    run(tx, "users/sign_in_save", counters=[dict(counter) for counter in counters])
