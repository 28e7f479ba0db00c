"""The statewide overview for the coordination office (``/land/``): matrix, indicators,
white spots and a tile map of the 54 regions, as of a chosen day."""

from __future__ import annotations

from flask import Blueprint, g, render_template, request

from kiz_graph import statewide, users
from kiz_graph.network.explained import FIGURES, MEASURE_NAMES
from web import access, arguments
from web.database import get_db

bp = Blueprint("overview", __name__, url_prefix="/land")

#: The network measures of the analysis section: not those the indicators above show already.
NETWORK_MEASURES = {key: name for key, name in MEASURE_NAMES.items() if key not in ("cooperations", "stale")}


@bp.app_context_processor
def overview_link() -> dict:
    """Whether the navigation shows the link to this page (``may_open_overview`` in templates)."""
    return {"may_open_overview": users.may(g.get("user"), "read_all_centres")}


@bp.get("/")
@access.permission("read_all_centres")
def index():
    data = statewide.overview(get_db(), arguments.day(), district=request.args.get("bezirk", ""),
                              sort=request.args.get("sort", ""), descending=request.args.get("dir") == "desc")
    return render_template("overview.html", data=data, districts=statewide.DISTRICTS,
                           partner_types=statewide.KEY_PARTNER_TYPES, analysis=data.analysis,
                           analysis_rows=data.analysis_rows, measure_names=NETWORK_MEASURES, figures=FIGURES)
