"""The core API: create, update and end what a centre's network consists of.

Every function validates first and writes nothing when any value is wrong: a
:class:`~kiz_graph.records.ValidationError` names each field. History is never deleted:
ending a cooperation, membership, organisation, person, position, network or offer sets
its ``until`` day.

The kinds are those of the exchange format (``kiz_graph.records.KINDS``):
organisations, persons, cooperations, centres (a centre's own facts), positions,
networks, network_members, offers.

Given a ``user``, a write is recorded in the audit trail (``kiz_graph.audit``) in the same
transaction, with the record before and after; without one (seeds, bulk loads) it is not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kiz_graph import audit, writer
from kiz_graph.db import Graph, run
from kiz_graph.records import KINDS, Problem, ValidationError, parse_date

class OutOfScopeError(PermissionError):
    """The record does not belong to the centre the write was made for."""


# The ones a user creates; a centre itself comes from the seeds, only its facts change.
CREATABLE = ("organisations", "persons", "cooperations", "positions", "networks", "network_members", "offers")
ENDABLE = CREATABLE


def key_of(kind: str, record: dict) -> tuple:
    return tuple(record.get(column) for column in KINDS[kind].key)


def get(graph: Graph, kind: str, key: Any) -> dict | None:
    """One record in the exchange format, or None. ``key``: an id, or a tuple for compound keys."""
    rows = _read(graph, kind, [key if isinstance(key, tuple) else (key,)])
    return rows[0] if rows else None


def get_many(graph: Graph, kind: str, keys: list) -> list[dict]:
    """Records for several keys in one query, in the order of the keys (missing ones left out)."""
    keys = [tuple(key) if isinstance(key, (list, tuple)) else (key,) for key in keys]
    found = {key_of(kind, row): row for row in _read(graph, kind, keys)}
    return [found[key] for key in keys if key in found]


def create(graph: Graph, kind: str, data: dict, *, user: str | None = None, scope: str | None = None) -> dict:
    """A new record; its key must not exist yet."""
    _check_kind(kind, CREATABLE)
    record, problems = _clean(graph, kind, data)
    if not problems and get(graph, kind, key_of(kind, record)) is not None:
        column = KINDS[kind].key[0]
        problems.append(Problem(column, "existiert bereits", source=kind))
    return _write(graph, kind, record, problems, action="create", before=None, user=user, scope=scope)[0]


def update(graph: Graph, kind: str, key: Any, changes: dict, *, user: str | None = None,
           scope: str | None = None, action: str = "update") -> dict:
    """Change some values of an existing record; the others stay."""
    _check_kind(kind, (*CREATABLE, "centres"))
    current = get(graph, kind, key)
    if current is None:
        raise ValidationError([Problem(KINDS[kind].key[0], f"{_show(key)} gibt es nicht", source=kind)])
    fixed = [column for column in KINDS[kind].key if column in changes and changes[column] != current[column]]
    if fixed:
        raise ValidationError([Problem(column, "kann nicht geändert werden", source=kind) for column in fixed])
    record, problems = _clean(graph, kind, {**current, **changes})
    return _write(graph, kind, record, problems, action=action, before=current, user=user, scope=scope)[0]


def restore(graph: Graph, kind: str, record: dict, *, user: str, undoes: str) -> str:
    """Write a record back as it was (undo); returns the id of the recorded change."""
    before = get(graph, kind, key_of(kind, record))
    cleaned, problems = _clean(graph, kind, record)
    return _write(graph, kind, cleaned, problems, action="undo", before=before, user=user, undoes=undoes)[1]


def end(graph: Graph, kind: str, key: Any, on: dt.date | str, *, user: str | None = None,
        scope: str | None = None) -> dict:
    """End a record on a day: it stays in the graph as history."""
    _check_kind(kind, ENDABLE)
    try:
        day = parse_date(on)
    except ValueError as exc:
        raise ValidationError([Problem("until", str(exc), source=kind)]) from None
    return update(graph, kind, key, {"until": day}, user=user, scope=scope, action="end")


def save_centre_facts(graph: Graph, centre_id: str, facts: dict, *, user: str | None = None) -> dict:
    """A centre's application and opening, its Integrationskonzept, RAA predecessor."""
    return update(graph, "centres", centre_id, facts, user=user, scope=centre_id)


def _clean(graph: Graph, kind: str, data: dict) -> tuple[dict, list[Problem]]:
    # A single record: no row numbers in its messages.
    cleaned, problems = writer.validate(graph, {kind: [data]}, rows={kind: [None]})
    return cleaned[kind][0], problems


def _write(graph: Graph, kind: str, record: dict, problems: list[Problem], *, action: str,
           before: dict | None, user: str | None, undoes: str | None = None,
           scope: str | None = None) -> tuple[dict, str | None]:
    """Write one valid record; with a user, record the change in the same transaction.

    ``scope``: the centre the write is made for; the record must belong to it before and
    after (a centre's staff cannot reach into another centre's network by id).
    """
    # What exists is checked first (nothing about it leaks), what is to be written once valid.
    _check_scope(graph, kind, before, scope)
    if problems:
        raise ValidationError(problems)
    _check_scope(graph, kind, record, scope)
    change_id = None
    if user is None:
        writer.write_clean(graph, {kind: [record]})
    else:
        change_id = graph.write_transaction(_write_recorded, kind, record, action, before, user, undoes)
    return get(graph, kind, key_of(kind, record)), change_id


def _check_scope(graph: Graph, kind: str, record: dict | None, scope: str | None) -> None:
    if scope is not None and record is not None and scope not in audit.centres_of(graph, kind, record):
        raise OutOfScopeError(f"{kind} {key_of(kind, record)} gehört nicht zum Netzwerk von {scope}")


def write_recorded(graph: Graph, kind: str, record: dict, *, action: str, before: dict | None, user: str) -> str:
    """Write a valid, cleaned record and record the change, in one transaction (for imports)."""
    return graph.write_transaction(_write_recorded, kind, record, action, before, user, None)


def _write_recorded(tx, kind: str, record: dict, action: str, before: dict | None, user: str,
                    undoes: str | None) -> str:
    run(tx, f"write/{kind}", rows=writer.prepared(kind, [record]))
    key = key_of(kind, record)
    after = _read_in(tx, kind, key)
    centre_ids = sorted(set(audit.centres_of(tx, kind, after)) | set(audit.centres_of(tx, kind, before or {})))
    return audit.record_in(tx, user=user, action=action, kind=kind, key=key,
                           before=before, after=after, centre_ids=centre_ids, undoes=undoes)


def _read_in(tx, kind: str, key: tuple) -> dict:
    if len(KINDS[kind].key) == 1:
        return run(tx, f"records/{kind}", ids=[key[0]])[0]
    return run(tx, f"records/{kind}", keys=[list(key)])[0]


def _read(graph: Graph, kind: str, keys: list[tuple]) -> list[dict]:
    if kind == "cooperations":  # (from_id, to_id, since): the day may come as text
        keys = [(a, b, _day_or_none(since)) for a, b, since in keys]
    if len(KINDS[kind].key) == 1:
        return graph.read(f"records/{kind}", ids=[key[0] for key in keys])
    return graph.read(f"records/{kind}", keys=[list(key) for key in keys])


def _day_or_none(value) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        return None


def _check_kind(kind: str, allowed: tuple[str, ...]) -> None:
    if kind not in allowed:
        raise ValueError(f"kind must be one of {', '.join(allowed)}, not {kind!r}")


def _show(key: Any) -> str:
    return " / ".join(str(part) for part in key) if isinstance(key, tuple) else repr(key)
