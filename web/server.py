"""``kiz-graph serve``: the app behind gunicorn, several worker processes with a few threads each.

Each worker builds its own app, and so its own Neo4j driver, after the fork (the app is not
preloaded in the master): a driver's connections are never shared between processes. The
workers share nothing else they need to: sessions, sign-in counters and the data's version
live in the graph, so any worker answers any request.
"""

from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication

from kiz_graph import config
from web import create_app
from web.config import demo_secret_key, from_env

THREADS = 4  # per worker: requests mostly wait on Neo4j, so a few threads keep a core busy


def default_workers() -> int:
    """One worker per core the process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict, secret_key: str):
        self.options, self.secret_key = options, secret_key
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self):  # in each worker, after the fork
        return create_app({"SECRET_KEY": self.secret_key})


def serve(host: str, port: int, demo: bool = False, workers: int | None = None, threads: int = THREADS) -> int:
    secret_key = config.secret_key()
    if not secret_key:
        if not demo:
            print("kiz-graph: error: SECRET_KEY is not set (only `--demo` generates one)")
            return 1
        secret_key = demo_secret_key()
    try:
        from_env()  # a wrong setting is said here once, not by every worker failing to start
    except ValueError as exc:
        print(f"kiz-graph: error: {exc}")
        return 1
    workers = workers or default_workers()
    print(f"kiz-graph serves on http://{host}:{port} ({workers} processes, {threads} threads each)", flush=True)
    _Gunicorn({
        "bind": f"{host}:{port}", "workers": workers, "threads": threads, "worker_class": "gthread",
        "preload_app": False, "timeout": 120, "graceful_timeout": 20, "proc_name": "kiz-graph",
        "accesslog": None, "errorlog": "-", "loglevel": "warning",
    }, secret_key).run()
    return 0
