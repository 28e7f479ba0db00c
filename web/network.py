"""The centre's network page: the interactive graph, its legend, the missing Pflicht partners
and the same network as a table. Filters come from a GET form, so they work without JavaScript."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, g, jsonify, render_template, request, url_for

from kiz_graph import german, users
from kiz_graph.network import graph_files, picture, read, share
from kiz_graph.network.explained import FIGURES, MEASURE_NAMES, density_in_words
from kiz_graph.network.page import cached_network_page
from kiz_graph.records import downloads
from kiz_graph.records.vocabulary import type_name, vocabulary
from web import access, arguments
from web.database import get_db
from web.headers import attachment

bp = Blueprint("network", __name__, url_prefix="/zentren")

#: How many partners at the edge (isolated, weakly tied, without contact) the analysis lists
#: before "Alle … zeigen" (``?rand=alle``): a large network had 660 of them, a fifth of its page.
EDGE_LIMIT = 50


@bp.get("/<centre>/netzwerk")
@access.centre()
def page(centre):
    shown = _page(centre)
    day = shown.day
    return render_template(
        "centres/network.html",
        page=shown,
        centre=shown.centre,
        can_edit=users.can_edit_centre(g.user, centre),
        day=day,
        analysis=shown.analysis,
        change=shown.change,
        compare_day=shown.compare_day,
        measure_names=MEASURE_NAMES,
        figures=FIGURES,
        density_words=density_in_words(shown.analysis["measures"]["density"]),
        edge_limit=None if request.args.get("rand") == "alle" else EDGE_LIMIT,
        edge_all_url=url_for("network.page", centre=centre, **{**request.args.to_dict(flat=False), "rand": "alle"},
                             _anchor="rand"),
        legend=picture.legend(),
        form_legend=picture.form_legend(),
        image=_image(shown.centre["name"], day),
        shape_names=picture.SHAPE_NAMES_DE,
        filters=shown.filters,
        type_choices=[(key, type_name(key)) for key in vocabulary("organisation_types").keys],
        query=request.query_string.decode(),
        field_choices=_choices("fields_of_action"),
        stage_choices=_choices("education_stages"),
        share_choices=[(key, share.RECIPIENTS[key]) for key in share.recipients(g.user.role)],
    )


@bp.get("/<centre>/netzwerk/zeichnung.json")
@access.centre()
def drawing(centre):
    """The drawing's nodes and edges (same filters as the page), which the page's script fetches."""
    response = jsonify(_page(centre).drawing())
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def _page(centre: str):
    day, types, field, stage = _filters()
    return cached_network_page(get_db(), centre, day, types=types, field=field, stage=stage,
                               compare_day=arguments.optional_day("vergleich"))


@bp.get("/<centre>/netzwerk.<any(graphml, gexf):fmt>")
@access.centre()
def download(centre, fmt):
    """The network the page shows (same filters) for Gephi and other network tools."""
    day, types, field, stage = _filters()
    network = picture.centre_network(read.network(get_db(), day, centre), types=types, field=field, stage=stage)
    exported = graph_files.visible(network)
    body = graph_files.to_graphml(exported) if fmt == "graphml" else graph_files.to_gexf(exported)
    shown = [f"Netzwerk: {network.nodes[centre]['name']}", f"Stichtag {german.date(day)}",
             *([f"Typ: {', '.join(type_name(t) for t in types)}"] if types else []),
             *([f"Handlungsfeld: {vocabulary('fields_of_action').german(field)}"] if field else []),
             *([f"Bildungsstufe: {vocabulary('education_stages').german(stage)}"] if stage else [])]
    downloads.record(get_db(), user=g.user.username, kind=f"network_{fmt}", centre=centre, what="; ".join(shown),
                     person_ids=[(data.get("contact") or {}).get("id") for _, data in network.nodes(data=True)])
    name = f"netzwerk-{centre}-{day.isoformat()}.{fmt}"
    return attachment(body, "application/xml; charset=utf-8", name)


@bp.get("/<centre>/netzwerk/teilen")
@access.centre()
def share_file(centre):
    """The network the page shows (same filters) as one HTML file to pass on, holding only what
    the chosen recipient (``fuer``; the partner's view when none is chosen) may see."""
    recipient = request.args.get("fuer") or "partner"
    if recipient not in share.recipients(g.user.role):
        allowed = ", ".join(f"„{share.RECIPIENTS[key]}“" for key in share.recipients(g.user.role))
        abort(400, description=f"Für wen: diese Auswahl gibt es für Sie nicht; möglich sind {allowed}.")
    day, types, field, stage = _filters()
    shared = share.shared_network(get_db(), centre, day, recipient=recipient, viewer=g.user, types=types,
                                  field=field, stage=stage)
    downloads.record(get_db(), user=g.user.username, kind="network_share", centre=centre, what=shared.what,
                     person_ids=shared.person_ids)
    return attachment(shared.body, "text/html; charset=utf-8", shared.filename)


def _image(name: str, day: dt.date) -> dict:
    """What the PNG download adds to the drawing: title, day and the legend's colours, shapes and lines."""
    return {
        "title": f"Netzwerk: {name}",
        "day": f"Stichtag {german.date(day)}",
        "types": [{"type": type_, "name": text, "colour": colour, "shape": shape}
                  for type_, text, colour, shape in picture.legend()],
        "forms": [{"form": form, "name": text, "width": width, "dashes": dashes}
                  for form, text, width, dashes in picture.form_legend()],
    }


def _filters() -> tuple[dt.date, tuple[str, ...], str | None, str | None]:
    """Day, types, field and stage from the URL; only values of the vocabularies pass."""
    type_keys = vocabulary("organisation_types").keys
    types = tuple(t for t in request.args.getlist("typ") if t in type_keys)
    field = _choice("feld", vocabulary("fields_of_action").keys)
    stage = _choice("stufe", vocabulary("education_stages").keys)
    return arguments.day(), types, field, stage


def _choices(name: str) -> list[tuple[str, str]]:
    words = vocabulary(name)
    return [(key, words.german(key)) for key in words.keys]


def _choice(name: str, allowed: tuple[str, ...]) -> str | None:
    value = request.args.get(name, "")
    return value if value in allowed else None
