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
carries ``labels`` (``|``-joined, sorted), ``node_type`` (its main label: the type label of
an organisation such as ``MigrantOrganisation``, otherwise its first label), ``label`` (its
name, which Gephi, yEd and igraph show) and every property; each edge carries ``type`` and
every property. Values are made safe for GraphML and GEXF: dates become ISO text, lists
``|``-joined text, and a missing value (None) leaves the attribute out.

The writers sort nodes and edges, so the same graph always gives the same bytes, and write
a node's ``id`` property as ``kiz_id`` (igraph and Gephi keep their own ``id``). Each
relationship is an edge of its own, also two cooperations between the same organisations;
the files validate against the GraphML 1.0 and GEXF 1.3 schemas (tests/data/xsd/).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
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
        g.add_node(key, **_safe(properties), labels="|".join(labels), node_type=_main_label(labels),
                   label=_display_name(labels, properties, key))
    for record in tx.run(cypher("network/graph_files/relationships"), {"centre": centre}):
        properties = native(record["properties"])
        g.add_edge(keys[record["source"]], keys[record["target"]], **_safe(properties), type=record["type"])
    return g


def _main_label(labels: list[str]) -> str:
    """The type label of an organisation, otherwise the first label (``labels`` sorted)."""
    specific = [label for label in labels if label != _BASE_LABEL]
    return specific[0] if specific else labels[0] if labels else ""


# What a node of a kind without a name is called, with its key after it.
_UNNAMED = {"IntegrationConcept": "Integrationskonzept", "Position": "Stelle"}


def _display_name(labels: list[str], properties: dict[str, Any], key: str) -> str:
    """The node's name (an offer's title) for tools that show a label; else its kind and key."""
    for name in ("name", "title"):
        if properties.get(name):
            return _safe_value(properties[name])
    kind = _main_label(labels)
    return f"{_UNNAMED.get(kind, kind)} {key.partition(':')[2]}"


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
        out.add_node(node, **_safe(attributes), label=_safe_value(data.get("name") or node))
    for _, _, data in g.edges(data=True):
        for cooperation in data.get("cooperations", []):
            attributes = {k: v for k, v in cooperation.items() if k not in ("source", "target")}
            out.add_edge(cooperation["source"], cooperation["target"], type="COOPERATES_WITH", **_safe(attributes))
    return out


# Writers ----------------------------------------------------------------------------------


def _sorted(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes and edges in a stable order and edge keys 0, 1, ... overall
    (GraphML and GEXF want edge ids unique in the file). A node's ``id`` property becomes
    ``kiz_id``: igraph and Gephi take an attribute ``id`` for the node's own id."""
    out = nx.MultiDiGraph()
    out.add_nodes_from((node, {("kiz_id" if name == "id" else name): value for name, value in data.items()})
                       for node, data in sorted(g.nodes(data=True), key=lambda item: item[0]))
    edges = sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("type", ""), _sort_text(e[2])))
    out.add_edges_from((u, v, number, data) for number, (u, v, data) in enumerate(edges))
    return out


def _sort_text(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


def _types(items: Iterable[dict[str, Any]], names: dict[type, str]) -> dict[str, str]:
    """The XML type of each attribute (``names`` maps bool, int, float and str to the format's
    words): booleans and whole numbers only when every value is one, numbers when all are."""
    seen: dict[str, set[type]] = {}
    for data in items:
        for name, value in data.items():
            seen.setdefault(name, set()).add(type(value))
    types = {}
    for name, kinds in sorted(seen.items()):
        if kinds == {bool}:
            types[name] = names[bool]
        elif kinds <= {int}:
            types[name] = names[int]
        elif kinds <= {int, float}:
            types[name] = names[float]
        else:
            types[name] = names[str]
    return types


def _text(value: Any) -> str:
    """XML Schema's words: ``true``/``false`` (not Python's ``True``), numbers as numbers."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


_GRAPHML = "http://graphml.graphdrawing.org/xmlns"
_GEXF = "http://gexf.net/1.3"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_TYPE_NAMES = {bool: "boolean", int: "long", float: "double", str: "string"}  # the same words in both


def to_graphml(g: nx.MultiDiGraph) -> bytes:
    """The graph as GraphML 1.0 (UTF-8), for yEd, Cytoscape, Gephi, igraph and ``networkx.read_graphml``.

    Every relationship is an edge with its own id (``e0``, ``e1``, ...), also two between the
    same nodes; a node's ``label`` is its name (yEd and Gephi show it).
    """
    ordered = _sorted(g)
    root = ET.Element("graphml", {"xmlns": _GRAPHML, "xmlns:xsi": _XSI, "xsi:schemaLocation":
                                  f"{_GRAPHML} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"})
    keys = {}
    for domain, items in (("node", [d for _, d in ordered.nodes(data=True)]),
                          ("edge", [d for _, _, d in ordered.edges(data=True)])):
        for name, type_ in _types(items, _TYPE_NAMES).items():
            keys[domain, name] = f"d{len(keys)}"
            ET.SubElement(root, "key", {"id": keys[domain, name], "for": domain, "attr.name": name,
                                        "attr.type": type_})
    graph = ET.SubElement(root, "graph", {"id": "G", "edgedefault": "directed"})
    for node, data in ordered.nodes(data=True):
        _graphml_data(ET.SubElement(graph, "node", {"id": node}), "node", data, keys)
    for u, v, number, data in ordered.edges(keys=True, data=True):
        _graphml_data(ET.SubElement(graph, "edge", {"id": f"e{number}", "source": u, "target": v}), "edge", data,
                      keys)
    return _xml(root)


def _graphml_data(element: ET.Element, domain: str, data: dict[str, Any], keys: dict) -> None:
    for name, value in sorted(data.items()):
        ET.SubElement(element, "data", {"key": keys[domain, name]}).text = _text(value)


def to_gexf(g: nx.MultiDiGraph) -> bytes:
    """The graph as GEXF 1.3 (UTF-8), for Gephi and ``networkx.read_gexf``.

    A node's GEXF id is its key and its GEXF ``label`` its name (``label``). Every relationship
    is an edge with its own id; its GEXF label is the relationship type (GEXF's own edge
    ``type`` means directed or undirected) and its ``kind`` the cooperation's form (else the
    type), numbered when a pair has two of one kind: Gephi merges parallel edges of the same
    kind into one, and keeps edges of different kinds apart.
    """
    ordered = _sorted(g)
    root = ET.Element("gexf", {"xmlns": _GEXF, "xmlns:xsi": _XSI, "version": "1.3",
                               "xsi:schemaLocation": f"{_GEXF} http://gexf.net/1.3/gexf.xsd"})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = "kiz-graph"
    graph = ET.SubElement(root, "graph", {"mode": "static", "defaultedgetype": "directed"})
    nodes = [(node, {k: v for k, v in data.items() if k != "label"}) for node, data in ordered.nodes(data=True)]
    edges = [(u, v, number, {k: v for k, v in data.items() if k not in ("type", "label")})
             for u, v, number, data in ordered.edges(keys=True, data=True)]
    ids = {}
    for domain, items in (("node", [d for _, d in nodes]), ("edge", [e[3] for e in edges])):
        declared = ET.SubElement(graph, "attributes", {"class": domain, "mode": "static"})
        for name, type_ in _types(items, _TYPE_NAMES).items():
            ids[domain, name] = str(len(ids))
            ET.SubElement(declared, "attribute", {"id": ids[domain, name], "title": name, "type": type_})
    listed = ET.SubElement(graph, "nodes")
    for node, data in nodes:
        label = ordered.nodes[node].get("label")
        _gexf_values(ET.SubElement(listed, "node", {"id": node, "label": str(label if label is not None else node)}),
                     "node", data, ids)
    listed = ET.SubElement(graph, "edges")
    kinds: dict[tuple[str, str, str], int] = {}
    for u, v, number, data in edges:
        full = ordered.edges[u, v, number]
        kind = str(full.get("form") or full.get("type") or "")
        kinds[u, v, kind] = kinds.get((u, v, kind), 0) + 1
        attributes = {"id": f"e{number}", "source": u, "target": v, "label": str(full.get("type", "")),
                      "kind": kind if kinds[u, v, kind] == 1 else f"{kind} {kinds[u, v, kind]}"}
        _gexf_values(ET.SubElement(listed, "edge", attributes), "edge", data, ids)
    return _xml(root)


def _gexf_values(element: ET.Element, domain: str, data: dict[str, Any], ids: dict) -> None:
    if data:
        values = ET.SubElement(element, "attvalues")
        for name, value in sorted(data.items()):
            ET.SubElement(values, "attvalue", {"for": ids[domain, name], "value": _text(value)})


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
    return sorted(data["id"] for _, data in g.nodes(data=True) if data.get("node_type") == "Person" and data.get("id"))
