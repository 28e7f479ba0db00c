"""What people call a record: display names for the ids a page shows."""

from __future__ import annotations

from kiz_graph.store.db import Database


def names(db: Database, ids) -> dict[str, str]:
    """Display names of centres, organisations, persons and networks by id (one query)."""
    wanted = sorted({i for i in ids if isinstance(i, str) and i})
    return {row["id"]: row["name"] for row in db.read("records/workspace/names", ids=wanted)} if wanted else {}
