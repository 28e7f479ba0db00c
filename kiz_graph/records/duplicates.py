"""Likely duplicate organisations, merging one into another, and the questions a form asks
before it saves what looks like a mistake.

Two organisations are likely duplicates when their names fold to the same ``name_key``
(case, umlauts, ß, punctuation and "e.V." ignored) in the same region. They are only
reported: a person decides, and ``merge`` moves every relationship to the kept one.

Before a duplicate is made, a form asks (``needs_confirmation``): a new or renamed
organisation whose folded name is that of one of its region, or close to it, a person whose
name is that of one at the same organisation, and a date more than a year ahead.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from kiz_graph.errors import NeedsConfirmation, Problem, ValidationError
from kiz_graph.german import match_key
from kiz_graph.records.schema import far_future
from kiz_graph.store import versions
from kiz_graph.store.db import Database

# What a record is compared with: the organisations of its region, the persons of its organisation.
SIMILAR_SCOPE = {"organisations": "region", "persons": "organisation_id"}
SIMILAR_DE = {"organisations": "Ähnliche Organisation vorhanden", "persons": "Ähnliche Person vorhanden"}
# Close: folded names at most two letters apart (a typo: Kulturverien), when both are long
# enough for that to be a typo, not another word, and carry the same numbers (Kita 1, Kita 2).
CLOSE_EDITS, CLOSE_LENGTH = 2, 12
MOST_SIMILAR = 3


def likely_duplicates(db: Database) -> list[dict]:
    return db.read("records/duplicates/likely")


def similar(db: Database, kind: str, record: dict, before: dict | None = None) -> list[dict]:
    """Existing records whose name folds to the same as ``record``'s or a close one, in the
    same region (organisations) or at the same organisation (persons), closest first. On a
    change (``before``): only when the name or the region (organisation) changed."""
    scope = SIMILAR_SCOPE.get(kind)
    key = match_key(record.get("name") or "")
    if scope is None or not key:
        return []
    if before is not None and match_key(before.get("name") or "") == key and before.get(scope) == record.get(scope):
        return []
    rows = db.read(f"records/duplicates/similar_{kind}", scope=record.get(scope), id=record.get("id"))
    names = {index: match_key(row["name"] or "") for index, row in enumerate(rows)}
    allowed = CLOSE_EDITS if len(key) >= CLOSE_LENGTH else 0
    close = process.extract(key, names, scorer=Levenshtein.distance, score_cutoff=allowed, limit=None)
    numbers = re.findall(r"[0-9]+", key)
    return [{"kind": kind, **rows[index]} for _, _, index in close
            if re.findall(r"[0-9]+", names[index]) == numbers][:MOST_SIMILAR]


def needs_confirmation(db: Database, kind: str, record: dict, before: dict | None,
                       confirmed: Collection[str]) -> NeedsConfirmation | None:
    """What a valid ``record`` (new, or changed from ``before``) asks the user to confirm
    that ``confirmed`` does not already hold, or None."""
    problems, needed, found = [], set(), []
    if NeedsConfirmation.FUTURE not in confirmed and (ahead := far_future(kind, record, before)):
        problems += ahead
        needed.add(NeedsConfirmation.FUTURE)
    if NeedsConfirmation.SIMILAR not in confirmed and (found := similar(db, kind, record, before)):
        problems += [Problem("name", f"{SIMILAR_DE[kind]}: {row['name']}" + (f" ({row['place']})" if row["place"] else ""),
                             source=kind) for row in found]
        needed.add(NeedsConfirmation.SIMILAR)
    return NeedsConfirmation(problems, needed, found) if problems else None


def merge(db: Database, duplicate: str, keep: str) -> dict:
    """Merge organisation ``duplicate`` into ``keep``: relationships move, history stays."""
    if duplicate == keep:
        raise ValidationError([Problem("into", "eine Organisation kann nicht mit sich selbst zusammengeführt werden")])
    found = {row["key"] for row in db.read("records/existing/Organisation", keys=[duplicate, keep])}
    missing = [Problem(column, f"{value!r} gibt es nicht") for column, value in (("id", duplicate), ("into", keep))
               if value not in found]
    if missing:
        raise ValidationError(missing)
    merged = db.write("records/duplicates/merge", duplicate=duplicate, keep=keep)[0]
    versions.renew(db)
    return merged
