"""The core API: create, update and end what a centre's network consists of.

Every function validates first and writes nothing when any value is wrong: a
:class:`~kiz_graph.records.schema.ValidationError` names each field. History is never deleted:
ending a cooperation, membership, organisation, person, position, network or offer sets
its ``until`` day.

The kinds are those of the exchange format (``kiz_graph.records.schema.KINDS``):
organisations, persons, cooperations, centres (a centre's own facts), positions,
networks, network_members, offers.

Every write runs in one transaction that first locks the record, then compares it with
the version the caller read (a create: that it does not exist; an update: that nobody
changed it since; an undo: that it is as the change left it), then checks that it belongs
to the acting centre (``for_centre``) before and after, then writes. Given a ``user``, the
change is recorded in the audit trail (``kiz_graph.records.audit``) in the same transaction, with
the record before and after and linked to the acting centre.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from neo4j.exceptions import ConstraintError

from kiz_graph.errors import ConflictError, OutOfScopeError, Problem, ValidationError
from kiz_graph.records import audit, consent, duplicates, ids, writer
from kiz_graph.records.schema import KINDS, parse_date
from kiz_graph.store import versions
from kiz_graph.store.db import Database, run


def merge(conflict: ConflictError, base: dict | None, mine: dict) -> None:
    """Propose the user's own changes on top of the current record: a column the user left
    as it was (in ``base``, the version they read) takes the current value. Without the base
    (not in the history), the user's values stand as typed."""
    if base is None:
        conflict.merged, conflict.clashes = mine, []
        return
    current, columns = conflict.current, KINDS[conflict.kind].column_names
    same = lambda a, b: audit.same_state({"v": a}, {"v": b})  # noqa: E731 - dates as text or dates
    conflict.merged = {column: current.get(column) if same(mine.get(column), base.get(column))
                       else mine.get(column) for column in columns}
    conflict.clashes = [column for column in columns
                        if not same(mine.get(column), base.get(column))
                        and not same(current.get(column), base.get(column))
                        and not same(mine.get(column), current.get(column))]


# The ones a user creates; a centre itself comes from the seeds, only its facts change.
CREATABLE = ("organisations", "persons", "cooperations", "positions", "networks", "network_members", "offers")
ENDABLE = CREATABLE
_ABSENT = "absent"  # the expected version of a record that must not exist yet


def key_of(kind: str, record: dict) -> tuple:
    return tuple(record.get(column) for column in KINDS[kind].key)


def get(db: Database, kind: str, key: Any) -> dict | None:
    """One record in the exchange format, or None. ``key``: an id, or a tuple for compound keys."""
    rows = _read(db, kind, [key if isinstance(key, tuple) else (key,)])
    return rows[0] if rows else None


def get_many(db: Database, kind: str, keys: list) -> list[dict]:
    """Records for several keys in one query, in the order of the keys (missing ones left out)."""
    keys = [tuple(key) if isinstance(key, (list, tuple)) else (key,) for key in keys]
    found = {key_of(kind, row): row for row in _read(db, kind, keys)}
    return [found[_typed_key(kind, key)] for key in keys if _typed_key(kind, key) in found]


def create(db: Database, kind: str, data: dict, *, user: str | None = None, for_centre: str | None = None,
           confirmed: Collection[str] | None = None) -> dict:
    """A new record; its key must not exist yet (also not when created at the same moment).

    ``confirmed``: what the user has confirmed of what looks like a mistake (a date far ahead,
    a name that exists: ``NeedsConfirmation``); the rest raises NeedsConfirmation and nothing is
    written. None (scripts, tests) asks nothing.
    """
    _check_kind(kind, CREATABLE)
    if kind in ids.NEW_ID and not str(data.get("id") or "").strip():
        return _create_with_new_id(db, kind, data, user=user, for_centre=for_centre, confirmed=confirmed)
    record, problems = _clean(db, kind, data)
    if not problems and get(db, kind, key_of(kind, record)) is not None:
        problems.append(_exists(kind))
    if problems:
        raise ValidationError(problems)
    _check_scope(db, kind, record, for_centre)
    _ask(db, kind, record, None, confirmed)
    return _commit(db, kind, record, expected=_ABSENT, action="create", user=user, for_centre=for_centre)[0]


def _create_with_new_id(db: Database, kind: str, data: dict, *, user: str | None, for_centre: str | None,
                        confirmed: Collection[str] | None, attempts: int = 5) -> dict:
    """A record without an id gets the next one of its kind and owner; when somebody takes
    that id at the same moment, the one after it."""
    record, problems = _clean(db, kind, {**data, "id": ids.make(kind, "nrw", 1)})  # a valid stand-in to check the rest
    if problems:
        raise ValidationError(problems)
    owner = ids.owner(kind, record, for_centre)
    record["id"] = ids.make(kind, owner, ids.last_number(db, kind, owner) + 1)
    _check_scope(db, kind, record, for_centre)
    _ask(db, kind, record, None, confirmed)
    for attempt in range(attempts):
        if attempt:
            record["id"] = ids.make(kind, owner, ids.last_number(db, kind, owner) + 1)
        try:
            return _commit(db, kind, record, expected=_ABSENT, action="create", user=user, for_centre=for_centre)[0]
        except ValidationError as exc:
            if exc.problems != [_exists(kind)]:
                raise
    raise ValidationError([Problem("id", "Es konnte keine neue Kennung vergeben werden; bitte erneut speichern.",
                                   source=kind)])


def update(db: Database, kind: str, key: Any, changes: dict, *, user: str | None = None,
           for_centre: str | None = None, action: str = "update", version: str | None = None,
           confirmed: Collection[str] | None = None) -> dict:
    """Change some values of an existing record; the others stay.

    ``version``: the record's version (``audit.version``) when the user read it; when it has
    changed since, ConflictError, and nothing is written. Without one, the version read here.
    ``confirmed``: as for ``create``; only what the change sets anew is asked about.
    """
    _check_kind(kind, (*CREATABLE, "centres"))
    current = get(db, kind, key)
    if current is None:
        raise ValidationError([Problem(KINDS[kind].key[0], f"{_show(key)} gibt es nicht", source=kind)])
    _check_scope(db, kind, current, for_centre)  # what exists is checked first: nothing about it leaks
    record, problems = _clean(db, kind, {**current, **changes})
    problems += [Problem(column, _unchangeable(kind, column), source=kind) for column in KINDS[kind].key
                 if record[column] != current[column] and column in changes]
    for column in KINDS[kind].columns:  # a form sends lists in its own order: the stored order stays
        if column.kind == "list" and sorted(record[column.name] or []) == sorted(current[column.name] or []):
            record[column.name] = current[column.name]
    if problems:
        raise ValidationError(problems)
    _check_scope(db, kind, record, for_centre)
    _ask(db, kind, record, current, confirmed)
    expected = version or audit.version(current)
    try:
        return _commit(db, kind, record, expected=expected, action=action, user=user, for_centre=for_centre)[0]
    except ConflictError as conflict:
        merge(conflict, audit.state_with_version(db, kind, key_of(kind, record), expected), record)
        raise


def end(db: Database, kind: str, key: Any, on: dt.date | str, *, user: str | None = None,
        for_centre: str | None = None, version: str | None = None) -> dict:
    """End a record on a day: it stays in the graph as history."""
    _check_kind(kind, ENDABLE)
    try:
        day = parse_date(on)
    except ValueError as exc:
        raise ValidationError([Problem("until", str(exc), source=kind)]) from None
    return update(db, kind, key, {"until": day}, user=user, for_centre=for_centre, action="end", version=version)


def save_centre_facts(db: Database, centre_id: str, facts: dict, *, user: str | None = None,
                      version: str | None = None, confirmed: Collection[str] | None = None) -> dict:
    """A centre's application and opening, its Integrationskonzept, RAA predecessor."""
    return update(db, "centres", centre_id, facts, user=user, for_centre=centre_id, version=version,
                  confirmed=confirmed)


def undo(db: Database, change_id: str, user: str, *, for_centre: str | None = None) -> audit.Change:
    """Undo a change: the record returns to its state before it. Recorded as a change itself.

    Refused when the record has changed since (undo the newer change first), when the
    change was undone already, or (with ``for_centre``) when the record lies outside that centre.
    """
    change = audit.get(db, change_id)
    if change is None:
        raise ValidationError([Problem("change", f"Änderung {change_id!r} gibt es nicht")])
    _refuse_final(change.action, change.erased)
    restored = None
    if change.before is not None:
        restored, problems = _clean(db, change.kind, change.before)
        if problems:
            raise ValidationError(problems)
        if key_of(change.kind, restored) != tuple(change.key):  # recorded before the form was part of the key
            raise ValidationError([Problem("change", "Diese Änderung hat die Form der Kooperation geändert und kann "
                                                     "nicht rückgängig gemacht werden: bitte die Kooperation beenden "
                                                     "und in der früheren Form neu anlegen.")])
    new_id = db.write_transaction(versions.renewing(_undo_in), change, restored, user, for_centre)
    return audit.get(db, new_id)


def _undo_in(tx, change: audit.Change, restored: dict | None, user: str, for_centre: str | None) -> str:
    state = audit.lock(tx, change.id)
    _refuse_final(change.action, state["erased"])  # erased since it was read: refused all the same
    if state["undone"]:
        raise ValidationError([Problem("change", "Diese Änderung wurde bereits rückgängig gemacht.")])
    key = _typed_key(change.kind, change.key)
    current = writer.lock_and_read(tx, change.kind, [key]).get(key)
    if not audit.same_state(current, change.after):
        raise ValidationError([Problem("change", "Seitdem wurde der Eintrag erneut geändert: "
                                                 "bitte zuerst die neuere Änderung rückgängig machen.")])
    if restored is None:  # undo a creation: remove what it created
        _refuse_out_of_scope(tx, change.kind, [(current, None)], for_centre)
        deleted = run(tx, f"records/delete/{change.kind}", key=list(change.key))
        if not deleted or not deleted[0]["deleted"]:
            raise ValidationError([Problem("change", f"{audit.KIND_DE[change.kind]} wird inzwischen verwendet "
                                                     f"({_uses(tx, change.key[0])}) und kann nicht entfernt werden; "
                                                     "bitte zuerst diese Einträge beenden oder entfernen.")])
        centres = audit.centres_of_many(tx, change.kind, [current])[0]
        recorded = audit.Recorded("undo", change.key, current, None, centres | _own(for_centre), change.id)
        return audit.record(tx, user=user, kind=change.kind, changes=[recorded])[0]
    return _write_in(tx, change.kind, restored, current, action="undo", user=user, for_centre=for_centre, undoes=change.id)


FINAL = {"erase": "Eine Löschung nach Art. 17 DSGVO kann nicht rückgängig gemacht werden.",
         "withdraw": "Ein Widerruf der Einwilligung kann nicht rückgängig gemacht werden; eine neue Einwilligung "
                     "tragen Sie im Formular der Ansprechperson ein."}
ERASED = ("Diese Änderung betrifft eine gelöschte Ansprechperson (Art. 17 DSGVO) und kann nicht rückgängig "
          "gemacht werden.")


def _refuse_final(action: str, erased: bool) -> None:
    """No undo brings an erased person back, nor a withdrawn consent."""
    if action in audit.FINAL_ACTIONS or erased:
        raise ValidationError([Problem("change", FINAL.get(action, ERASED))])


# (relationship, whether it leads away from the record): what it is, in words.
USED_BY = {("COOPERATES_WITH", True): "Kooperation mit", ("COOPERATES_WITH", False): "Kooperation von",
           ("WORKS_AT", False): "Ansprechperson", ("MEMBER_OF", True): "Mitglied im Netzwerk",
           ("MEMBER_OF", False): "Mitglied", ("HOLDS", True): "Stelle", ("OFFERS", False): "Angebot von",
           ("GRANTED_BY", False): "Bewilligung für"}


def _uses(tx, id_: str) -> str:
    """What refers to a record, in words: "Ansprechperson Ayşe Demir, Kooperation von …"."""
    rows = run(tx, "records/delete/in_use", id=id_)
    return ", ".join(f"{USED_BY.get((row['relationship'], row['outgoing']), 'verknüpft mit')} {row['name']}".strip()
                     for row in rows) or "von anderen Einträgen"


def _ask(db: Database, kind: str, record: dict, before: dict | None, confirmed: Collection[str] | None) -> None:
    if confirmed is not None and (question := duplicates.needs_confirmation(db, kind, record, before, confirmed)):
        raise question


def _clean(db: Database, kind: str, data: dict) -> tuple[dict, list[Problem]]:
    # A single record: no row numbers in its messages.
    cleaned, problems = writer.validate(db, {kind: [data]}, rows={kind: [None]})
    return cleaned[kind][0], problems


def _commit(db: Database, kind: str, record: dict, *, expected: str, action: str, user: str | None,
            for_centre: str | None) -> tuple[dict, str | None]:
    """Write one valid record in one transaction: lock it, compare it with the version
    expected, check the record against the centre before and after, write, and record the change (with a user)."""
    try:
        change_id = db.write_transaction(versions.renewing(_commit_in), kind, record, expected, action, user, for_centre)
    except ConstraintError:  # created at the same moment by someone else
        raise ValidationError([_exists(kind)]) from None
    return get(db, kind, key_of(kind, record)), change_id


def _commit_in(tx, kind: str, record: dict, expected: str, action: str, user: str | None,
               for_centre: str | None) -> str | None:
    key = key_of(kind, record)
    before = writer.lock_and_read(tx, kind, [key]).get(key)
    if expected == _ABSENT:
        if before is not None:
            raise ValidationError([_exists(kind)])
        writer.claim(tx, kind, [key])
    elif before is None:
        raise ValidationError([Problem(KINDS[kind].key[0], f"{_show(key)} gibt es nicht mehr", source=kind)])
    elif audit.version(before) != expected:
        raise ConflictError(kind, KINDS[kind].key[0], before, audit.last_change(tx, kind, key))
    if kind == "persons" and user is not None:  # who recorded the consent: the app says, nobody types it
        record = consent.stamped(record, before, consent.recorder(tx, user))
    return _write_in(tx, kind, record, before, action=action, user=user, for_centre=for_centre)


def _write_in(tx, kind: str, record: dict, before: dict | None, *, action: str, user: str | None,
              for_centre: str | None, undoes: str | None = None) -> str | None:
    _refuse_out_of_scope(tx, kind, [(before, record)], for_centre)
    writer.write_in(tx, kind, [record])
    if user is None:
        return None
    key = key_of(kind, record)
    after = writer.read_in(tx, kind, [key])[key]
    before_centres, after_centres = audit.centres_of_many(tx, kind, [before, after])
    recorded = audit.Recorded(action, key, before, after, before_centres | after_centres | _own(for_centre), undoes)
    return audit.record(tx, user=user, kind=kind, changes=[recorded])[0]


def out_of_scope(tx, kind: str, pairs: list[tuple[dict | None, dict | None]], for_centre: str) -> list[int]:
    """The positions of the (before, after) pairs of which either side lies outside the centre
    ``for_centre``; a post may moreover be held only by a person of the centre's own network."""
    befores = audit.centres_of_many(tx, kind, [before for before, _ in pairs])
    afters = audit.centres_of_many(tx, kind, [after for _, after in pairs])
    outside = {index for index, ((before, after), was, will) in enumerate(zip(pairs, befores, afters))
               if (before is not None and for_centre not in was) or (after is not None and for_centre not in will)}
    if kind == "positions":
        holders = [after.get("person_id") if after else None for _, after in pairs]
        persons = writer.read_in(tx, "persons", [(holder,) for holder in holders if holder])
        workplaces = audit.centres_of_many(tx, "persons", [persons.get((holder,)) for holder in holders])
        outside |= {index for index, (holder, centres) in enumerate(zip(holders, workplaces))
                    if holder and for_centre not in centres}
    return sorted(outside)


def _refuse_out_of_scope(tx, kind: str, pairs: list, for_centre: str | None) -> None:
    if for_centre is not None and out_of_scope(tx, kind, pairs, for_centre):
        record = pairs[0][1] or pairs[0][0]
        raise OutOfScopeError(f"{kind} {key_of(kind, record)} gehört nicht zum Netzwerk von {for_centre}")


def _check_scope(db: Database, kind: str, record: dict | None, for_centre: str | None) -> None:
    """Before anything is validated or written: the record must belong to the centre."""
    if for_centre is not None and record is not None and for_centre not in audit.centres_of(db, kind, record):
        raise OutOfScopeError(f"{kind} {key_of(kind, record)} gehört nicht zum Netzwerk von {for_centre}")


def _own(for_centre: str | None) -> set[str]:
    """The acting centre: its history shows what its staff did."""
    return {for_centre} if for_centre else set()


def _exists(kind: str) -> Problem:
    if kind == "cooperations":
        return Problem("form", "existiert bereits: eine Kooperation dieser Form mit diesem Partner gibt es schon "
                               "(bitte die bestehende bearbeiten)", source=kind)
    return Problem(KINDS[kind].key[0], "existiert bereits", source=kind)


def _unchangeable(kind: str, column: str) -> str:
    """Why a key column stays: a cooperation in another form is another cooperation."""
    if kind == "cooperations" and column == "form":
        return ("Die Form einer Kooperation kann nicht geändert werden: bitte diese Kooperation beenden "
                "und eine neue in der anderen Form anlegen.")
    return "kann nicht geändert werden"


def _read(db: Database, kind: str, keys: list[tuple]) -> list[dict]:
    keys = [_typed_key(kind, key) for key in keys]
    if len(KINDS[kind].key) == 1:
        return db.read(f"records/get/{kind}", ids=[key[0] for key in keys])
    return db.read(f"records/get/{kind}", keys=[list(key) for key in keys])


def _typed_key(kind: str, key: tuple) -> tuple:
    """A key as the graph holds it (every key is text: ids, and a cooperation's form)."""
    return tuple(key)


def _check_kind(kind: str, allowed: tuple[str, ...]) -> None:
    if kind not in allowed:
        raise ValueError(f"kind must be one of {', '.join(allowed)}, not {kind!r}")


def _show(key: Any) -> str:
    return " / ".join(str(part) for part in key) if isinstance(key, tuple) else repr(key)
