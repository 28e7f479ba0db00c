"""Headline numbers of the graph."""

from __future__ import annotations

from kiz_graph.store.db import Graph


def counts(graph: Graph) -> dict[str, int]:
    """How many centres, regions, organisations, persons and cooperations the graph holds."""
    return graph.read("records/totals/counts")[0]
