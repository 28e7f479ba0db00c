"""The benchmarks. Each returns a dict of medians (seconds) with its baseline and their ratio.

Timing is wall-clock ``perf_counter`` over several runs after one warm-up; the median
is reported, never the best run.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import neo4j
from neo4j.exceptions import Neo4jError

from kiz_graph import users
from kiz_graph.check import requirement
from kiz_graph.check.requirement import gather_facts
from kiz_graph.check.rules import evaluate_rule, in_force
from kiz_graph.exchange import export, formats, importer, seeding
from kiz_graph.network import analytics, page as pages, read
from kiz_graph.records import writer
from kiz_graph.store import maintenance, versions
from kiz_graph.store.db import Database, cypher, is_out_of_memory


def median_seconds(work: Callable[[], object], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_of(timed: Callable[[], float], runs: int) -> float:
    """The median of what ``timed`` returns (seconds it measured itself, e.g. after a set-up)."""
    return statistics.median(timed() for _ in range(runs))


def load_demo(db: Database, scale: str, runs: int) -> dict:
    """Seeds plus the demo network into an emptied database (the scale the others run on)."""
    times = []
    for _ in range(runs):
        maintenance.delete_data(db)
        start = time.perf_counter()
        counts = seeding.seed_demo(db, scale, 1)
        times.append(time.perf_counter() - start)
    return {"scale": scale, "runs": runs, "median_s": statistics.median(times), "rows": counts}


def check_matrix(db: Database, runs: int, naive_centres: int | None = None) -> dict:
    """The statewide matrix (all centres by all rules) beside the naive loop that asks the
    database again for every centre and every rule (``naive_centres``: only the first n,
    scaled up, for a quick smoke run)."""
    day = dt.date.today()
    rules = in_force(day)
    all_ids = [c.id for c in requirement.check(db, as_of=day).centres]
    centre_ids = all_ids[:naive_centres] if naive_centres else all_ids

    def matrix():
        return requirement.check(db, as_of=day)

    def naive_loop():
        for centre_id in centre_ids:
            for rule in rules.rules:
                (facts,) = gather_facts(db, rules, day, centre_id)
                evaluate_rule(rule, rules, facts, day)

    matrix_s = median_seconds(matrix, runs)
    naive_s = median_seconds(naive_loop, max(1, runs // 2)) * len(all_ids) / len(centre_ids)
    return {
        "centres": len(all_ids), "rules": len(rules.rules), "runs": runs,
        "matrix_median_s": matrix_s, "naive_loop_median_s": naive_s,
        "speedup": naive_s / matrix_s, "target_s": 0.4, "target_met": matrix_s <= 0.4,
        "goal_s": 0.15, "goal_speedup": 50.0, "goal_met": matrix_s <= 0.15 and naive_s / matrix_s >= 50.0,
    }


def import_exchange_files(db: Database, runs: int, sample_rows: int = 300) -> dict:
    """Importing the exchange files of the loaded scale into a seeded, empty database,
    beside writing a sample of the same rows one by one (each validated and written in a
    transaction of its own), as a naive importer would."""
    with tempfile.TemporaryDirectory() as folder:
        files = export.export(db, Path(folder), "csv")
        rows = sum(len(records) for records in formats.read_paths(files).records.values())

        def fresh():
            maintenance.delete_data(db)
            seeding.seed(db)

        times = []
        for _ in range(runs):
            fresh()
            start = time.perf_counter()
            try:
                importer.import_paths(db, files)
            except Neo4jError as exc:  # one transaction: a scale may not fit the server's heap
                if not is_out_of_memory(exc):
                    raise
                return {"rows": rows, "runs": runs, "refused_after_s": time.perf_counter() - start,
                        "refused": "too large for one transaction"}
            times.append(time.perf_counter() - start)
        batched_s = statistics.median(times)

        sample = formats.read_paths([Path(folder) / "organisations.csv"]).records["organisations"][:sample_rows]
        fresh()
        start = time.perf_counter()
        for record in sample:
            writer.write(db, {"organisations": [record]})
        row_by_row_per_row = (time.perf_counter() - start) / len(sample)
    batched_per_row = batched_s / rows
    return {
        "rows": rows, "runs": runs, "import_median_s": batched_s, "target_s": 60.0,
        "batched_ms_per_row": batched_per_row * 1000, "row_by_row_sample": len(sample),
        "row_by_row_ms_per_row": row_by_row_per_row * 1000,
        "speedup": row_by_row_per_row / batched_per_row, "target_speedup": 20.0,
        "target_met": batched_s < 60.0 and row_by_row_per_row / batched_per_row >= 20.0,
    }


# The web app and the analytics ---------------------------------------------------------------

PAGE_USER = "bench-page"


def bench_user(db: Database, username: str, role: str, centres=()) -> str:
    """Create the user, or reset an existing one to this role, unlocked and enabled, with a
    new password; returns the password."""
    password = secrets.token_urlsafe(18)
    if users.get_user(db, username) is None:
        users.create_user(db, username, password, role, display_name="Benchmark", centres=centres)
    else:
        users.set_role(db, username, role, centres)
        users.set_password(db, username, password)
        users.enable(db, username)
    return password


def signed_in_client(db: Database):
    """A test client of the real app, signed in as a coordination office user."""
    from web import create_app

    password = bench_user(db, PAGE_USER, "coordination")
    app = create_app({"SECRET_KEY": "bench", "DATABASE": db, "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    response = client.post("/anmelden", data={"username": PAGE_USER, "password": password})
    if response.status_code != 302:
        raise RuntimeError(f"bench sign-in failed: {response.status_code}")
    return client


@contextmanager
def recorded_queries(db: Database):
    """Every (Cypher text, parameters) the code inside the ``with`` sends, in order. Each query
    runs in a managed transaction (the driver's ``execute_query`` too), whose ``run`` is wrapped."""
    found: list[tuple[str, dict]] = []
    tx_run = neo4j.ManagedTransaction.run

    def recording_run(self, query, parameters=None, **kwparameters):
        found.append((query, {**(parameters or {}), **kwparameters}))
        return tx_run(self, query, parameters, **kwparameters)

    neo4j.ManagedTransaction.run = recording_run
    try:
        yield found
    finally:
        neo4j.ManagedTransaction.run = tx_run


def query_names(queries: list[tuple[str, dict]]) -> list[str]:
    """The ``cypher/`` names of recorded queries (their text where no file has it)."""
    root = Path(str(importlib.resources.files("cypher")))
    names = {path.read_text(encoding="utf-8"): str(path.relative_to(root).with_suffix(""))
             for path in root.rglob("*.cypher")}
    return [names.get(text, text[:60]) for text, _ in queries]


def bare_round_trips(db: Database, queries: list[tuple[str, dict]]) -> None:
    """Each query sent over Bolt once more and its records fetched, nothing else done."""
    with db.driver.session(database=db.database, default_access_mode=neo4j.READ_ACCESS) as session:
        for query, params in queries:
            list(session.run(query, params))


def network_page(db: Database, runs: int, centre: str = "ki-05978") -> dict:
    """The centre's network page (graph, layout, check, analysis, HTML) as the server makes
    it, beside the bare Bolt round trips of the very queries it sends (recorded from one
    request). Each request follows a renewal of the data's version, so the page is computed
    rather than taken from its cache; the layout cache is warm after the warm-up request
    (the network's fingerprint is unchanged), as it is for a visited page."""
    client = signed_in_client(db)
    url = f"/zentren/{centre}/netzwerk"

    def page():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code}")

    def changed_page():
        versions.renew(db)  # the data changed, as far as the page's cache knows: it computes again
        page()

    page()
    versions.renew(db)
    with recorded_queries(db) as queries:
        page()
    page_s = median_seconds(changed_page, runs)
    bolt_s = median_seconds(lambda: bare_round_trips(db, queries), runs)
    ratio = page_s / bolt_s
    return {"centre": centre, "runs": runs, "queries": len(queries), "page_median_s": page_s,
            "bolt_round_trips_median_s": bolt_s, "ratio": ratio, "target_ratio": 4.0, "target_met": ratio <= 4.0}


def analytics_times(db: Database, runs: int, centre: str = "ki-05978") -> dict:
    """The analysis of one centre and of the whole state, and building the state's networkx
    graph beside merely streaming the same two queries' results in one transaction."""
    day = dt.date.today()

    def stream_rows():
        def work(tx):
            rows = sum(1 for _ in tx.run(cypher("network/read/nodes"), {"centre": None, "day": day}))
            return rows + sum(1 for _ in tx.run(cypher("network/read/edges"), {"centre": None, "day": day, "ids": []}))
        return db.read_transaction(work)

    g = read.network(db, day)
    build_s = median_seconds(lambda: read.network(db, day), runs)
    stream_s = median_seconds(stream_rows, runs)
    return {
        "centre": centre, "runs": runs, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
        "centre_analysis_median_s": median_seconds(lambda: pages.network_page(db, centre, day).analysis, runs),
        "statewide_analysis_median_s": median_seconds(lambda: analytics.statewide_analysis(db, day), runs),
        "build_graph_median_s": build_s, "stream_rows_median_s": stream_s, "build_over_stream": build_s / stream_s,
    }
