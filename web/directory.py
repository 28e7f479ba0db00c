"""The contact directory for every signed-in role (searched by name for now)."""

from flask import Blueprint, g, render_template, request

from kiz_graph import search
from web import access
from web.database import get_graph

bp = Blueprint("directory", __name__, url_prefix="/verzeichnis")


@bp.get("/", endpoint="search")
@access.permission("read_directory")
def search_page():
    text = request.args.get("q", "")[:200]
    results = search.directory(get_graph(), text, g.user.role) if text.strip() else []
    return render_template("directory.html", q=text, results=results)

