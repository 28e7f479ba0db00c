"""``make bench`` / ``python -m bench``: load a scale into a database of its own and measure.

Without NEO4J_URI the benchmarks start the project's Neo4j with a separate data folder
(var/bench-neo4j) on a free port, so the demo database stays as it is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
from pathlib import Path

from bench import browser, load, pages, report, suite
from kiz_graph.store import local_neo4j, migrations
from kiz_graph.config import external_settings
from kiz_graph.store.settings import PROJECT_ROOT
from kiz_graph.store.db import Database

RESULTS = PROJECT_ROOT / "bench" / "results"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--scale", choices=("demo", "statewide", "10x"), default="statewide")
    parser.add_argument("--growth", choices=("10x", "none"), default="10x",
                        help="measure import and check matrix again at this scale (default 10x; none: skip)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement (median)")
    parser.add_argument("--out", type=Path, default=None, help="results file (default bench/results/<scale>.json)")
    parser.add_argument("--no-readme", action="store_true", help="do not write the README's performance table")
    parser.add_argument("--report", type=Path, metavar="RESULTS",
                        help="measure nothing: write the README's table from this results file")
    args = parser.parse_args(argv)
    if args.report:
        report.update_readme(PROJECT_ROOT / "README.md", json.loads(args.report.read_text()))
        print(f"README.md: performance table written from {args.report}", file=sys.stderr)
        return 0
    if args.runs < 1:
        parser.error("--runs: at least 1")

    settings = external_settings()
    data_dir = PROJECT_ROOT / "var" / "bench-neo4j"
    if settings is None:
        # more heap than the demo's 2g: the 10x scale's transactions need it
        local_neo4j.start(data_dir, local_neo4j.free_port(), heap="6g")
        settings = local_neo4j.settings(data_dir)
    out = args.out or RESULTS / f"{args.scale}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial.json")

    def save(results: dict) -> None:  # after every step, so a failure late in the run keeps the rest
        partial.write_text(json.dumps(results, indent=2) + "\n")

    try:
        with Database(settings, max_retry_s=30) as db:
            migrations.migrate(db)
            results = run(db, args.scale, args.runs, None if args.growth == "none" else args.growth, save)
    finally:
        if external_settings() is None:
            local_neo4j.stop(data_dir)
    out.write_text(json.dumps(results, indent=2) + "\n")
    partial.unlink(missing_ok=True)
    print(report.table(results))
    print(f"results written to {out}", file=sys.stderr)
    if not args.no_readme:
        report.update_readme(PROJECT_ROOT / "README.md", results)
        print("README.md: performance table updated", file=sys.stderr)
    return 0


def run(db: Database, scale: str, runs: int, growth: str | None, save=lambda results: None) -> dict:
    """The whole suite on ``scale``, then items 1 and 2 again at ``growth``; ``save`` gets
    the results so far after every step."""
    load_runs = 1 if scale == "10x" else min(runs, 3)
    started = dt.datetime.now(dt.timezone.utc)
    results = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "neo4j": neo4j_version(db)},
        "scale": scale,
        "runs": runs,
        "started": started.isoformat(timespec="seconds"),
    }
    steps = (
        ("load", lambda: suite.load_demo(db, scale, load_runs)),
        ("check_matrix", lambda: suite.check_matrix(db, runs)),
        ("pages", lambda: pages.pages(db, runs)),
        ("network_page", lambda: suite.network_page(db, runs)),
        ("analytics", lambda: suite.analytics_times(db, runs)),
        ("web_load", lambda: load.load(db, runs)),
        # it empties the database and imports the same network again
        ("import", lambda: suite.import_exchange_files(db, load_runs)),
        # it adds a centre of 2,000 nodes: after everything that reads the loaded network
        ("browser", lambda: browser.network_page_2000(db, max(1, min(runs, 3)))),
        ("layout", lambda: browser.first_layout(db, runs)),
    )
    for name, measure in steps:
        step(name, scale)
        results[name] = measure()
        save(results)
    if growth:
        grown = results["growth"] = {"scale": growth}
        for name, measure in (("load", lambda: suite.load_demo(db, growth, 1)),
                              ("check_matrix", lambda: suite.check_matrix(db, runs, naive_centres=5)),
                              ("import", lambda: suite.import_exchange_files(db, 1))):
            step("growth:", name, growth)
            grown[name] = measure()
            save(results)
        if "import_median_s" in grown["import"]:
            grown["import_ratio"] = grown["import"]["import_median_s"] / results["import"]["import_median_s"]
        grown["check_matrix_ratio"] = grown["check_matrix"]["matrix_median_s"] / results["check_matrix"]["matrix_median_s"]
    finished = dt.datetime.now(dt.timezone.utc)
    results["finished"] = finished.isoformat(timespec="seconds")
    results["duration_s"] = round((finished - started).total_seconds(), 1)
    return results


def step(*what: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] bench: {' '.join(what)} ...", file=sys.stderr, flush=True)


def neo4j_version(db: Database) -> str:
    rows = db.run_text("CALL dbms.components() YIELD versions RETURN versions[0] AS version", write=False)
    return rows[0]["version"]


if __name__ == "__main__":
    sys.exit(main())
