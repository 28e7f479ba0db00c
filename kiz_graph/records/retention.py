"""Retention: the contact persons due for erasure, and their erasure (``erasure.erase``).

A person is due when they ended (``until``) more than a period ago (default 24 months), when
their consent was withdrawn, or when they have no consent and no active workplace: nothing
then allows keeping their data. ``kiz-graph retention`` and the coordination office's page
list the same persons with the same reasons.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from kiz_graph import german
from kiz_graph.days import months_before
from kiz_graph.records import erasure
from kiz_graph.store.db import Database

__all__ = ["DEFAULT_MONTHS", "Due", "apply", "due", "fingerprint", "parse_months"]

DEFAULT_MONTHS = 24
BATCH = 500  # persons erased per transaction


@dataclass(frozen=True)
class Due:
    id: str
    name: str
    workplace: str | None
    reason: str  # in German, every reason that applies


def due(db: Database, *, months: int = DEFAULT_MONTHS, today: dt.date | None = None) -> list[Due]:
    """The persons due for erasure, by name (German order)."""
    today = today or dt.date.today()
    rows = db.read("records/retention/due", today=today, ended_before=months_before(today, months))
    found = [Due(row["id"], row["name"], row["workplace"], _reason(row, months))
             for row in rows]
    return sorted(found, key=lambda person: (german.sort_key(person.name or ""), person.id))


def apply(db: Database, persons: list[Due], *, user: str, months: int = DEFAULT_MONTHS) -> int:
    """Erase the persons listed (``due``), in batches of :data:`BATCH`, each all or nothing;
    returns how many were erased."""
    erased = 0
    for start in range(0, len(persons), BATCH):
        batch = persons[start:start + BATCH]
        erased += erasure.erase(db, [person.id for person in batch], user=user,
                                reason=f"Aufbewahrungsfrist ({months} Monate)").persons
    return erased


def fingerprint(persons: list[Due]) -> str:
    """A short fingerprint of a list: a confirmation erases only the list it was shown."""
    return hashlib.sha256("\n".join(sorted(person.id for person in persons)).encode()).hexdigest()[:16]


def parse_months(text: str) -> int | None:
    """A retention period as typed (``--months``, the page's ``monate``): whole months from 1 to
    1200, else None."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 4 and 1 <= int(text) <= 1200 else None


def _reason(row: dict, months: int) -> str:
    reasons = []
    if row["ended"]:
        reasons.append(f"ausgeschieden am {german.date(row['until'])}, länger als {months} Monate her")
    if row["withdrawn"]:
        reasons.append(f"Einwilligung widerrufen am {german.date(row['withdrawn_on'])}")
    if row["unconsented"] and not row["withdrawn"]:
        reasons.append("keine Einwilligung und keine aktive Arbeitsstelle")
    return "; ".join(reasons)
