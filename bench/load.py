"""Load: the directory search and a centre's network page under concurrent requests.

The app runs as in production: ``kiz-graph serve`` (gunicorn, a worker per core, a few threads
each) in processes of their own on 127.0.0.1 and a free port, against the benchmark's database.
The clients are threads of this process with one keep-alive connection each (stdlib
``http.client``, sending a browser's Accept-Encoding), all signed in as one coordination user.
A separate server process matters: clients and server in one process would share one
interpreter lock and measure each other.

Each target gets a warm-up visit per URL (the caches are warm), then one client alone, then
``concurrency`` clients at once (see :func:`load`). The directory's baseline is its pages' own
queries over bare Bolt from as many threads; the network page's is one client alone. An error
is a status other than 200 or an exception.
"""

from __future__ import annotations

import http.client
import math
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from bench import memory, pages, suite
from kiz_graph.store import local_neo4j
from kiz_graph.store.db import Database
from web import server

#: Realistic directory searches (web/directory.py's parameters): words that occur in the
#: demo's names, alone and with filters, a person's name and a place.
DIRECTORY_QUERIES = (
    {"q": "schule"},
    {"q": "kita", "typ": "Daycare"},
    {"q": "verein"},
    {"q": "integration", "feld": "bildung"},
    {"q": "müller", "art": "person"},
    {"ort": "Unna", "sprache": "tr"},
)
LOAD_USER = "bench-load"


def load(db: Database, runs: int = 5, *, requests: int = 1000, concurrency: int = 8,
         time_limit_s: float = 60.0, centre: str | None = None) -> dict:
    """Requests per second, p50/p95/p99 and errors per target, beside its baselines.

    The targets: the directory (a visit is one search of :data:`DIRECTORY_QUERIES`, round
    robin) and a centre's network page (a visit is the page, then its drawing's data
    ``zeichnung.json``, as a browser fetches them, with the browser's Accept-Encoding).
    Each target: a warm-up visit per URL (the caches are warm), one client alone (at least
    ``runs`` visits per URL, stopped at a quarter of ``time_limit_s``), then ``requests``
    visits from ``concurrency`` clients, stopped early at ``time_limit_s``. The directory's
    baseline: its pages' own queries (recorded from one request of each through the test
    client) sent over bare Bolt by ``concurrency`` threads of this process, as many and
    within the same limit, before the server starts. Then the network page's sizes, and the
    memory of the server's workers after they served every page of the bench
    (:func:`bench.memory.after_serving`) and of Neo4j.

    ``centre``: whose network page (default: Kreis Unna, ``ki-05978``, else the first
    centre). Writes (or resets) the users ``bench-load`` and ``bench-page`` (role
    coordination) and nothing else.
    """
    centre = centre or _default_centre(db)
    password = suite.bench_user(db, LOAD_USER, "coordination")
    directory_urls = ["/verzeichnis/?" + urlencode(query) for query in DIRECTORY_QUERIES]
    network_visit = [f"/zentren/{centre}/netzwerk", f"/zentren/{centre}/netzwerk/zeichnung.json"]
    targets = {"directory_search": [[url] for url in directory_urls], "network_page": [network_visit]}
    bolt = bare_bolt(db, directory_urls, requests, concurrency, time_limit_s)
    results = []
    with production_server(db) as (host, port):
        cookie = sign_in(host, port, LOAD_USER, password)
        for name, visits in targets.items():
            client = _Client(host, port, cookie)
            try:
                for visit in visits:  # warm-up: query plans, the caches
                    client.visit(visit)
            finally:
                client.close()
            alone = _concurrent(host, port, cookie, visits, max(runs * len(visits), requests // 10), 1,
                                time_limit_s / 4)
            result = {"name": name, "concurrency": concurrency, "visit": "one URL" if name != "network_page"
                      else "the page, then its zeichnung.json",
                      **_concurrent(host, port, cookie, visits, requests, concurrency, time_limit_s)}
            result.update(sequential_requests=alone["requests"], sequential_errors=alone["errors"],
                          sequential_median_ms=alone["p50_ms"], sequential_rps=alone["rps"],
                          throughput_gain=round(result["rps"] / alone["rps"], 2))
            results.append(result)
        by_name = {result["name"]: result for result in results}
        directory = by_name["directory_search"]
        directory.update(bolt=bolt, share_of_bolt=round(directory["rps"] / bolt["rps"], 3))
        directory.update(target_met=directory["share_of_bolt"] >= 0.4 and directory["p99_ms"] <= 300
                         and directory["errors"] == 0,
                         goal_met=directory["share_of_bolt"] >= 0.6 and directory["p99_ms"] <= 150)
        page = by_name["network_page"]
        page.update(sizes=sizes(host, port, cookie, network_visit))
        page.update(target_met=page["throughput_gain"] >= 1.5 and page["sizes"][0]["bytes"] <= 150 * 1024
                    and page["errors"] == 0, goal_met=page["throughput_gain"] >= 1.9)
        used = memory.after_serving(host, port, cookie, production_server.pid,
                                    [["/land/"], ["/zentren/"], *targets["directory_search"], network_visit],
                                    concurrency, _concurrent)
    errors = sum(result["errors"] + result["sequential_errors"] for result in results)
    return {
        "server": f"gunicorn, {server.default_workers()} workers × {server.THREADS} threads", "centre": centre,
        "concurrency": concurrency, "requests_limit": requests, "time_limit_s": time_limit_s,
        "runs": runs, "cache": "warm", "targets": results, "errors": errors, "target_errors": 0,
        "target_met": errors == 0, "memory": {**used, "neo4j": memory.neo4j(db)},
    }


def bare_bolt(db: Database, urls: list[str], requests: int, concurrency: int, time_limit_s: float) -> dict:
    """The queries of each URL's page (recorded from one request through the test client, after
    a warm-up) sent over bare Bolt: ``requests`` pages' worth, round robin, from
    ``concurrency`` threads with sessions of their own, stopped at ``time_limit_s``."""
    client = suite.signed_in_client(db)
    recorded = []
    for url in urls:
        client.get(url)  # warm-up: the place list
        with suite.recorded_queries(db) as queries:
            if client.get(url).status_code != 200:
                raise RuntimeError(f"{url}: no page to record the queries of")
        recorded.append(pages.replayable(queries))

    def open_replayer():
        def replay(queries) -> str | None:
            suite.bare_round_trips(db, queries)
            return None
        return replay, lambda: None

    return {"queries_per_page": [len(queries) for queries in recorded],
            **_run(open_replayer, recorded, requests, concurrency, time_limit_s)}


def sizes(host: str, port: int, cookie: str, urls: list[str]) -> list[dict]:
    """Each URL's answer in bytes as sent to a browser (``encoding``: how it was compressed) and
    as it is (``bytes``)."""
    found = []
    for url in urls:
        measured = {"url": url}
        for accept, key in (("identity", "bytes"), (ACCEPT_ENCODING, "sent_bytes")):
            connection = http.client.HTTPConnection(host, port, timeout=60)
            try:
                connection.request("GET", url, headers={"Cookie": cookie, "Accept-Encoding": accept})
                response = connection.getresponse()
                measured[key] = len(response.read())
                if key == "sent_bytes":
                    measured["encoding"] = response.getheader("Content-Encoding") or "none"
            finally:
                connection.close()
        found.append(measured)
    return found


def _default_centre(db: Database) -> str:
    centres = [row["id"] for row in db.read("check/facts/centres", centre=None)]
    if not centres:
        raise RuntimeError("no centre in the database: load the seeds first")
    return "ki-05978" if "ki-05978" in centres else centres[0]


# The server ----------------------------------------------------------------------------


@contextmanager
def production_server(db: Database, *, start_timeout_s: float = 60.0,
                      options: tuple[str, ...] = ()) -> Iterator[tuple[str, int]]:
    """``kiz-graph serve`` (with ``options``) in a child process against ``db``'s database:
    (host, port); the process id is ``production_server.pid`` while it runs."""
    host, port = "127.0.0.1", local_neo4j.free_port()
    settings = db.settings
    env = {**os.environ, "SECRET_KEY": secrets.token_hex(32), "NEO4J_URI": settings.uri,
           "NEO4J_USER": settings.user, "NEO4J_PASSWORD": settings.password, "NEO4J_DATABASE": settings.database}
    env.pop("KIZ_HTTPS", None)  # plain http on loopback: the session cookie must not be Secure
    command = [sys.executable, "-c", "import sys; from kiz_graph.cli import main; sys.exit(main(sys.argv[1:]))",
               "serve", "--host", host, "--port", str(port), *options]
    # A file, not a pipe, for the server's output: a full pipe would stall the server.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_serving(process, host, port, start_timeout_s, log)
            production_server.pid = process.pid
            yield host, port
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_serving(process: subprocess.Popen, host: str, port: int, timeout_s: float, log) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the server stopped (exit {process.returncode}): {log.read().decode(errors='replace')}")
        connection = http.client.HTTPConnection(host, port, timeout=5)
        try:
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer on {host}:{port} within {timeout_s:.0f} s")


# Clients -------------------------------------------------------------------------------


def sign_in(host: str, port: int, username: str, password: str) -> str:
    """Sign in through the real form (CSRF token included); the Cookie header of the session."""
    cookies = SimpleCookie()

    def remember(response) -> None:
        for header in response.headers.get_all("Set-Cookie") or ():
            cookies.load(header)

    def cookie_header() -> str:
        return "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())

    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("GET", "/anmelden")
        response = connection.getresponse()
        page = response.read().decode("utf-8")
        remember(response)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        if token is None:
            raise RuntimeError("the sign-in page has no CSRF token")
        form = urlencode({"csrf_token": token.group(1), "username": username, "password": password})
        connection.request("POST", "/anmelden", body=form, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header()})
        response = connection.getresponse()
        response.read()
        remember(response)
        if response.status not in (302, 303):
            raise RuntimeError(f"sign-in failed: HTTP {response.status}")
        # The first page after signing in stores a new CSRF token in the session (a new
        # cookie); take it now, so that the measured requests all send the same session.
        connection.request("GET", "/", headers={"Cookie": cookie_header()})
        response = connection.getresponse()
        response.read()
        remember(response)
    finally:
        connection.close()
    return cookie_header()


#: What Chromium sends: the drawing's data comes compressed as a browser gets it.
ACCEPT_ENCODING = "gzip, deflate, br, zstd"


class _Client:
    """One keep-alive connection that sends the session cookie and accepts what a browser accepts."""

    def __init__(self, host: str, port: int, cookie: str) -> None:
        self.host, self.port, self.cookie = host, port, cookie
        self.connection: http.client.HTTPConnection | None = None

    def get(self, url: str) -> int:
        """The status; 0 for an exception (the connection is then renewed)."""
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
            self.connection.request("GET", url, headers={"Cookie": self.cookie, "Accept-Encoding": ACCEPT_ENCODING})
            response = self.connection.getresponse()
            response.read()
            return response.status
        except (OSError, http.client.HTTPException):
            self.close()
            return 0

    def visit(self, urls: list[str]) -> str | None:
        """The URLs one after the other, as a browser opens a page; what failed, or None."""
        for url in urls:
            status = self.get(url)
            if status != 200:
                return f"{status or 'exception'} {url}"
        return None

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _concurrent(host: str, port: int, cookie: str, visits: list[list[str]], requests: int, concurrency: int,
                time_limit_s: float) -> dict:
    """``requests`` visits (round robin over ``visits``, each a page and what it fetches) from
    ``concurrency`` clients with a connection each, stopped at the time limit."""
    def open_client():
        client = _Client(host, port, cookie)
        return client.visit, client.close

    return {"urls": [" + ".join(visit) for visit in visits],
            **_run(open_client, visits, requests, concurrency, time_limit_s)}


def _run(open_client, items: list, requests: int, concurrency: int, time_limit_s: float) -> dict:
    """``requests`` pieces of work (round robin over ``items``) from ``concurrency`` threads, stopped
    at the time limit. ``open_client()`` gives each thread ``(work, close)``; ``work(item)`` returns
    what failed or None. Rates, percentiles (ms) and errors."""
    lock = threading.Lock()
    sent = 0
    times: list[float] = []
    failures: list[str] = []
    start = time.perf_counter()
    deadline = start + time_limit_s

    def worker() -> None:
        nonlocal sent
        work, close = open_client()
        try:
            while True:
                with lock:
                    if sent >= requests or time.perf_counter() >= deadline:
                        return
                    item = items[sent % len(items)]
                    sent += 1
                began = time.perf_counter()
                try:
                    failure = work(item)
                except Exception as exc:  # noqa: BLE001 - counted as an error, the run goes on
                    failure = f"{type(exc).__name__}: {exc}"
                seconds = time.perf_counter() - began
                with lock:
                    times.append(seconds)
                    if failure is not None:
                        failures.append(failure)
        finally:
            close()

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for future in [pool.submit(worker) for _ in range(concurrency)]:
            future.result()
    duration = time.perf_counter() - start
    ordered = sorted(times)
    return {
        "requests": len(times), "errors": len(failures), "error_samples": failures[:5],
        "stopped_by": "count" if len(times) >= requests else "time", "duration_s": round(duration, 3),
        "rps": round(len(times) / duration, 1),
        "p50_ms": round(percentile(ordered, 50) * 1000, 2), "p95_ms": round(percentile(ordered, 95) * 1000, 2),
        "p99_ms": round(percentile(ordered, 99) * 1000, 2), "max_ms": round(ordered[-1] * 1000, 2),
    }


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted values (so p50 <= p95 <= p99 always holds)."""
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]
