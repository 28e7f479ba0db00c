"""A centre's network as its network page draws it: the graph, a layout, data for vis-network.

:func:`centre_network` takes from a centre's scope (``read.network``) the centre, the
organisations it cooperates with on the day, and the cooperations among those
organisations, optionally only the organisations of some types, of a field of action or
of an education stage (the centre always stays). A contact person travels with an
organisation only if their consent is ``public`` (the reader sees to that).

:func:`layout` places the nodes with igraph's seeded force-directed layout (the same network
always looks the same) and keeps the result in memory, so an unchanged network is not laid out
again. :func:`vis_data`
turns graph and positions into the plain data vis-network draws (fixed positions, physics
off), :func:`legend` and :func:`form_legend` explain colours, shapes and lines, and
:func:`table_rows` gives the same network as rows of a table. Nothing here writes a file:
the web app embeds the data as JSON and serves vis-network from its own static folder.

Database text reaches a hover card (``title``, which vis-network's page script turns into
HTML) only through :func:`html.escape`.
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import html
import json
import math
import threading
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kiz_graph import german
from kiz_graph.network import seeded
from kiz_graph.records.vocabulary import CENTRE_TYPE, type_name, vocabulary

__all__ = [
    "FORM_STYLES", "TYPE_STYLES", "centre_network", "clear_layout_cache", "form_legend", "layout", "legend",
    "shown_labels", "table_rows", "vis_data",
]

#: Colour and vis-network shape per node type: a fixed mapping, so a type looks the same on
#: every page. Each pair differs from every other in colour, and neighbours in the
#: vocabulary's order also differ in shape, for those who cannot tell the colours apart.
TYPE_STYLES: dict[str, tuple[str, str]] = {
    CENTRE_TYPE: ("#00507d", "star"),
    "MigrantOrganisation": ("#d55e00", "dot"),
    "WelfareAssociation": ("#0072b2", "square"),
    "BamfCoordinator": ("#cc79a7", "triangle"),
    "FundedStructure": ("#009e73", "diamond"),
    "SchoolSupervision": ("#e69f00", "triangleDown"),
    "SchoolAdministration": ("#8c564b", "hexagon"),
    "YouthWelfare": ("#56b4e9", "dot"),
    "IntegrationCouncil": ("#a3231b", "diamond"),
    "School": ("#1d6b2f", "square"),
    "Daycare": ("#f0c419", "triangle"),
    "EducationProvider": ("#7b4ea3", "hexagon"),
    "Authority": ("#4a525c", "triangleDown"),
    "CoordinationOffice": ("#17becf", "star"),
    "VolunteerInitiative": ("#b15928", "triangle"),
    "Other": ("#9a9a9a", "dot"),
}
_FALLBACK_STYLE = ("#9a9a9a", "dot")

#: German names of the shapes, for the legend's text.
SHAPE_NAMES_DE = {
    "star": "Stern", "dot": "Kreis", "square": "Quadrat", "triangle": "Dreieck",
    "triangleDown": "Dreieck mit Spitze nach unten", "diamond": "Raute", "hexagon": "Sechseck",
}

#: Line width and dashes (false: solid; a list: dash and gap in pixels) per cooperation form.
FORM_STYLES: dict[str, tuple[float, bool | list[int]]] = {
    "Kooperationsvereinbarung": (4.0, False),
    "Beteiligung": (3.0, [10, 4]),
    "Projekt": (2.5, False),
    "Netzwerk": (1.5, [6, 6]),
    "informell": (1.0, [2, 5]),
}
_FALLBACK_FORM = (1.0, [2, 5])

# The graph -------------------------------------------------------------------------------


def centre_network(scope: nx.Graph, *, types: Iterable[str] = (), field: str | None = None,
                   stage: str | None = None) -> nx.Graph:
    """The part of a centre's scope (``read.network``) its network page draws.

    Parameters
    ----------
    scope : networkx.Graph
        A centre's scope as of a day, as ``read.network(db, day, centre)`` returns it.
    types : iterable of str, optional
        Organisation types (keys of the ``organisation_types`` vocabulary) to keep; empty: all.
    field, stage : str, optional
        Keep only organisations working in this field of action / for this education stage.

    Returns
    -------
    networkx.Graph
        The centre and the organisations it cooperates with on the day, keyed by id, with
        ``id``, ``name``, ``type``, ``place``, ``fields``, ``stages`` and ``contact``
        (``{"id", "name", "function", "email"}`` of a person with public consent, or None). An edge
        per pair with ``form``, ``since`` and ``until`` of its earliest active cooperation,
        ``fields`` of all of them, and ``cooperations``: every active cooperation of the
        pair. ``g.graph`` names ``centre``, ``day`` and the filters.

    Raises
    ------
    ValueError
        For a type, field or stage outside its vocabulary.
    """
    types = tuple(sorted(set(types)))
    _check_keys("organisation_types", types)
    _check_keys("fields_of_action", () if field is None else (field,))
    _check_keys("education_stages", () if stage is None else (stage,))
    centre, day = scope.graph["centre"], scope.graph["day"]

    def shown(node: str) -> bool:
        data = scope.nodes[node]
        return (data["type"] != CENTRE_TYPE and (not types or data["type"] in types)
                and (field is None or field in data["fields"]) and (stage is None or stage in data["stages"])
                and any(k["source"] == centre for k in scope.edges[centre, node]["cooperations"]))

    partners = sorted((n for n in scope[centre] if shown(n)), key=lambda n: (scope.nodes[n]["name"] or "", n))
    g = nx.Graph(centre=centre, day=day, types=types, field=field, stage=stage)
    for node in [centre, *partners]:
        data = scope.nodes[node]
        g.add_node(node, id=node, name=data["name"], type=data["type"], place=data["place"],
                   fields=list(data["fields"]), stages=list(data["stages"]),
                   contact=data["contact"] if node != centre else None)
    cooperations = sorted((k for u, v, edge in scope.subgraph(g).edges(data=True) for k in edge["cooperations"]),
                          key=lambda k: (k["source"], k["target"], k["since"]))
    for k in cooperations:
        u, v = k["source"], k["target"]
        if g.has_edge(u, v):
            g.edges[u, v]["cooperations"].append(k)
        else:
            g.add_edge(u, v, form=k["form"], since=k["since"], until=k["until"], cooperations=[k])
    for _, _, data in g.edges(data=True):
        data["fields"] = sorted({key for k in data["cooperations"] for key in k["fields"]})
    return g


def _check_keys(name: str, values: Iterable[str]) -> None:
    unknown = [value for value in values if value not in vocabulary(name).keys]
    if unknown:
        raise ValueError(f"not in vocabulary {name}: {', '.join(map(repr, unknown))}")


# The layout ------------------------------------------------------------------------------

LAYOUT_SEED = 7
LAYOUT_CACHE_SIZE = 256
_layouts: collections.OrderedDict[tuple, dict[str, tuple[float, float]]] = collections.OrderedDict()
_layouts_lock = threading.Lock()


def layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions in pixels for the nodes of a :func:`centre_network` graph, the centre at (0, 0).

    Seeded, so the same network gets the same positions. Kept in memory (the last
    :data:`LAYOUT_CACHE_SIZE` networks), keyed by centre, day, filters and a fingerprint of
    the nodes and edges, so an unchanged network is not laid out again.
    """
    key = _layout_key(g)
    with _layouts_lock:
        cached = _layouts.get(key)
        if cached is not None:
            _layouts.move_to_end(key)
            return dict(cached)
    positions = _compute_layout(g)
    with _layouts_lock:
        _layouts[key] = positions
        while len(_layouts) > LAYOUT_CACHE_SIZE:
            _layouts.popitem(last=False)
    return dict(positions)


def clear_layout_cache() -> None:
    with _layouts_lock:
        _layouts.clear()


def _layout_key(g: nx.Graph) -> tuple:
    meta = g.graph
    day = meta.get("day")
    return (meta.get("centre"), day.isoformat() if day else None, tuple(meta.get("types", ())),
            meta.get("field"), meta.get("stage"), fingerprint(g))


def fingerprint(g: nx.Graph) -> str:
    """A digest of what the layout depends on: node ids, types and names, and the edges."""
    nodes = sorted((str(n), str(d.get("type", "")), str(d.get("name", ""))) for n, d in g.nodes(data=True))
    edges = sorted(tuple(sorted((str(u), str(v)))) for u, v in g.edges())
    text = json.dumps([nodes, edges], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _compute_layout(g: nx.Graph, *, seed: int = LAYOUT_SEED, spacing: float = 120.0,
                    aspect: float = 1.7) -> dict[str, tuple[float, float]]:
    """A force-directed (Fruchterman–Reingold) layout by igraph's C implementation, seeded, with
    the centre moved to (0, 0), scaled to about ``spacing`` pixels between neighbours and
    stretched ``aspect`` times horizontally: labels are wide, and the page's canvas is wider
    than high. (networkx's own spring layout took 11 s for 2,000 nodes; see ``bench/``.)"""
    if g.number_of_nodes() == 0:
        return {}
    graph, nodes = seeded.as_igraph(g)
    with seeded.random_source(seed):
        coords = graph.layout_fruchterman_reingold(niter=500).coords
    centre = g.graph.get("centre")
    middle = coords[nodes.index(centre)] if centre in g else (0.0, 0.0)
    span = max(max(x for x, _ in coords) - min(x for x, _ in coords),
               max(y for _, y in coords) - min(y for _, y in coords)) or 1.0
    scale = spacing * math.sqrt(len(nodes)) / span  # spread with the network's size
    return {node: (round((x - middle[0]) * scale * aspect, 1), round((y - middle[1]) * scale, 1))
            for node, (x, y) in zip(nodes, coords)}


# Data for vis-network -------------------------------------------------------------------


def legend(types: Iterable[str] | None = None) -> list[tuple[str, str, str, str]]:
    """(type, German name, colour, shape) per node type, the centre first; ``types`` limits it."""
    wanted = None if types is None else set(types)
    return [(type_, type_name(type_), colour, shape) for type_, (colour, shape) in TYPE_STYLES.items()
            if wanted is None or type_ in wanted]


def form_legend(forms: Iterable[str] | None = None) -> list[tuple[str, str, float, bool | list[int]]]:
    """(form, German name, line width, dashes) per cooperation form; ``forms`` limits it."""
    wanted = None if forms is None else set(forms)
    names = vocabulary("cooperation_forms")
    return [(form, names.german(form), width, dashes) for form, (width, dashes) in FORM_STYLES.items()
            if wanted is None or form in wanted]


def vis_data(g: nx.Graph, positions: dict[str, tuple[float, float]]) -> dict[str, list[dict[str, Any]]]:
    """Nodes and edges for vis-network, as plain JSON-ready data.

    Colour and shape come from the node's type (:data:`TYPE_STYLES`), size from its degree,
    line width and dashes from the cooperation form (:data:`FORM_STYLES`). Positions are
    fixed and meant to be drawn with physics off. ``title`` is the hover card as HTML whose
    every piece of database text is escaped; it holds name, type, place and a public contact.
    """
    fields = vocabulary("fields_of_action")
    forms = vocabulary("cooperation_forms")
    nodes = []
    for node, data in g.nodes(data=True):
        type_ = data.get("type") or "Other"
        colour, shape = TYPE_STYLES.get(type_, _FALLBACK_STYLE)
        x, y = positions.get(node, (0.0, 0.0))
        degree = g.degree(node)
        nodes.append({
            "id": node,
            "label": data.get("name") or node,
            "type": type_,
            "typeName": type_name(type_),
            "title": _node_title(data),
            "shape": shape,
            "color": {"background": colour, "border": "#1b1f24",
                      "highlight": {"background": colour, "border": "#000000"},
                      "hover": {"background": colour, "border": "#000000"}},
            "size": round(min(10 + 4 * math.sqrt(degree), 40 if type_ == CENTRE_TYPE else 30), 1),
            "x": x,
            "y": y,
            "fixed": {"x": True, "y": True},
        })
    shown = shown_labels(nodes)
    for item in nodes:
        item["labelShown"] = item["id"] in shown
    edges = []
    for u, v, data in g.edges(data=True):
        width, dashes = FORM_STYLES.get(data.get("form"), _FALLBACK_FORM)
        edges.append({
            "id": f"{u}|{v}",
            "from": u,
            "to": v,
            "form": data.get("form"),
            "formName": forms.german(data.get("form") or ""),
            "width": width,
            "dashes": dashes,
            "color": {"color": "#6b7480", "highlight": "#1b1f24", "hover": "#1b1f24"},
            "title": _edge_title(g, u, v, data, forms, fields),
        })
    return {"nodes": nodes, "edges": edges}


#: The labels' font size in the drawing's units (network.js draws them so) and the room a
#: character takes at most on average (a generous guess: better a name too few than overlaps).
LABEL_FONT = 14
_CHAR_WIDTH = 0.62 * LABEL_FONT
_LABEL_HEIGHT = 1.4 * LABEL_FONT
_CELL = 200.0  # the grid that finds a box's neighbours


def shown_labels(nodes: list[dict[str, Any]]) -> set[str]:
    """Ids of the :func:`vis_data` nodes whose name is drawn: the centre's, then each larger
    symbol's (more cooperations first, then by name) whose name, written under the symbol,
    covers no name already placed and no other symbol. The others show their name on
    hover. Positions are fixed and names scale with the drawing, so what does not overlap
    here overlaps at no zoom."""
    grid: dict[tuple[int, int], list[tuple[str, tuple[float, float, float, float]]]] = {}

    def cells(box):
        for i in range(math.floor(box[0] / _CELL), math.floor(box[2] / _CELL) + 1):
            for j in range(math.floor(box[1] / _CELL), math.floor(box[3] / _CELL) + 1):
                yield i, j

    def add(owner, box):
        for cell in cells(box):
            grid.setdefault(cell, []).append((owner, box))

    def free(owner, box):
        return not any(other != owner and box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]
                       for cell in cells(box) for other, b in grid.get(cell, ()))

    for node in nodes:
        add(node["id"], (node["x"] - node["size"], node["y"] - node["size"], node["x"] + node["size"],
                         node["y"] + node["size"]))
    shown = set()
    for node in sorted(nodes, key=lambda n: (n["type"] != CENTRE_TYPE, -n["size"], german.sort_key(n["label"]))):
        half = (len(node["label"]) * _CHAR_WIDTH + 6) / 2
        top = node["y"] + node["size"] + 2
        box = (node["x"] - half, top, node["x"] + half, top + _LABEL_HEIGHT)
        if node["type"] == CENTRE_TYPE or free(node["id"], box):
            add(node["id"], box)
            shown.add(node["id"])
    return shown


def _node_title(data: dict[str, Any]) -> str:
    e = html.escape
    parts = [f"<strong>{e(str(data.get('name') or data.get('id') or ''))}</strong>",
             e(type_name(data.get("type") or "Other"))]
    if data.get("place"):
        parts.append(e(str(data["place"])))
    contact = data.get("contact")
    if contact:
        line = "Kontakt: " + e(str(contact.get("name") or ""))
        if contact.get("function"):
            line += f" ({e(str(contact['function']))})"
        if contact.get("email"):
            line += f", {e(str(contact['email']))}"
        parts.append(line)
    return "<br>".join(parts)


def _edge_title(g: nx.Graph, u: str, v: str, data: dict[str, Any], forms, fields) -> str:
    e = html.escape
    lines = [f"{e(str(g.nodes[u].get('name') or u))} – {e(str(g.nodes[v].get('name') or v))}"]
    for cooperation in data.get("cooperations", ()):
        line = f"{e(forms.german(cooperation['form'] or ''))} seit {german.date(cooperation['since'])}"
        if cooperation.get("until"):
            line += f" bis {german.date(cooperation['until'])}"
        if cooperation.get("fields"):
            line += ": " + e(", ".join(fields.german(key) for key in cooperation["fields"]))
        lines.append(line)
    return "<br>".join(lines)


def table_rows(g: nx.Graph) -> list[dict[str, Any]]:
    """The network as rows for a table, one per active cooperation: ``source`` (the name of
    the side the cooperation starts from), ``partner`` (the other side's name),
    ``partner_type`` (German), ``form`` (German), ``since``, ``until`` (dates or None) and
    ``fields`` (German names, comma-separated). The centre's own cooperations come first,
    by partner name."""
    centre = g.graph.get("centre")
    forms = vocabulary("cooperation_forms")
    fields = vocabulary("fields_of_action")
    rows = []
    for _, _, data in g.edges(data=True):
        for cooperation in data.get("cooperations", ()):
            source, target = g.nodes[cooperation["source"]], g.nodes[cooperation["target"]]
            rows.append({
                "source": source.get("name") or cooperation["source"],
                "source_id": cooperation["source"],
                "partner": target.get("name") or cooperation["target"],
                "partner_id": cooperation["target"],
                "partner_type": type_name(target.get("type") or "Other"),
                "form": forms.german(cooperation["form"] or ""),
                "since": cooperation["since"],
                "until": cooperation["until"],
                "fields": ", ".join(fields.german(key) for key in cooperation["fields"]),
            })
    rows.sort(key=lambda r: (r["source_id"] != centre, german.sort_key(r["source"]), german.sort_key(r["partner"]),
                             r["since"] or dt.date.min))
    return rows
