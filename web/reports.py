"""The yearly reports as downloads: a centre's Sachbericht (its staff and the coordination
office) and the statewide report (the coordination office only), each with a form to pick the
year and the format. The reports hold no personal data (posts are counted, not people), so a
download is not recorded as one of contact data."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, render_template, request

from kiz_graph.errors import ReportYearError
from kiz_graph.reports import figures, files
from web import access
from web.database import get_db
from web.headers import attachment
from web.workspace import centre_header

bp = Blueprint("reports", __name__)

FORMATS = {"pdf": "PDF", "xlsx": "Excel-Arbeitsmappe"}


def choices() -> dict:
    """What the form offers: the years from 2013 to this one, last year first chosen."""
    this_year = dt.date.today().year
    return {"years": list(range(this_year, figures.FIRST_YEAR - 1, -1)), "chosen": this_year - 1, "formats": FORMATS}


def _year() -> int:
    text = request.args.get("jahr", "").strip()
    if not text:
        abort(400, description="Jahr: bitte ein Berichtsjahr angeben.")
    try:
        return figures.check_year(text[:20])
    except ReportYearError as exc:
        abort(400, description=str(exc))


def _format() -> str:
    fmt = request.args.get("format", "pdf")
    if fmt not in FORMATS:
        abort(400, description=f"Format: „{fmt[:20]}“ gibt es nicht (PDF oder Excel-Arbeitsmappe).")
    return fmt


@bp.get("/zentren/<centre>/sachbericht/")
@access.centre()
def centre_form(centre):
    return render_template("centres/sachbericht.html", centre=centre_header(centre), **choices())


@bp.get("/zentren/<centre>/sachbericht/datei")
@access.centre()
def centre_file(centre):
    centre_header(centre)  # 404 for an unknown centre
    year, fmt = _year(), _format()
    found = figures.centre_figures(get_db(), centre, year)
    return attachment(files.centre_file(found, fmt), files.CONTENT_TYPES[fmt], files.file_name(year, fmt, found))


@bp.get("/land/landesbericht")
@access.permission("read_all_centres")
def statewide_file():
    year, fmt = _year(), _format()
    state = figures.statewide_figures(get_db(), year)
    return attachment(files.statewide_file(state, fmt), files.CONTENT_TYPES[fmt], files.file_name(year, fmt))
