"""The audit trail: every change made by a person is recorded in the graph, and can be undone.

A ``(:Change)`` node holds who, when, what (kind and key), the record before and after
(as JSON, in the exchange format) and a German summary; ``-[:CONCERNS]->`` links it to
the centres the record belongs to. Undoing writes the record as it was before (or removes
what the change created) and is itself a recorded change; undoing an undo redoes.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from kiz_graph.db import Graph, run
from kiz_graph.records import Problem, ValidationError

ACTIONS_DE = {"create": "angelegt", "update": "geändert", "end": "beendet", "undo": "rückgängig gemacht"}
KIND_DE = {
    "organisations": "Organisation", "persons": "Ansprechperson", "cooperations": "Kooperation",
    "centres": "Angaben des Zentrums", "positions": "Stelle", "networks": "Netzwerk",
    "network_members": "Netzwerkmitglied", "offers": "Angebot",
}


@dataclass(frozen=True)
class Change:
    id: str
    at: str
    user: str
    action: str
    kind: str
    key: tuple
    before: dict | None
    after: dict | None
    summary: str
    undoes: str | None = None
    undone: bool = False

    @classmethod
    def from_row(cls, row: dict) -> "Change":
        return cls(
            id=row["id"], at=row["at"], user=row["user"], action=row["action"], kind=row["kind"],
            key=tuple(json.loads(row["key"])), before=_load(row["before"]), after=_load(row["after"]),
            summary=row["summary"], undoes=row["undoes"],
            undone=row.get("undone", bool(row.get("undone_by"))),
        )


def encode(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_iso)


def _iso(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON: {value!r}")


def _load(text: str | None):
    return json.loads(text) if text else None


def describe(kind: str, record: dict, action: str) -> str:
    """A short German summary, e.g. "Kooperation ki-05978 → org-1 (seit 2014-06-01) beendet"."""
    if kind == "cooperations":
        what = f"{record['from_id']} → {record['to_id']} (seit {_iso(record['since']) if record['since'] else '?'})"
    elif kind == "network_members":
        what = f"{record['organisation_id']} in {record['network_id']}"
    else:
        what = record.get("name") or record.get("title") or record.get("id")
    return f"{KIND_DE[kind]} {what} {ACTIONS_DE[action]}"


def record_in(tx, *, user: str, action: str, kind: str, key: tuple, before: dict | None, after: dict | None,
              centre_ids: list[str], undoes: str | None = None) -> str:
    """Record a change inside the transaction that makes it; returns its id."""
    change_id = str(uuid.uuid4())
    shown = after if after is not None else before
    run(tx, "audit/record", id=change_id, user=user, action=action, kind=kind, key=encode(list(key)),
        before=encode(before) if before is not None else None,
        after=encode(after) if after is not None else None,
        summary=describe(kind, shown, action), undoes=undoes, centres=centre_ids)
    return change_id


def centres_of(tx_or_graph, kind: str, record: dict) -> list[str]:
    """The centres a record belongs to: whose staff may change it, whose history shows it."""
    ids = [record.get(column) for column in REFERRING_COLUMNS[kind]]
    ids = [value for value in ids if value]
    if not ids:
        return []
    if isinstance(tx_or_graph, Graph):
        rows = tx_or_graph.read("audit/centres_of", ids=ids)
    else:
        rows = run(tx_or_graph, "audit/centres_of", ids=ids)
    return sorted(rows[0]["centres"]) if rows else []


# Which columns of a record lead to its centres (a centre, an organisation, a network, a region).
REFERRING_COLUMNS = {
    "organisations": ("region",),
    "persons": ("organisation_id",),
    "cooperations": ("from_id",),
    "centres": ("id",),
    "positions": ("centre_id",),
    "networks": ("centre_id",),
    "network_members": ("network_id",),
    "offers": ("provider_id",),
}


def get(graph: Graph, change_id: str) -> Change | None:
    rows = graph.read("audit/get", id=change_id)
    return Change.from_row(rows[0]) if rows else None


def history(graph: Graph, *, centre: str | None = None, kind: str | None = None, key: tuple | None = None,
            skip: int = 0, limit: int = 50) -> list[Change]:
    """Changes of a centre, or of one item, newest first."""
    if (kind is None) != (key is None):
        raise ValueError("kind and key go together")
    rows = graph.read("audit/history", centre=centre, kind=kind,
                      key=encode(list(key)) if key is not None else None, skip=skip, limit=limit)
    return [Change.from_row(row) for row in rows]


def undo(graph: Graph, change_id: str, user: str) -> Change:
    """Undo a change: the record returns to its state before it. Recorded as a change itself."""
    from kiz_graph import model  # model records through this module

    change = get(graph, change_id)
    if change is None:
        raise ValidationError([Problem("change", f"Änderung {change_id!r} gibt es nicht")])
    if change.undone:
        raise ValidationError([Problem("change", "Diese Änderung wurde bereits rückgängig gemacht.")])
    current = model.get(graph, change.kind, change.key)
    if _state(current) != _state(change.after):
        raise ValidationError([Problem("change", "Seitdem wurde der Eintrag erneut geändert: "
                                                 "bitte zuerst die neuere Änderung rückgängig machen.")])
    if change.before is None:
        new_id = graph.write_transaction(_remove, change, user)
    else:
        new_id = model.restore(graph, change.kind, change.before, user=user, undoes=change.id)
    return get(graph, new_id)


def _remove(tx, change: Change, user: str) -> str:
    centre_ids = centres_of(tx, change.kind, change.after)
    deleted = run(tx, f"delete/{change.kind}", key=list(change.key))
    if not deleted or not deleted[0]["deleted"]:
        raise ValidationError([Problem("change", f"{KIND_DE[change.kind]} wird inzwischen anderswo verwendet "
                                                 "und kann nicht entfernt werden.")])
    return record_in(tx, user=user, action="undo", kind=change.kind, key=change.key, before=change.after,
                     after=None, centre_ids=centre_ids, undoes=change.id)


def _state(record: dict | None) -> str | None:
    """A record in a comparable form (list order does not matter)."""
    if record is None:
        return None
    plain = json.loads(encode(record))
    return encode({key: sorted(value) if isinstance(value, list) else value for key, value in plain.items()})

