"""The benchmarks. Each returns a dict of medians (seconds) with its baseline and their ratio.

Timing is wall-clock ``perf_counter`` over several runs after one warm-up; the median
is reported, never the best run.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable

import tempfile
from pathlib import Path

from kiz_graph import check, exchange, export, importer, maintenance, seeding, writer
from kiz_graph.check import gather_facts
from kiz_graph.db import Graph
from kiz_graph.rules import evaluate_rule, load_rule_set


def median_seconds(work: Callable[[], object], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def load_demo(graph: Graph, scale: str, runs: int) -> dict:
    """Seeds plus the demo network into an emptied database (the scale the others run on)."""
    times = []
    for _ in range(runs):
        maintenance.delete_data(graph)
        start = time.perf_counter()
        counts = seeding.seed_demo(graph, scale, 1)
        times.append(time.perf_counter() - start)
    return {"scale": scale, "runs": runs, "median_s": statistics.median(times), "rows": counts}


def check_matrix(graph: Graph, runs: int, naive_centres: int | None = None) -> dict:
    """The statewide matrix (all centres by all rules) beside the naive loop that asks the
    database again for every centre and every rule (``naive_centres``: only the first n,
    scaled up, for a quick smoke run)."""
    day = dt.date.today()
    rules = load_rule_set(check.DEFAULT_RULE_SET)
    all_ids = [c.id for c in check.check(graph, as_of=day).centres]
    centre_ids = all_ids[:naive_centres] if naive_centres else all_ids

    def matrix():
        return check.check(graph, as_of=day)

    def naive_loop():
        for centre_id in centre_ids:
            for rule in rules.rules:
                (facts,) = gather_facts(graph, rules, day, centre_id)
                evaluate_rule(rule, rules, facts, day)

    matrix_s = median_seconds(matrix, runs)
    naive_s = median_seconds(naive_loop, max(1, runs // 2)) * len(all_ids) / len(centre_ids)
    return {
        "centres": len(all_ids), "rules": len(rules.rules), "runs": runs,
        "matrix_median_s": matrix_s, "naive_loop_median_s": naive_s,
        "speedup": naive_s / matrix_s, "target_s": 1.0, "target_met": matrix_s < 1.0,
    }


def import_exchange_files(graph: Graph, runs: int, sample_rows: int = 300) -> dict:
    """Importing the exchange files of the loaded scale into a seeded, empty database,
    beside writing a sample of the same rows one by one (each validated and written in a
    transaction of its own), as a naive importer would."""
    with tempfile.TemporaryDirectory() as folder:
        files = export.export(graph, Path(folder), "csv")
        rows = sum(len(records) for records in exchange.read_paths(files).records.values())

        def fresh():
            maintenance.delete_data(graph)
            seeding.seed(graph)

        times = []
        for _ in range(runs):
            fresh()
            start = time.perf_counter()
            importer.import_paths(graph, files)
            times.append(time.perf_counter() - start)
        batched_s = statistics.median(times)

        sample = exchange.read_paths([Path(folder) / "organisations.csv"]).records["organisations"][:sample_rows]
        fresh()
        start = time.perf_counter()
        for record in sample:
            writer.write(graph, {"organisations": [record]})
        row_by_row_per_row = (time.perf_counter() - start) / len(sample)
    batched_per_row = batched_s / rows
    return {
        "rows": rows, "runs": runs, "import_median_s": batched_s, "target_s": 60.0,
        "batched_ms_per_row": batched_per_row * 1000, "row_by_row_sample": len(sample),
        "row_by_row_ms_per_row": row_by_row_per_row * 1000,
        "speedup": row_by_row_per_row / batched_per_row, "target_speedup": 20.0,
        "target_met": batched_s < 60.0 and row_by_row_per_row / batched_per_row >= 20.0,
    }
