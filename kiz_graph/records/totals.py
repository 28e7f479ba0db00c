"""Headline numbers of the graph."""

from __future__ import annotations

from kiz_graph.store.db import Graph


def counts(graph: Graph) -> dict[str, int]:
    """How many centres, regions, organisations, persons and cooperations the graph holds."""
    return graph.read("overview/counts")[0]
