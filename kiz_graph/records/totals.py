"""Headline numbers of the graph."""

from __future__ import annotations

from kiz_graph.store.db import Database


def counts(db: Database) -> dict[str, int]:
    """How many centres, regions, organisations, persons and cooperations the graph holds."""
    return db.read("records/totals/counts")[0]
