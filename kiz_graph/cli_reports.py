"""``kiz-graph report``: a centre's yearly Sachbericht or the statewide report as PDF or
workbook (``kiz_graph.cli`` adds the command). It speaks German, as the reports do; a bad
argument exits 2 with the argument named, and no file is written then.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kiz_graph import config


def add_commands(commands) -> None:
    report = commands.add_parser("report", help="a centre's yearly Sachbericht or the statewide report (PDF or xlsx)")
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument("--centre", metavar="ID", help="the centre's id, e.g. ki-05978")
    which.add_argument("--statewide", action="store_true", help="all centres with medians and the trend since 2013")
    report.add_argument("--year", required=True, metavar="YYYY", help="the year reported on (2013 to this year)")
    report.add_argument("--format", choices=("pdf", "xlsx"), default="pdf")
    report.add_argument("--output", type=Path, metavar="FILE",
                        help="where to write it (default: sachbericht-YYYY-ID.pdf or landesbericht-YYYY.pdf here)")
    report.set_defaults(handler=_report)


def _refuse(message: str) -> int:
    print(f"kiz-graph: Fehler: {message}", file=sys.stderr)
    return 2


def _report(args) -> int:
    from kiz_graph.errors import ReportYearError, UnknownCentreError
    from kiz_graph.reports import figures, files
    from kiz_graph.store.db import Database

    try:
        year = figures.check_year(args.year)
    except ReportYearError as exc:
        return _refuse(f"--year: {exc}")
    with Database(config.neo4j_settings()) as db:
        if args.statewide:
            state = figures.statewide_figures(db, year)
            data, name = files.statewide_file(state, args.format), files.file_name(year, args.format)
        else:
            try:
                centre = figures.centre_figures(db, args.centre, year)
            except UnknownCentreError:
                return _refuse(f"--centre: ein Zentrum „{args.centre}“ gibt es nicht (Kennung wie ki-05978).")
            data, name = files.centre_file(centre, args.format), files.file_name(year, args.format, centre)
    target = args.output or Path(name)
    files.write_whole(target, data)
    print(f"{'Landesbericht' if args.statewide else 'Sachbericht'} {year} geschrieben: {target}")
    return 0
