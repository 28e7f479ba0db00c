"""The centre's network page: the interactive graph, its legend, the missing Pflicht partners
and the same network as a table. Filters come from a GET form, so they work without JavaScript."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, g, render_template, request

from kiz_graph import network_view, users
from kiz_graph.records import parse_date
from kiz_graph.vocabulary import vocabulary
from web import access
from web.database import get_graph

bp = Blueprint("network", __name__, url_prefix="/zentren")


@bp.get("/<centre>/netzwerk")
@access.centre()
def page(centre):
    graph = get_graph()
    rows = graph.read("check/centres", centre=centre)
    if not rows:
        abort(404)
    day = _day_arg()
    # Only values of the vocabularies reach the core: anything else in the URL is ignored.
    type_keys = vocabulary("organisation_types").keys
    types = tuple(t for t in request.args.getlist("typ") if t in type_keys)
    field = _choice("feld", vocabulary("fields_of_action").keys)
    stage = _choice("stufe", vocabulary("education_stages").keys)

    network = network_view.centre_network(graph, centre, day, types=types, field=field, stage=stage)
    data = network_view.vis_data(network, network_view.layout(network))
    return render_template(
        "centres/network.html",
        centre=rows[0],
        can_edit=users.can_edit_centre(g.user, centre),
        day=day,
        data=data,
        rows=network_view.table_rows(network),
        partners=network.number_of_nodes() - 1,
        legend=network_view.legend(),
        form_legend=network_view.form_legend(),
        shape_names=network_view.SHAPE_NAMES_DE,
        gaps=network_view.partner_gaps(graph, centre, day),
        filters={"types": types, "field": field, "stage": stage},
        type_choices=[(key, network_view.type_name(key)) for key in type_keys],
        field_choices=_choices("fields_of_action"),
        stage_choices=_choices("education_stages"),
    )


def _choices(name: str) -> list[tuple[str, str]]:
    words = vocabulary(name)
    return [(key, words.german(key)) for key in words.keys]


def _choice(name: str, allowed: tuple[str, ...]) -> str | None:
    value = request.args.get(name, "")
    return value if value in allowed else None


def _day_arg() -> dt.date:
    try:
        return parse_date(request.args["stichtag"]) if request.args.get("stichtag") else dt.date.today()
    except ValueError:
        abort(400)
