"""Likely duplicate organisations, and merging one into another.

Two organisations are likely duplicates when their names fold to the same ``name_key``
(case, umlauts, ß, punctuation and "e.V." ignored) in the same region. They are only
reported: a person decides, and ``merge`` moves every relationship to the kept one.
"""

from __future__ import annotations

from kiz_graph.errors import Problem, ValidationError
from kiz_graph.store.db import Database


def likely_duplicates(db: Database) -> list[dict]:
    return db.read("records/duplicates/likely")


def merge(db: Database, duplicate: str, keep: str) -> dict:
    """Merge organisation ``duplicate`` into ``keep``: relationships move, history stays."""
    if duplicate == keep:
        raise ValidationError([Problem("into", "eine Organisation kann nicht mit sich selbst zusammengeführt werden")])
    found = {row["key"] for row in db.read("records/existing/Organisation", keys=[duplicate, keep])}
    missing = [Problem(column, f"{value!r} gibt es nicht") for column, value in (("id", duplicate), ("into", keep))
               if value not in found]
    if missing:
        raise ValidationError(missing)
    return db.write("records/duplicates/merge", duplicate=duplicate, keep=keep)[0]
