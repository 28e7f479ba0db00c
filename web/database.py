"""The app's one Graph (one Neo4j driver per process), created with the app, closed at exit."""

from __future__ import annotations

import atexit

from flask import Flask, current_app

from kiz_graph.store.config import neo4j_settings
from kiz_graph.store.db import Graph

EXTENSION = "kiz_graph"


def init_app(app: Flask) -> None:
    graph = app.config.get("GRAPH")
    if graph is None:
        # A request should fail fast (503) rather than wait out a long retry.
        graph = Graph(neo4j_settings(), max_retry_s=app.config.get("NEO4J_MAX_RETRY_S", 3.0))
        atexit.register(graph.close)
    app.extensions[EXTENSION] = graph


def get_graph() -> Graph:
    return current_app.extensions[EXTENSION]
