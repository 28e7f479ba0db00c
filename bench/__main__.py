"""``make bench`` / ``python -m bench``: load a scale into a database of its own and measure.

Without NEO4J_URI the benchmarks start the project's Neo4j with a separate data folder
(var/bench-neo4j) on a free port, so the demo database stays as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from pathlib import Path

from bench import suite
from kiz_graph import local_neo4j, migrations
from kiz_graph.config import PROJECT_ROOT, external_settings
from kiz_graph.db import Graph

RESULTS = PROJECT_ROOT / "bench" / "results"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--scale", choices=("demo", "statewide", "10x"), default="statewide")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement (median)")
    parser.add_argument("--out", type=Path, default=None, help="results file (default bench/results/<scale>.json)")
    args = parser.parse_args(argv)

    settings = external_settings()
    data_dir = PROJECT_ROOT / "var" / "bench-neo4j"
    if settings is None:
        local_neo4j.start(data_dir, local_neo4j.free_port())
        settings = local_neo4j.settings(data_dir)
    try:
        with Graph(settings, max_retry_s=30) as graph:
            migrations.migrate(graph)
            results = run(graph, args.scale, args.runs)
    finally:
        if external_settings() is None:
            local_neo4j.stop(data_dir)
    out = args.out or RESULTS / f"{args.scale}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    print(f"results written to {out}", file=sys.stderr)
    return 0


def run(graph: Graph, scale: str, runs: int) -> dict:
    load_runs = 1 if scale == "10x" else min(runs, 3)
    return {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "neo4j": neo4j_version(graph)},
        "scale": scale,
        "load": suite.load_demo(graph, scale, load_runs),
        "check_matrix": suite.check_matrix(graph, runs),
        # last: it empties the database and imports the same network again
        "import": suite.import_exchange_files(graph, load_runs),
    }


def neo4j_version(graph: Graph) -> str:
    rows = graph.run_text("CALL dbms.components() YIELD versions RETURN versions[0] AS version", write=False)
    return rows[0]["version"]


if __name__ == "__main__":
    sys.exit(main())
