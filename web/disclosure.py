"""Who took contact data, and what is held about one person: the coordination office's list
of recorded downloads, and the access report (Auskunft nach Art. 15 DSGVO) as a page to
print and hand over, or as JSON (``?format=json``).

The report opens for the coordination office (``/datenschutz/auskunft/<id>``) and, under a
centre (``/zentren/<centre>/auskunft/<id>``), for its staff when the person's workplace lies
in the centre's network; for anyone else the person is not found (404), so the page does
not tell who is held.
"""

from __future__ import annotations

from flask import Blueprint, abort, g, jsonify, redirect, render_template, request, url_for

from kiz_graph.records import access_report, downloads
from web import access
from web.database import get_db
from web.workspace import centre_header

bp = Blueprint("disclosure", __name__)

RECENT = 200


@bp.get("/datenschutz/downloads")
@access.permission("read_all_centres")
def recent_downloads():
    return render_template("privacy/downloads.html", downloads=downloads.recent(get_db(), RECENT), limit=RECENT,
                           kind_name=downloads.kind_name)


@bp.get("/datenschutz/auskunft/")
@access.permission("read_all_centres")
def find_report():
    """The form on the downloads page: a person's id leads to their report."""
    key = request.args.get("kennung", "").strip()[:100]
    if not key:
        abort(400, description="Kennung der Ansprechperson: bitte angeben.")
    return redirect(url_for("disclosure.report", key=key))


@bp.get("/datenschutz/auskunft/<key>")
@access.permission("read_all_centres")
def report(key):
    return _report(key, centre=None)


@bp.get("/zentren/<centre>/auskunft/<key>")
@access.centre()
def centre_report(centre, key):
    if not access_report.may_report(get_db(), g.user, key, centre):
        abort(404)
    return _report(key, centre=centre)


def _report(key: str, centre: str | None):
    try:
        found = access_report.access_report(get_db(), key)
    except access_report.UnknownPersonError:
        abort(404, description=f"Eine Ansprechperson mit der Kennung „{key}“ gibt es nicht.")
    if request.args.get("format") == "json":
        response = jsonify(found)
        response.headers["Content-Disposition"] = f'attachment; filename="auskunft-{key}.json"'
        response.headers["Cache-Control"] = "private, no-store"
        return response
    page = render_template("privacy/report.html", report=found, centre=centre_header(centre) if centre else None,
                           json_url=request.path + "?format=json")
    return page, 200, {"Cache-Control": "private, no-store"}
