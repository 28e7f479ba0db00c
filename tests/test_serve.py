"""``kiz-graph serve`` as production runs it: gunicorn with several worker processes, each
with its own driver, any of which answers any signed-in request (issue 18)."""

from __future__ import annotations

import http.client
from pathlib import Path

from auth import PASSWORD, add_user

from bench.load import production_server, sign_in
from kiz_graph.exchange import seeding


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux's /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_serve_runs_several_workers_and_any_of_them_knows_the_session(db):
    seeding.seed(db)
    add_user(db, "koordination", "coordination")
    with production_server(db, options=("--workers", "2", "--threads", "2")) as (host, port):
        workers = _children(production_server.pid)
        assert len(workers) == 2
        cookie = sign_in(host, port, "koordination", PASSWORD)
        answers = []
        for _ in range(12):  # a new connection each time: the master hands it to either worker
            connection = http.client.HTTPConnection(host, port, timeout=30)
            connection.request("GET", "/zentren/", headers={"Cookie": cookie})
            response = connection.getresponse()
            answers.append((response.status, "Kreis Unna" in response.read().decode("utf-8")))
            connection.close()
        assert answers == [(200, True)] * 12
        assert sorted(_children(production_server.pid)) == sorted(workers)  # no worker died on the way
