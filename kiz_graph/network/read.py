"""The one reader of cooperation networks: Neo4j rows into a networkx graph, as of a day.

:func:`network` reads, with two streaming queries in one read transaction
(``cypher/network/read/nodes`` and ``.../edges``), one centre's scope (the centre, its
partners, their partners and the organisations of its region) or the whole state. The
network page draws a part of the scope (``picture.centre_network``) and analyses all of it
(``analytics``), so both come from one read and one state of the database.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import neo4j
import networkx as nx

from kiz_graph.errors import UnknownCentreError
from kiz_graph.records.vocabulary import CENTRE_TYPE
from kiz_graph.store.db import Database, cypher

#: The cooperations' days, which come as ISO text: the driver's own dates cost a third of the read.
DATES = ("since", "until", "last_contact")


def network(db: Database, day: dt.date, centre: str | None = None) -> nx.Graph:
    """The cooperation network active on ``day``: one centre's scope, or (``centre=None``)
    the state's centre networks (every centre and every organisation a centre cooperates with).

    Nodes are keyed by id, with ``name``, ``type`` (an organisation type or ``CENTRE_TYPE``),
    ``place`` (municipality or region name), ``municipality`` (AGS or None), ``region``
    (AGS), ``region_name`` and ``ended`` (an organisation that no longer exists on the day: its
    active cooperations count, as in the check, but it is never suggested); in a centre's scope
    also ``degree`` (distinct partners on the day, statewide), ``fields``,
    ``stages`` and ``contact`` (a person with public consent, or None). One edge per pair
    with ``cooperations``: every active cooperation of the pair (``source``, ``target``,
    ``form``, ``since``, ``until``, ``fields``, ``last_contact``), oldest first.
    ``g.graph`` holds ``day`` and ``centre``.

    Raises :class:`~kiz_graph.errors.UnknownCentreError` for an unknown centre.
    """
    g = db.read_transaction(_read, {"centre": centre, "day": day})
    if centre is not None and centre not in g:
        raise UnknownCentreError(f"unknown centre {centre!r}")
    g.graph.update(day=day, centre=centre)
    return g


def _read(tx: neo4j.ManagedTransaction, params: dict[str, Any]) -> nx.Graph:
    g = nx.Graph()  # a retried transaction starts afresh
    # Plain values only (no temporal ones): the driver's lists and maps as they come.
    for row in tx.run(cypher("network/read/nodes"), params).single(strict=True)["nodes"]:
        node, drawn = row.pop("id"), row.pop("drawn")
        row.update(drawn or {})  # fields, stages, contact: only in a centre's scope
        if row["degree"] is None:  # the state's graph: nothing there ranks by proximity
            del row["degree"]
        if node in g:  # a centre and an organisation share the id: the centre stays alone
            if row["type"] != CENTRE_TYPE:
                continue
            g.nodes[node].clear()
        g.add_node(node, **row)
    ids = list(g) if params["centre"] is not None else []
    for row in tx.run(cypher("network/read/edges"), {**params, "ids": ids}).single(strict=True)["cooperations"]:
        u, v = row["source"], row["target"]
        if u == v or u not in g or v not in g:
            continue  # a self-loop, or an end outside the scope
        for key in DATES:
            row[key] = dt.date.fromisoformat(row[key]) if row[key] is not None else None
        if g.has_edge(u, v):
            g.edges[u, v]["cooperations"].append(row)
        else:
            g.add_edge(u, v, cooperations=[row])
    return g
