"""The pages people wait for, as the app makes them: the statewide page (``/land/``), the list
of centres (``/zentren/``) and the directory narrowed by filters only.

Each page is requested through the Flask test client of the real app in this process, signed
in as a coordination office user: its time is the request's whole time in the app (routing,
sign-in check, the core's work, the template), without HTTP or a network. Medians of several
runs after a warm-up request.

- *warm*: the data has not changed since the last request, so the page's cached figures are
  used (``kiz_graph.store.versions``);
- *first visit after a change*: the data's version is renewed before each run (outside the
  timing, as any write renews it), so the page computes everything again: the uncached path
  and the warm figure's baseline. Its own baseline is the bare Bolt round trips of the very
  queries such a visit sends (recorded from one);
- the directory's baseline is the bare Bolt round trip of its own search query.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from bench import suite
from kiz_graph.store import versions
from kiz_graph.store.db import Database, cypher

#: The directory narrowed by filters only (no name): a place and a language.
DIRECTORY_FILTERS = {"ort": "Unna", "sprache": "tr"}
WARM_RUNS = 10  # at least this many warm runs: each takes milliseconds


def pages(db: Database, runs: int) -> dict:
    """``/land/`` and ``/zentren/`` warm and after a change, and the filtered directory."""
    client = suite.signed_in_client(db)
    return {
        "server": "Flask test client in the bench's process: the request's time in the app",
        "runs": runs, "warm_runs": max(runs, WARM_RUNS),
        "land": cached_page(db, client, "/land/", runs, target_warm_s=0.5, goal_warm_s=0.15, target_first_s=4.0),
        "centres": cached_page(db, client, "/zentren/", runs, target_warm_s=0.2, goal_warm_s=0.05),
        "directory": directory(db, client, runs),
    }


def _get(client, url: str) -> int:
    """The page's size in bytes; an error unless it answered 200."""
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}")
    return len(response.get_data())


def replayable(queries: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """The recorded read queries (a session's occasional "last seen" write left out)."""
    touch = cypher("users/session_touch")
    return [(text, params) for text, params in queries if text != touch]


def cached_page(db: Database, client, url: str, runs: int, *, target_warm_s: float, goal_warm_s: float,
                target_first_s: float | None = None) -> dict:
    """One page warm beside its first visit after a change; that visit beside its queries' round trips."""
    def first_visit() -> float:
        versions.renew(db)  # a change, as far as every cache knows: the page computes again
        start = time.perf_counter()
        _get(client, url)
        return time.perf_counter() - start

    size = _get(client, url)  # warm-up (query plans, the templates)
    first_s = suite.median_of(first_visit, runs)
    versions.renew(db)
    with suite.recorded_queries(db) as queries:
        _get(client, url)
    queries = replayable(queries)
    bolt_s = suite.median_seconds(lambda: suite.bare_round_trips(db, queries), runs)
    warm_s = suite.median_seconds(lambda: _get(client, url), max(runs, WARM_RUNS))
    result = {
        "url": url, "bytes": size, "warm_median_s": warm_s, "first_visit_median_s": first_s,
        "warm_speedup": first_s / warm_s, "target_warm_s": target_warm_s, "goal_warm_s": goal_warm_s,
        "target_warm_met": warm_s <= target_warm_s, "goal_warm_met": warm_s <= goal_warm_s,
        "queries": len(queries), "query_names": suite.query_names(queries), "bolt_round_trips_median_s": bolt_s, "first_over_bolt": first_s / bolt_s,
    }
    if target_first_s is not None:
        result.update(target_first_s=target_first_s, target_first_met=first_s <= target_first_s)
    return result


def directory(db: Database, client, runs: int, filters: dict | None = None) -> dict:
    """The directory page narrowed by filters only, beside its search query's bare round trip."""
    url = "/verzeichnis/?" + urlencode(filters or DIRECTORY_FILTERS)
    _get(client, url)  # warm-up: the place list, query plans
    with suite.recorded_queries(db) as queries:
        _get(client, url)
    queries = replayable(queries)
    search = [query for query in queries if query[0] == cypher("records/search/directory")]
    if len(search) != 1:
        raise RuntimeError(f"{url}: {len(search)} directory queries recorded, expected one")
    rows = len(db.run_text(search[0][0], search[0][1], write=False))
    page_s = suite.median_seconds(lambda: _get(client, url), max(runs, WARM_RUNS))
    bolt_s = suite.median_seconds(lambda: suite.bare_round_trips(db, search), max(runs, WARM_RUNS))
    return {
        "url": url, "rows": rows, "queries": len(queries), "query_names": suite.query_names(queries),
        "page_median_s": page_s,
        "bolt_round_trip_median_s": bolt_s, "ratio": page_s / bolt_s,
        "target_s": 0.04, "goal_s": 0.015, "target_met": page_s <= 0.04, "goal_met": page_s <= 0.015,
    }
