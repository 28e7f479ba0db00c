"""The audit trail: every change made by a person is recorded in the graph, and can be undone.

A ``(:Change)`` node holds who, when, what (kind and key), the record before and after
(as JSON, in the exchange format) and a German summary; ``-[:CONCERNS]->`` links it to
the centres the record belongs to. Undoing a change (``kiz_graph.records.edits.undo``) writes the
record as it was before (or removes what the change created) and is itself a recorded
change; undoing an undo redoes. ``version`` fingerprints a record's state, so that a save
can tell whether somebody else changed the record since it was read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass

from kiz_graph import german
from kiz_graph.records import naming
from kiz_graph.records.schema import KINDS
from kiz_graph.records.vocabulary import vocabulary
from kiz_graph.store.db import Database, run

ACTIONS_DE = {"create": "angelegt", "update": "geändert", "end": "beendet", "undo": "rückgängig gemacht",
              "withdraw": "Einwilligung widerrufen", "erase": "gelöscht"}
# What stands in the history for an erased person (``kiz_graph.records.erasure``).
PSEUDONYM = "gelöschte Ansprechperson"
# Changes no undo reverses: an erasure (Art. 17 DSGVO) and a withdrawn consent.
FINAL_ACTIONS = ("erase", "withdraw")
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
    erased: bool = False  # it concerned a person who has been erased: their values are pseudonymised

    @property
    def undoable(self) -> bool:
        return not (self.undone or self.erased or self.action in FINAL_ACTIONS)

    @classmethod
    def from_row(cls, row: dict) -> "Change":
        return cls(
            id=row["id"], at=row["at"], user=row["user"], action=row["action"], kind=row["kind"],
            key=tuple(json.loads(row["key"])), before=_load(row["before"]), after=_load(row["after"]),
            summary=row["summary"], undoes=row["undoes"],
            undone=row.get("undone", bool(row.get("undone_by"))), erased=bool(row.get("erased")),
        )


def encode(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_iso)


def _iso(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON: {value!r}")


def _load(text: str | None):
    return json.loads(text) if text else None


def describe(kind: str, record: dict, action: str, names: dict[str, str] | None = None) -> str:
    """A short German summary in the words people use, e.g. "Kooperation mit Kita Lummerland
    (Projekt, seit 01.06.2014, bis 30.06.2026) beendet"; ``names`` gives the names of the ids
    the record refers to (an id stands where a name is unknown)."""
    names = names or {}
    name = lambda value: names.get(value, value) if value else "?"  # noqa: E731
    if kind == "cooperations":
        what = f"mit {name(record['to_id'])} ({_german('cooperation_forms', record['form'])}, {_period(record)})"
        if record.get("from_id") and record["from_id"] in names and not str(record["from_id"]).startswith("ki-"):
            what = f"von {name(record['from_id'])} {what}"
    elif kind == "network_members":
        what = f"{name(record['organisation_id'])} in {name(record['network_id'])}"
    elif kind == "positions":
        holder = f", {name(record['person_id'])}" if record.get("person_id") else ""
        what = f"{_german('professions', record['profession'])} ({_german('funding', record['funding'])}{holder})"
    elif kind == "centres":
        what = name(record.get("id"))
    else:
        what = record.get("name") or record.get("title") or record.get("id")
        what = f"„{what}“" if what == PSEUDONYM else what
    if action == "withdraw":
        day = german.date(german.as_date(record.get("consent_withdrawn_on")), "?")
        return f"{KIND_DE[kind]} {what}: Einwilligung widerrufen am {day}"
    return f"{KIND_DE[kind]} {what} {ACTIONS_DE[action]}"


def _german(vocab: str, key) -> str:
    return vocabulary(vocab).german(key) if key else "?"


def _period(record: dict) -> str:
    since = f"seit {german.date(german.as_date(record.get('since')), '?')}"
    return f"{since}, bis {german.date(german.as_date(record['until']))}" if record.get("until") else since


def readable(db: Database, changes: list["Change"]) -> list["Change"]:
    """The changes with summaries that name what they concern (one query for all names)."""
    wanted = {value for change in changes for state in (change.before, change.after) if state
              for column, value in state.items() if column in NAMED_COLUMNS}
    found = naming.names(db, wanted)
    return [dataclasses.replace(change, summary=describe(change.kind, change.after if change.after is not None
                                                         else change.before, change.action, found))
            if (change.after or change.before) else change for change in changes]


NAMED_COLUMNS = ("from_id", "to_id", "organisation_id", "network_id", "person_id", "centre_id", "provider_id", "id")


def record(tx, *, user: str, kind: str, changes: list["Recorded"]) -> list[str]:
    """Record changes of one kind inside the transaction that makes them; returns their ids."""
    rows = []
    for item in changes:
        shown = item.after if item.after is not None else item.before
        rows.append({"id": str(uuid.uuid4()), "action": item.action, "key": encode(list(item.key)),
                     "before": encode(item.before) if item.before is not None else None,
                     "after": encode(item.after) if item.after is not None else None,
                     "summary": item.summary or describe(kind, shown, item.action), "undoes": item.undoes,
                     "centres": sorted(item.centres)})
    run(tx, "records/audit/record", user=user, kind=kind, changes=rows)
    return [row["id"] for row in rows]


@dataclass(frozen=True)
class Recorded:
    """One change to record: what was done to which record, and the centres it concerns."""
    action: str
    key: tuple
    before: dict | None
    after: dict | None
    centres: frozenset[str] | set[str]
    undoes: str | None = None
    summary: str | None = None  # what it says, where the record itself says nothing (an erasure)


def centres_of(tx_or_db, kind: str, record: dict) -> list[str]:
    """The centres a record belongs to: whose staff may change it, whose history shows it."""
    return sorted(centres_of_many(tx_or_db, kind, [record])[0])


def centres_of_many(tx_or_db, kind: str, records: list[dict | None]) -> list[set[str]]:
    """The centres of each record (an empty set for None), in one query.

    A referring value is looked up only under the labels its column refers to, and where
    it may name two (a centre or an organisation), as the node the write queries take: the
    first of the column's labels under which it exists.
    """
    columns = [KINDS[kind].column(name) for name in REFERRING_COLUMNS[kind]]
    refs = sorted({(label, record[column.name]) for record in records if record for column in columns
                   if record.get(column.name) for label in column.references})
    found = {(row["label"], row["id"]): set(row["centres"]) for row in _read(
        tx_or_db, "records/audit/centres_of", refs=[{"label": label, "id": key} for label, key in refs]) if row["found"]}
    result = []
    for record in records:
        centres: set[str] = set()
        for column in columns if record else ():
            value = record.get(column.name)
            label = next((label for label in column.references if (label, value) in found), None)
            if value and label:
                centres |= found[(label, value)]
        result.append(centres)
    return result


def _read(tx_or_db, name: str, **params) -> list[dict]:
    if isinstance(tx_or_db, Database):
        return tx_or_db.read(name, **params)
    return run(tx_or_db, name, **params)


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


def get(db: Database, change_id: str) -> Change | None:
    rows = db.read("records/audit/get", id=change_id)
    return readable(db, [Change.from_row(rows[0])])[0] if rows else None


def history(db: Database, *, centre: str | None = None, kind: str | None = None, key: tuple | None = None,
            skip: int = 0, limit: int = 50) -> list[Change]:
    """Changes of a centre, or of one item, newest first."""
    if (kind is None) != (key is None):
        raise ValueError("kind and key go together")
    return readable(db, _changes(db, centre=centre, kind=kind, key=key, skip=skip, limit=limit))


def _changes(db: Database, *, centre: str | None, kind: str | None, key: tuple | None, skip: int,
             limit: int) -> list[Change]:
    """Changes as recorded, with their stored summaries (not yet re-described with names)."""
    rows = db.read("records/audit/history", centre=centre, kind=kind,
                   key=encode(list(key)) if key is not None else None, skip=skip, limit=limit)
    return [Change.from_row(row) for row in rows]


def last_change(tx_or_db, kind: str, key: tuple) -> dict | None:
    """Who changed a record last and when (``user``, ``at``, ``summary``), or None."""
    rows = _read(tx_or_db, "records/audit/last_change", kind=kind, key=encode(list(key)))
    return rows[0] if rows else None


def state_with_version(db: Database, kind: str, key: tuple, wanted: str, *, look_back: int = 50) -> dict | None:
    """The record as it was at a version, from its recent history (None when not found)."""
    for change in _changes(db, centre=None, kind=kind, key=key, skip=0, limit=look_back):
        for state in (change.after, change.before):
            if state is not None and version(state) == wanted:
                return state
    return None


def lock(tx, change_id: str) -> dict:
    """Whether a change has been undone (``undone``) and whether it concerned a person erased
    since (``erased``), with the change locked until the transaction ends."""
    rows = run(tx, "records/audit/lock_change", id=change_id)
    return rows[0] if rows else {"undone": False, "erased": False}


def version(record: dict | None) -> str:
    """A short fingerprint of a record's state: a form carries it, a save compares it."""
    return hashlib.sha256((_state(record) or "").encode()).hexdigest()[:16]


def same_state(first: dict | None, second: dict | None) -> bool:
    return _state(first) == _state(second)


def _state(record: dict | None) -> str | None:
    """A record in a comparable form (list order does not matter)."""
    if record is None:
        return None
    plain = json.loads(encode(record))
    return encode({key: sorted(value) if isinstance(value, list) else value for key, value in plain.items()})

