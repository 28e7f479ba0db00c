"""Load: the directory search and a centre's network page under concurrent requests.

The app runs as in production: ``kiz-graph serve`` (gunicorn, a worker per core) in processes of
their own on 127.0.0.1 and a free port, against the benchmark's database. The clients are
threads of this process with one keep-alive connection each (stdlib ``http.client``), all
signed in as one coordination user. A separate server process matters: clients and server
in one process would share one interpreter lock and measure each other.

Each target (the directory with a few searches, one centre's network page) gets a warm-up
request per URL (so the server's layout cache is warm), a sequential single-client baseline
of ``runs`` requests per URL, then ``requests`` concurrent requests from ``concurrency``
clients, stopped early at ``time_limit_s``. An error is a status other than 200 or an
exception.
"""

from __future__ import annotations

import http.client
import math
import os
import re
import secrets
import statistics
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

from kiz_graph import users
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
    """Requests per second, p50/p95/p99 and errors per target, beside a sequential baseline.

    ``runs``: sequential baseline requests per URL; ``requests`` and ``time_limit_s`` bound
    each target's concurrent phase (whichever comes first); ``centre``: whose network page
    (default: Kreis Unna, ``ki-05978``, else the first centre). Writes (or resets) the user
    ``bench-load`` (role coordination) and nothing else.
    """
    centre = centre or _default_centre(db)
    password = bench_user(db, LOAD_USER, "coordination")
    targets = {
        "directory_search": ["/verzeichnis/?" + urlencode(query) for query in DIRECTORY_QUERIES],
        "network_page": [f"/zentren/{centre}/netzwerk"],
    }
    results = []
    with production_server(db) as (host, port):
        cookie = sign_in(host, port, LOAD_USER, password)
        for name, urls in targets.items():
            client = _Client(host, port, cookie)
            try:
                for url in urls:  # warm-up: query plans, the layout cache
                    client.get(url)
                sequential = [client.get(url) for _ in range(runs) for url in urls]
            finally:
                client.close()
            result = {"name": name, "concurrency": concurrency,
                      **_concurrent(host, port, cookie, urls, requests, concurrency, time_limit_s)}
            sequential_ms = statistics.median(seconds for _, seconds in sequential) * 1000
            result.update(sequential_requests=len(sequential),
                          sequential_errors=sum(status != 200 for status, _ in sequential),
                          sequential_median_ms=round(sequential_ms, 2),
                          sequential_rps=round(1000 / sequential_ms, 1),
                          throughput_gain=round(result["rps"] * sequential_ms / 1000, 2))
            results.append(result)
    errors = sum(result["errors"] + result["sequential_errors"] for result in results)
    return {
        "server": f"gunicorn, {server.default_workers()} workers × {server.THREADS} threads", "centre": centre,
        "concurrency": concurrency, "requests_limit": requests, "time_limit_s": time_limit_s,
        "runs": runs, "cache": "warm", "targets": results, "errors": errors, "target_errors": 0,
        "target_met": errors == 0,
    }


def _default_centre(db: Database) -> str:
    centres = [row["id"] for row in db.read("check/facts/centres", centre=None)]
    if not centres:
        raise RuntimeError("no centre in the database: load the seeds first")
    return "ki-05978" if "ki-05978" in centres else centres[0]


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


class _Client:
    """One keep-alive connection that sends the session cookie."""

    def __init__(self, host: str, port: int, cookie: str) -> None:
        self.host, self.port, self.cookie = host, port, cookie
        self.connection: http.client.HTTPConnection | None = None

    def get(self, url: str) -> tuple[int, float]:
        """(status, seconds); status 0 for an exception (the connection is then renewed)."""
        start = time.perf_counter()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
            self.connection.request("GET", url, headers={"Cookie": self.cookie})
            response = self.connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            self.close()
            status = 0
        return status, time.perf_counter() - start

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _concurrent(host: str, port: int, cookie: str, urls: list[str], requests: int, concurrency: int,
                time_limit_s: float) -> dict:
    """``requests`` GETs (round robin over ``urls``) from ``concurrency`` clients, stopped at the time limit."""
    lock = threading.Lock()
    sent = 0
    times: list[float] = []
    failures: list[str] = []
    start = time.perf_counter()
    deadline = start + time_limit_s

    def worker() -> None:
        nonlocal sent
        client = _Client(host, port, cookie)
        try:
            while True:
                with lock:
                    if sent >= requests or time.perf_counter() >= deadline:
                        return
                    url = urls[sent % len(urls)]
                    sent += 1
                status, seconds = client.get(url)
                with lock:
                    times.append(seconds)
                    if status != 200:
                        failures.append(f"{status or 'exception'} {url}")
        finally:
            client.close()

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for future in [pool.submit(worker) for _ in range(concurrency)]:
            future.result()
    duration = time.perf_counter() - start
    ordered = sorted(times)
    return {
        "urls": urls, "requests": len(times), "errors": len(failures), "error_samples": failures[:5],
        "stopped_by": "count" if len(times) >= requests else "time", "duration_s": round(duration, 3),
        "rps": round(len(times) / duration, 1),
        "p50_ms": round(percentile(ordered, 50) * 1000, 2), "p95_ms": round(percentile(ordered, 95) * 1000, 2),
        "p99_ms": round(percentile(ordered, 99) * 1000, 2), "max_ms": round(ordered[-1] * 1000, 2),
    }


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of sorted values (so p50 <= p95 <= p99 always holds)."""
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]
