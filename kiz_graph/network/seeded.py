"""igraph's C algorithms with a seeded, repeatable random source.

igraph draws from one random source per process; each call here sets its own, seeded, for its
duration, under a lock so that two threads never draw from each other's.
"""

from __future__ import annotations

import contextlib
import random
import threading
from collections.abc import Iterator

import igraph
import networkx as nx

_lock = threading.Lock()


@contextlib.contextmanager
def random_source(seed: int) -> Iterator[None]:
    """igraph's random source seeded with ``seed`` while the block runs."""
    with _lock:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)


def as_igraph(g: nx.Graph) -> tuple[igraph.Graph, list]:
    """``g`` as an igraph graph, and its nodes in igraph's vertex order (that of ``g``)."""
    nodes = list(g.nodes())
    index = {node: number for number, node in enumerate(nodes)}
    return igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in g.edges()]), nodes
