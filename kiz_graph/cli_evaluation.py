"""``kiz-graph evaluation``: the data for the external evaluation (counts per centre and year,
no personal data) as a ZIP of CSV files or an Excel workbook (``kiz_graph.cli`` adds it).
A wrong year or file names the argument in German and exits 2; the file is written whole or
not at all."""

from __future__ import annotations

import sys
from pathlib import Path

from kiz_graph import config, german


def add_command(commands) -> None:
    """The ``evaluation`` command, under the parser's ``commands``."""
    from kiz_graph.reports.evaluation import FIRST_YEAR

    evaluation = commands.add_parser("evaluation", help="counts per centre and year for the external evaluation "
                                                        "(no personal data), with a codebook")
    evaluation.add_argument("--from", dest="first", metavar="YEAR", help=f"first year (default {FIRST_YEAR})")
    evaluation.add_argument("--to", dest="last", metavar="YEAR", help="last year (default: the current year)")
    evaluation.add_argument("--output", type=Path, required=True, metavar="FILE", help="the file to write")
    evaluation.add_argument("--format", choices=("zip", "xlsx"),
                            help="zip (CSV files) or xlsx (one workbook); default: by the file's ending, else zip")
    evaluation.set_defaults(handler=_evaluation)


def _evaluation(args) -> int:
    from kiz_graph.errors import ValidationError
    from kiz_graph.reports import evaluation, evaluation_files, files
    from kiz_graph.store.db import Database

    try:
        first, last = evaluation.year_range(args.first, args.last, names=("--from", "--to"))
    except ValidationError as exc:
        for problem in exc.problems:
            print(f"kiz-graph: error: {problem}", file=sys.stderr)
        return 2
    target: Path = args.output
    if not target.parent.is_dir():
        print(f"kiz-graph: error: --output: den Ordner „{target.parent}“ gibt es nicht.", file=sys.stderr)
        return 2
    if target.is_dir():
        print(f"kiz-graph: error: --output: „{target}“ ist ein Ordner, keine Datei.", file=sys.stderr)
        return 2
    fmt = args.format or ("xlsx" if target.suffix.lower() == ".xlsx" else "zip")
    with Database(config.neo4j_settings()) as db:
        tables = evaluation.tables(db, first, last)
    data = evaluation_files.write(tables, fmt, first, last)
    files.write_whole(target, data)
    centres = len(tables[0].rows)
    print(f"Evaluationsdaten {first}–{last} ({german.plural(centres, 'Zentrum', 'Zentren')}, "
          f"{len(tables)} Tabellen und Codebuch) geschrieben: {target}")
    return 0
