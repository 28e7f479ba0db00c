"""Erasure of contact persons on request (Art. 17 DSGVO), in one transaction each time.

The person node goes, and with it every relationship (workplaces, posts held). Every recorded
``(:Change)`` that held their values keeps its place in the history, with "gelöschte
Ansprechperson" instead of them: a change of the person (its key, the record before and after,
the summary) and a change of a post they held (the post's ``person_id``). Such a change is
marked ``erased``, and no undo reverses it; the erasure itself is recorded as a change that
holds no personal value. The full-text index follows the nodes, and the data's version is
renewed, so that no cached page shows them any longer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kiz_graph.errors import Problem, ValidationError
from kiz_graph.records import audit, writer
from kiz_graph.records.schema import KINDS, Column, checked_text
from kiz_graph.store import versions
from kiz_graph.store.db import Database, run

__all__ = ["PSEUDONYM", "Erased", "Preview", "erase", "preview", "pseudonymised"]

PSEUDONYM = audit.PSEUDONYM
REASON = Column("reason", german="Grund")  # 300 characters of plain text, as every short text


@dataclass(frozen=True)
class Preview:
    """What erasing a person removes, as the confirmation names it."""
    id: str
    name: str
    changes: int  # recorded changes whose values become the pseudonym
    workplaces: list[dict]  # {name, function}
    positions: list[dict]  # {profession, centre}
    email: str | None
    phone: str | None
    consent: str | None
    centres: frozenset[str]  # the centres whose network includes the person


@dataclass(frozen=True)
class Erased:
    persons: int
    changes: int  # recorded changes pseudonymised
    change_ids: list[str]  # the recorded erasures


def preview(db: Database, person_id: str, *, count_changes: bool = True) -> Preview | None:
    """The person and what their erasure removes; None when there is no such person.
    ``count_changes=False``: without counting the recorded changes (``changes`` is 0)."""
    rows = db.read("records/erasure/preview", id=person_id)
    if not rows:
        return None
    row = rows[0]
    held = db.read("records/erasure/changes", **_lookup([person_id])) if count_changes else []
    return Preview(id=row["id"], name=row["name"], workplaces=row["workplaces"], positions=row["positions"],
                   email=row["email"], phone=row["phone"], consent=row["consent"], changes=len(held),
                   centres=frozenset(row["centres"]))


def erase(db: Database, person_ids: list[str], *, user: str, reason: str | None = None,
          for_centre: str | None = None) -> Erased:
    """Erase the persons, all of them or (when one does not exist) none.

    ``reason``: why, as the user gives it (it stands in the recorded erasure);
    ``for_centre``: the acting centre, whose history shows the erasure too.
    """
    reason = _reason(reason)
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return Erased(0, 0, [])
    return db.write_transaction(versions.renewing(_erase_in), ids, user, reason, for_centre)


def _erase_in(tx, ids: list[str], user: str, reason: str | None, for_centre: str | None) -> Erased:
    records = writer.lock_and_read(tx, "persons", [(person_id,) for person_id in ids])
    missing = [person_id for person_id in ids if (person_id,) not in records]
    if missing:
        raise ValidationError([Problem("id", f"Ansprechperson {person_id!r} gibt es nicht") for person_id in missing])
    centres = audit.centres_of_many(tx, "persons", [records[(person_id,)] for person_id in ids])
    held = run(tx, "records/erasure/changes", **_lookup(ids))
    run(tx, "records/erasure/pseudonymise", rows=[_pseudonymised_change(row, set(ids)) for row in held])
    run(tx, "records/erasure/delete", ids=ids)
    summary = "Ansprechperson gelöscht (Art. 17 DSGVO)" + (f"; Grund: {reason}" if reason else "")
    erasures = [audit.Recorded("erase", (PSEUDONYM,), None, None, found | ({for_centre} if for_centre else set()),
                               summary=summary) for found in centres]
    return Erased(len(ids), len(held), audit.record(tx, user=user, kind="persons", changes=erasures))


def _lookup(ids: list[str]) -> dict:
    """The parameters that find the changes holding the persons' values."""
    return {"keys": [audit.encode([person_id]) for person_id in ids],
            "needles": [f'"person_id": {json.dumps(person_id, ensure_ascii=False)}' for person_id in ids]}


def _pseudonymised_change(row: dict, ids: set[str]) -> dict:
    """A recorded change as it stays: the erased persons' values replaced by the pseudonym."""
    before, after = (json.loads(row[side]) if row[side] else None for side in ("before", "after"))
    if row["kind"] == "persons":
        before, after, key = pseudonymised(before), pseudonymised(after), audit.encode([PSEUDONYM])
    else:  # a post they held: only who held it goes
        before, after, key = _without_holder(before, ids), _without_holder(after, ids), row["key"]
    shown = after if after is not None else before
    return {"id": row["id"], "key": key, "summary": audit.describe(row["kind"], shown, row["action"]),
            "before": audit.encode(before) if before is not None else None,
            "after": audit.encode(after) if after is not None else None}


def pseudonymised(state: dict | None) -> dict | None:
    """A person's recorded state with nothing of them left: the pseudonym for id and name,
    every other value empty.

    >>> pseudonymised({"id": "per-1", "name": "Ayşe Demir", "email": "a@b.example", "languages": ["tr"]})
    {'id': 'gelöschte Ansprechperson', 'name': 'gelöschte Ansprechperson', 'email': None, 'languages': []}
    """
    if state is None:
        return None
    lists = {column.name for column in KINDS["persons"].columns if column.kind == "list"}
    return {column: PSEUDONYM if column in ("id", "name") else [] if column in lists else None for column in state}


def _without_holder(state: dict | None, ids: set[str]) -> dict | None:
    if state is None or state.get("person_id") not in ids:
        return state
    return {**state, "person_id": PSEUDONYM}


def _reason(text: str | None) -> str | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return checked_text(REASON, text)
    except ValueError as exc:
        raise ValidationError([Problem("reason", str(exc))]) from None
