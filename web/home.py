"""The start page."""

from flask import Blueprint, render_template

from kiz_graph import overview
from web.database import get_graph

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    return render_template("home.html", counts=overview.counts(get_graph()))
