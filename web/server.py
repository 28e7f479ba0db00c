"""``kiz-graph serve``: the app behind waitress, a production WSGI server."""

from __future__ import annotations

from waitress import serve as waitress_serve

from kiz_graph import config
from web import create_app
from web.config import demo_secret_key


def serve(host: str, port: int, demo: bool = False) -> int:
    secret_key = config.secret_key()
    if not secret_key:
        if not demo:
            print("kiz-graph: error: SECRET_KEY is not set (only `--demo` generates one)")
            return 1
        secret_key = demo_secret_key()
    try:
        app = create_app({"SECRET_KEY": secret_key})
    except ValueError as exc:  # a setting in the environment that is no setting
        print(f"kiz-graph: error: {exc}")
        return 1
    print(f"kiz-graph serves on http://{host}:{port}", flush=True)
    waitress_serve(app, host=host, port=port, threads=8, ident="kiz-graph")
    return 0
