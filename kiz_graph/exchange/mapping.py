"""A centre's own mapping of sheets and columns, remembered for its next upload.

The reader (``formats``) maps sheets and columns by their names and common synonyms. Where a
file says something it cannot know ("Liste", "Träger"), the user picks on the import page;
the choice is kept per centre, keyed by the folded sheet name and heading, so that the next
file with the same headings is read the same way without asking again.
"""

from __future__ import annotations

import json
from pathlib import Path

from kiz_graph.exchange import formats
from kiz_graph.german import match_key
from kiz_graph.records.schema import KINDS
from kiz_graph.store.db import Database


def sheet_name(source: str) -> str:
    """The folded name a source is remembered by: a workbook's sheet, or a file's stem."""
    name = source.rsplit("[", 1)[1].rstrip("]") if source.endswith("]") and "[" in source else source
    return match_key(name.rsplit(".", 1)[0] if name.casefold().endswith((".csv", ".txt")) else name)


def remembered(db: Database, centre: str) -> dict:
    """``{"kinds": {sheet: kind or ""}, "columns": {kind: {heading: column or ""}}}``, folded keys."""
    rows = db.read("exchange/mapping/get", centre=centre)
    try:
        stored = json.loads(rows[0]["mapping"]) if rows and rows[0]["mapping"] else {}
    except ValueError:
        stored = {}
    return {"kinds": dict(stored.get("kinds", {})), "columns": {k: dict(v) for k, v in stored.get("columns", {}).items()}}


def remember(db: Database, centre: str, chosen: dict[str, dict]) -> None:
    """Keep the user's choices for the centre's next uploads (merged into the earlier ones)."""
    memory = remembered(db, centre)
    for source, choice in chosen.items():
        kind = choice.get("kind")
        if kind is not None:
            memory["kinds"][sheet_name(source)] = kind
        if kind:
            memory["columns"].setdefault(kind, {}).update(
                {match_key(heading): column for heading, column in choice.get("columns", {}).items()})
    db.write("exchange/mapping/save", centre=centre, mapping=json.dumps(memory, ensure_ascii=False, sort_keys=True))


def for_upload(db: Database, centre: str, paths: list[Path], chosen: dict[str, dict] | None = None) -> dict[str, dict]:
    """The mapping to read an upload with: what the user chose for it, else what the centre
    chose before for sheets and headings of the same names, else nothing (the reader's own)."""
    memory = remembered(db, centre)
    found = formats.read_paths(paths).mappings
    mapping: dict[str, dict] = {}
    for source, detected in found.items():
        kind = memory["kinds"].get(sheet_name(source), detected["kind"] or "")
        if kind and kind not in KINDS:
            kind = detected["kind"] or ""
        columns = {heading: memory["columns"].get(kind, {})[match_key(heading)]
                   for heading, _ in detected["columns"]
                   if heading and match_key(heading) in memory["columns"].get(kind, {})}
        if kind != (detected["kind"] or "") or columns:
            mapping[source] = {"kind": kind, "columns": columns}
    for source, choice in (chosen or {}).items():
        mapping[source] = choice
    return mapping
