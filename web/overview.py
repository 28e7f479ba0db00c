"""The statewide overview for the coordination office (``/land/``): matrix, indicators,
white spots and a tile map of the 54 regions, as of a chosen day."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, g, render_template, request

from kiz_graph import statewide, users
from kiz_graph.records import parse_date
from web import access
from web.database import get_graph

bp = Blueprint("overview", __name__, url_prefix="/land")


@bp.app_context_processor
def overview_link() -> dict:
    """Whether the navigation shows the link to this page (``may_open_overview`` in templates)."""
    return {"may_open_overview": users.may(g.get("user"), "read_all_centres")}


@bp.get("/")
@access.permission("read_all_centres")
def index():
    data = statewide.overview(get_graph(), _day_arg(), district=request.args.get("bezirk", ""),
                              sort=request.args.get("sort", ""), descending=request.args.get("dir") == "desc")
    return render_template("overview.html", data=data, districts=statewide.DISTRICTS,
                           partner_types=statewide.KEY_PARTNER_TYPES)


def _day_arg() -> dt.date:
    """The Stichtag (ISO or German date); empty means today, anything else unreadable is a 400."""
    text = request.args.get("stichtag", "").strip()
    if not text:
        return dt.date.today()
    try:
        return parse_date(text[:20])
    except ValueError:
        abort(400)
