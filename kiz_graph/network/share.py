"""A centre's network to share: one interactive HTML file, made with pyvis, that opens offline
(from an e-mail attachment) and holds only what its recipient's role may see.

The drawing is the network page's (``picture.centre_network`` with the page's filters, the
server's layout from ``picture.layout``, the same colours, shapes and lines, physics off).
vis-network's script and style sheet, which pyvis ships (``pyvis/lib/vis-9.1.2``, the same
files as ``web/static/vendor/vis-network``), are written into the file, so it asks no other
origin for anything; pyvis' own template loads Bootstrap from a CDN even with
``cdn_resources="in_line"``, so the file uses its own template (``share.html``).

**For whom** (:data:`RECIPIENTS`): the file's contact persons are those the recipient's role
may see in the centre's network (``visibility.CONSENT_VISIBLE_TO``: partners only persons with
``public`` consent, the centre's staff also ``internal`` ones) *and* the downloader may see;
:func:`recipients` offers no role that sees more than the downloader's own. Names, types and
places of organisations are no personal data and are in every file.

Database text reaches the file only as JSON that Jinja's ``tojson`` escapes for a script
element, and the hover cards (``title``) are HTML whose every value ``picture.vis_data``
escaped: a name like ``<script>…`` shows as text.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
from typing import NamedTuple

import jinja2
import networkx as nx
import pyvis
from pyvis.network import Network

from kiz_graph import german
from kiz_graph.network import picture, read
from kiz_graph.records import visibility
from kiz_graph.records.vocabulary import CENTRE_TYPE, type_name
from kiz_graph.store.db import Database

__all__ = ["RECIPIENTS", "Shared", "recipients", "shared_network"]

#: The roles a file can be made for, with the words the form and the file use.
RECIPIENTS = {
    "partner": "für Partner",
    "centre_staff": "für Mitarbeitende des Zentrums",
    "coordination": "für die Landeskoordinierungsstelle",
}

_VIS = pathlib.Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
_TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader(pathlib.Path(__file__).parent),
                                autoescape=True, keep_trailing_newline=True)
# How far a role sees persons of one consent level: nowhere, in its centres' network, everywhere.
_REACH = {None: 0, visibility.IN_NETWORK: 1, visibility.EVERYWHERE: 2}


def recipients(role: str | None) -> list[str]:
    """The recipients (keys of :data:`RECIPIENTS`) a user of ``role`` may make a file for:
    those who see no person, at no consent level, that the role itself does not see."""
    def reach(who: str | None, level: str) -> int:
        return _REACH[visibility.CONSENT_VISIBLE_TO[level].get(who)]

    return [r for r in RECIPIENTS if all(reach(r, level) <= reach(role, level)
                                         for level in visibility.CONSENT_VISIBLE_TO)]


class Shared(NamedTuple):
    """The file and what its download record says."""

    body: bytes  # the HTML file, UTF-8
    filename: str
    what: str  # the selection in German, for the record of the download
    person_ids: list[str]  # the contact persons the file holds


def shared_network(db: Database, centre: str, day: dt.date, *, recipient: str, viewer, types=(),
                   field: str | None = None, stage: str | None = None) -> Shared:
    """The centre's network on ``day`` (filters as on the network page) as a file for ``recipient``.

    ``viewer`` is who downloads (a ``users.User`` or :class:`visibility.Viewer`). Raises
    ``ValueError`` for a recipient outside :func:`recipients` of the viewer's role, and
    ``UnknownCentreError`` for an unknown centre.
    """
    viewer = viewer if isinstance(viewer, visibility.Viewer) else visibility.Viewer.of(viewer)
    if recipient not in recipients(viewer.role):
        raise ValueError(f"recipient must be one of {', '.join(recipients(viewer.role))}, not {recipient!r}")
    g = picture.centre_network(read.network(db, day, centre), types=types, field=field, stage=stage)
    positions = picture.layout(g)  # before the contacts change: the page's own coordinates
    sights = [visibility.sight(db, visibility.Viewer(recipient, (centre,)), day), visibility.sight(db, viewer, day)]
    contacts: dict[str, list[dict]] = {}  # per organisation, by name
    for row in db.read("network/share/contacts", ids=[n for n in g if n != centre], day=day):
        if all(sight.may_see(row["consent"], row["workplace"]) for sight in sights):
            contacts.setdefault(row["workplace"], []).append({k: row[k] for k in ("id", "name", "function", "email")})
    for node, data in g.nodes(data=True):
        data["contacts"] = contacts.get(node, [])
        data["contact"] = data["contacts"][0] if data["contacts"] else None  # the hover card's, as on the page
    name = g.nodes[centre]["name"]
    for_whom = RECIPIENTS[recipient]
    body = _html(g, picture.vis_data(g, positions), title=f"Netzwerk: {name}", day=day, for_whom=for_whom)
    what = "; ".join([f"Netzwerk zum Teilen: {name}", f"Stand {german.date(day)}", for_whom,
                      *([f"Typ: {', '.join(type_name(t) for t in types)}"] if types else [])])
    return Shared(body=body, filename=f"netzwerk-{centre}-stand-{day.isoformat()}-{recipient.replace('_', '-')}.html",
                  what=what, person_ids=sorted(c["id"] for found in contacts.values() for c in found))


def _html(g: nx.Graph, drawing: dict, *, title: str, day: dt.date, for_whom: str) -> bytes:
    """The page: pyvis builds the nodes, edges and options; the template writes them out."""
    # One edge per pair, drawn without arrows, as on the page.
    net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line", heading=title)
    keep = ("label", "title", "shape", "color", "size", "x", "y", "fixed")
    for item in drawing["nodes"]:
        net.add_node(item["id"], **{k: item[k] for k in keep}, name=item["label"], labelShown=item["labelShown"],
                     physics=False)
    for item in drawing["edges"]:
        net.add_edge(item["from"], item["to"], **{k: item[k] for k in ("width", "dashes", "color", "title")})
    net.options = {"physics": {"enabled": False}, "layout": {"improvedLayout": False},
                   "interaction": {"hover": True, "tooltipDelay": 150, "dragNodes": False,
                                   "keyboard": {"enabled": True, "bindToWindow": False}},
                   "nodes": {"borderWidth": 1, "font": {"size": picture.LABEL_FONT, "color": "#1b1f24",
                                                        "strokeWidth": 3, "strokeColor": "#ffffff"}},
                   "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1}}
    nodes, edges, heading, _, _, options = net.get_network_data()
    present = {data.get("type") for _, data in g.nodes(data=True)}
    forms = {k["form"] for _, _, data in g.edges(data=True) for k in data.get("cooperations", ())}
    rows = sorted(({"name": data.get("name") or node, "type": type_name(data.get("type")), "place": data.get("place"),
                    "contacts": data["contacts"]} for node, data in g.nodes(data=True)
                   if data.get("type") != CENTRE_TYPE), key=lambda r: german.sort_key(r["name"]))
    page = _TEMPLATES.get_template("share.html").render(
        heading=heading, day=german.date(day), for_whom=for_whom, nodes=nodes, edges=edges,
        options=json.loads(options), legend=picture.legend(present), form_legend=picture.form_legend(forms),
        shape_names=picture.SHAPE_NAMES_DE, rows=rows, cooperations=sum(len(d.get("cooperations", ()))
                                                                         for _, _, d in g.edges(data=True)),
        made=german.date(dt.date.today()), vis_js=(_VIS / "vis-network.min.js").read_text(encoding="utf-8"),
        vis_css=(_VIS / "vis-network.css").read_text(encoding="utf-8"))
    return page.encode("utf-8")
