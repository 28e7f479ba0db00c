"""The graph for network tools: a networkx graph, and GraphML, GEXF or JSON made from it.

:func:`network` reads the whole graph, or one centre's network, with two streaming
queries (``cypher/network/nodes`` and ``cypher/network/relationships``) in one read
transaction, so nodes and relationships come from the same state of the database.
Persons without consent (``none`` or none recorded: "Keine Person sichtbar, nur die
Organisation") are left out, with their relationships; so are user accounts, the audit
trail and the migration history (only the data model's labels are exported). Whoever
serves an export must still restrict it to those who may see ``internal`` contacts
(centre staff and the statewide coordination).

A node's key is ``"<Label>:<key>"``: ``Organisation:org-05978-00012``, ``Centre:ki-05978``,
``Region:05978``, ``Municipality:05978004``, ``FieldOfAction:bildung``. Organisations keep
``Organisation`` in their key, so a change of type does not change the key. Each node
carries ``labels`` (``|``-joined, sorted), ``label`` (its main label: the type label of an
organisation such as ``MigrantOrganisation``, otherwise its first label) and every
property; each edge carries ``type`` and every property. Values are made safe for GraphML
and GEXF: dates become ISO text, lists ``|``-joined text, and a missing value (None) leaves
the attribute out.

The writers sort nodes and edges, so the same graph always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from typing import Any

import neo4j
import networkx as nx

from kiz_graph.errors import UnknownCentreError
from kiz_graph.store.db import Database, cypher, native

__all__ = ["FORMATS", "export_network", "network", "person_ids", "to_gexf", "to_graphml", "to_json", "visible",
           "write"]

FORMATS = ("graphml", "gexf", "json")

# The label that organisations keep in their key whatever their type.
_BASE_LABEL = "Organisation"


def network(db: Database, centre: str | None = None) -> nx.MultiDiGraph:
    """The graph, or one centre's network, as a networkx multigraph.

    Parameters
    ----------
    db : Database
        The database.
    centre : str, optional
        A centre's id (``"ki-05978"``). Its network: the centre, its region, concept,
        granting authority, positions and their holders, networks and their members,
        offers with their fields and stages, the organisations it cooperates or
        cooperated with, the persons working there or at the centre, and every
        relationship between these nodes (so also the partners' cooperations among each
        other). None: every node of the data model. Either way without persons who gave
        no consent.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed ``"<Label>:<key>"``, edges keyed 0, 1, ... per pair of nodes.

    Raises
    ------
    UnknownCentreError
        If ``centre`` names no centre.
    """
    g = db.read_transaction(_read_network, centre)
    if centre is not None and f"Centre:{centre}" not in g:
        raise UnknownCentreError(f"unknown centre {centre!r}")
    return g


def _read_network(tx: neo4j.ManagedTransaction, centre: str | None) -> nx.MultiDiGraph:
    # Rows are added as they arrive; a retried transaction starts a fresh graph.
    g = nx.MultiDiGraph()
    keys: dict[str, str] = {}  # element id -> node key, valid within this transaction
    for record in tx.run(cypher("network/graph_files/nodes"), {"centre": centre}):
        labels = sorted(record["labels"])
        properties = native(record["properties"])
        key = _node_key(labels, properties, record["element"])
        keys[record["element"]] = key
        g.add_node(key, **_safe(properties), labels="|".join(labels), label=_main_label(labels))
    for record in tx.run(cypher("network/graph_files/relationships"), {"centre": centre}):
        properties = native(record["properties"])
        g.add_edge(keys[record["source"]], keys[record["target"]], **_safe(properties), type=record["type"])
    return g


def _main_label(labels: list[str]) -> str:
    """The type label of an organisation, otherwise the first label (``labels`` sorted)."""
    specific = [label for label in labels if label != _BASE_LABEL]
    return specific[0] if specific else labels[0] if labels else ""


def _node_key(labels: list[str], properties: dict[str, Any], element: str) -> str:
    label = _BASE_LABEL if _BASE_LABEL in labels else _main_label(labels)
    for name in ("id", "ags", "key"):
        if properties.get(name) is not None:
            return f"{label}:{properties[name]}"
    return f"{label}:{element}"  # a node of no known kind: unique, though not stable across databases


def _safe(properties: dict[str, Any]) -> dict[str, Any]:
    """Values GraphML and GEXF can hold: ISO text for dates, ``|``-joined text for lists."""
    return {name: _safe_value(value) for name, value in properties.items() if value is not None}


# Characters XML 1.0 cannot hold at all: data written before values were checked may have them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _safe_value(value: Any) -> bool | int | float | str:
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (dt.date, dt.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "|".join(str(_safe_value(item)) for item in value)
    return _safe_value(str(value))  # durations, points: their text form


def visible(g: nx.Graph) -> nx.MultiDiGraph:
    """The network a centre's page shows (``network_view.centre_network``, filters applied),
    ready for the writers: one edge per active cooperation, a public contact flattened."""
    out = nx.MultiDiGraph(**_safe({k: v for k, v in g.graph.items() if v not in ((), None)}))
    for node, data in g.nodes(data=True):
        contact = data.get("contact") or {}
        attributes = {k: v for k, v in data.items() if k != "contact"}
        attributes.update({f"contact_{k}": v for k, v in contact.items()})
        out.add_node(node, **_safe(attributes))
    for _, _, data in g.edges(data=True):
        for cooperation in data.get("cooperations", []):
            attributes = {k: v for k, v in cooperation.items() if k not in ("source", "target")}
            out.add_edge(cooperation["source"], cooperation["target"], type="COOPERATES_WITH", **_safe(attributes))
    return out


# Writers ----------------------------------------------------------------------------------


def _sorted(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes and edges in a stable order and edge keys 0, 1, ... overall
    (GraphML wants edge ids unique in the file)."""
    out = nx.MultiDiGraph()
    out.add_nodes_from(sorted(g.nodes(data=True), key=lambda item: item[0]))
    edges = sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("type", ""), _sort_text(e[2])))
    out.add_edges_from((u, v, number, data) for number, (u, v, data) in enumerate(edges))
    return out


def _sort_text(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


def to_graphml(g: nx.MultiDiGraph) -> bytes:
    """The graph as GraphML (UTF-8), for yEd, Cytoscape, Gephi and ``networkx.read_graphml``."""
    buffer = io.BytesIO()
    nx.write_graphml(_sorted(g), buffer, encoding="utf-8", infer_numeric_types=True)
    return buffer.getvalue()


def to_gexf(g: nx.MultiDiGraph) -> bytes:
    """The graph as GEXF 1.2draft (UTF-8), for Gephi and ``networkx.read_gexf``.

    GEXF reserves some names: a node's GEXF id is its key (its ``id`` property is the part
    after the colon) and its GEXF label is ``label``; an edge's relationship type becomes its
    GEXF label, since GEXF's own edge ``type`` means directed or undirected.
    """
    out = nx.MultiDiGraph()
    ordered = _sorted(g)
    for node, data in ordered.nodes(data=True):
        out.add_node(node, **{**data, "id": node})
    for u, v, number, data in ordered.edges(keys=True, data=True):
        attributes = {name: value for name, value in data.items() if name not in ("type", "id")}
        out.add_edge(u, v, number, **attributes, label=data.get("type", ""))
    buffer = io.BytesIO()
    nx.write_gexf(out, buffer, encoding="utf-8", version="1.2draft")
    return buffer.getvalue()


def to_json(g: nx.MultiDiGraph) -> str:
    """The graph as JSON: ``{"nodes": [{"id", "labels", "label", ...}], "relationships":
    [{"type", "from", "to", ...}]}``, sorted, so the same graph gives the same text.

    A node's ``id`` is its key, which ``from`` and ``to`` name; its ``id`` property is the
    part after the colon.
    """
    ordered = _sorted(g)
    nodes = [{**data, "id": node} for node, data in ordered.nodes(data=True)]
    relationships = [{**data, "from": u, "to": v} for u, v, data in ordered.edges(data=True)]
    return json.dumps({"nodes": nodes, "relationships": relationships}, ensure_ascii=False, sort_keys=True)


_WRITERS = {"graphml": to_graphml, "gexf": to_gexf, "json": lambda g: to_json(g).encode("utf-8")}


def export_network(db: Database, fmt: str, centre: str | None = None) -> bytes:
    """The graph, or one centre's network, in a format for network tools.

    Parameters
    ----------
    db : Database
        The database.
    fmt : {"graphml", "gexf", "json"}
        The format; JSON comes as UTF-8 bytes.
    centre : str, optional
        A centre's id for its network only (see :func:`network`); None for the whole graph.

    Raises
    ------
    ValueError
        If ``fmt`` is not one of :data:`FORMATS` (checked before the database is read).
    UnknownCentreError
        If ``centre`` names no centre.
    """
    return write(network(db, centre) if fmt in _WRITERS else None, fmt)


def write(g: nx.MultiDiGraph | None, fmt: str) -> bytes:
    """``g`` (from :func:`network`) in the format ``fmt``; ValueError for an unknown format."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return writer(g)


def person_ids(g: nx.Graph) -> list[str]:
    """The ids of the contact persons a graph from :func:`network` holds."""
    return sorted(data["id"] for _, data in g.nodes(data=True) if data.get("label") == "Person" and data.get("id"))
