"""The statewide overview for the coordination office (``/land/``): matrix, indicators,
white spots and a tile map of the 54 regions, as of a chosen day; the matrix and the indicators
also as CSV and Excel files; the data for the external evaluation (counts per centre and year, no
personal data) as a ZIP of CSV files or a workbook."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, g, render_template, request

from kiz_graph import statewide, statewide_tables, users
from kiz_graph.errors import ValidationError
from kiz_graph.network.explained import FIGURES, MEASURE_NAMES
from kiz_graph.reports import evaluation, evaluation_files
from web import access, arguments, reports
from web.database import get_db
from web.headers import attachment

bp = Blueprint("overview", __name__, url_prefix="/land")

#: The network measures of the analysis section: not those the indicators above show already.
NETWORK_MEASURES = {key: name for key, name in MEASURE_NAMES.items() if key not in ("cooperations", "stale")}

#: The file formats of the downloads: (how to write a table, content type).
FORMATS = {
    "csv": (statewide_tables.csv_bytes, "text/csv; charset=utf-8"),
    "xlsx": (statewide_tables.xlsx_bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


@bp.app_context_processor
def overview_link() -> dict:
    """Whether the navigation shows the link to this page (``may_open_overview`` in templates)."""
    return {"may_open_overview": users.may(g.get("user"), "read_all_centres")}


@bp.get("/")
@access.permission("read_all_centres")
def index():
    data = statewide.overview(get_db(), arguments.day(), **_selection())
    return render_template("overview.html", data=data, districts=statewide.DISTRICTS, report_choices=reports.choices(),
                           evaluation_years=(evaluation.FIRST_YEAR, dt.date.today().year),
                           partner_types=statewide.KEY_PARTNER_TYPES, analysis=data.analysis,
                           analysis_rows=data.analysis_rows, measure_names=NETWORK_MEASURES, figures=FIGURES)


def _selection() -> dict:
    """The page's choice of Regierungsbezirk and order, as the request asks (unknown: all, by name)."""
    return {"district": request.args.get("bezirk", ""), "sort": request.args.get("sort", ""),
            "descending": request.args.get("dir") == "desc"}


@bp.get("/<any(matrix, kennzahlen):name>.<any(csv, xlsx):fmt>")
@access.permission("read_all_centres")
def download(name, fmt):
    """The matrix or the indicators as the page shows them (same day, Bezirk and order), as a file."""
    table = statewide_tables.table(get_db(), name, arguments.day(), **_selection())
    write, content_type = FORMATS[fmt]
    return attachment(write(table), content_type, f"{table.name}.{fmt}")


@bp.get("/evaluation")
@access.permission("read_all_centres")
def evaluation_export():
    """The data for the external evaluation, for the years chosen (``von``, ``bis``) as ``format``.
    Not recorded as a download: it holds no personal data (see docs/evaluation-export.md)."""
    try:
        first, last = evaluation.year_range(request.args.get("von"), request.args.get("bis"), names=("Von", "Bis"))
    except ValidationError as exc:
        abort(400, description=" ".join(str(problem) for problem in exc.problems))
    fmt = request.args.get("format", "zip")
    if fmt not in evaluation_files.FORMATS:
        abort(400, description=f"Format: „{fmt[:20]}“ gibt es nicht (zip oder xlsx).")
    data = evaluation_files.write(evaluation.tables(get_db(), first, last), fmt, first, last)
    return attachment(data, evaluation_files.FORMATS[fmt], evaluation_files.filename(first, last, fmt))
