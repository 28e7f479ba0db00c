"""What people call a record: display names for the ids a page shows, and its values in words."""

from __future__ import annotations

import datetime as dt

from kiz_graph import german
from kiz_graph.records.schema import KINDS
from kiz_graph.records.vocabulary import vocabulary
from kiz_graph.store.db import Database


def names(db: Database, ids) -> dict[str, str]:
    """Display names of centres, organisations, persons and networks by id (one query)."""
    wanted = sorted({i for i in ids if isinstance(i, str) and i})
    return {row["id"]: row["name"] for row in db.read("records/workspace/names", ids=wanted)} if wanted else {}


def in_words(value, kind: str | None = None, column: str | None = None, names: dict | None = None) -> str:
    """A record's value for people: German names of vocabulary keys, German dates and numbers,
    lists joined, ids by ``names`` where given."""
    if value is None or value == []:
        return "–"
    vocab = None
    if kind and column:
        try:
            vocab = KINDS[kind].column(column).vocabulary
        except KeyError:
            vocab = None
    if isinstance(value, list):
        return ", ".join(in_words(item, kind, column, names) for item in value)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, dt.date):
        return german.date(value)
    if isinstance(value, float):
        return german.number(value)
    if vocab:
        return vocabulary(vocab).german(value)
    if names and value in names:
        return names[value]
    return str(value)
