"""The start page, and where a signed-in user starts."""

from flask import Blueprint, g, redirect, render_template, url_for

from kiz_graph import users
from kiz_graph.records import totals
from web import access
from web.database import get_db

bp = Blueprint("home", __name__)


@bp.get("/")
@access.public
def index():
    return render_template("home.html", counts=totals.counts(get_db()))


@bp.get("/start")
@access.signed_in
def start():
    user = g.user
    if users.may(user, "read_all_centres"):
        return redirect(url_for("centres.index"))
    if users.may(user, "read_own_centres") and user.centres:
        return redirect(url_for("centres.dashboard", centre=user.centres[0]))
    return redirect(url_for("directory.search"))
