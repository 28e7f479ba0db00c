"""The app's one Graph (one Neo4j driver per process), created with the app, closed at exit."""

from __future__ import annotations

import atexit

from flask import Flask, current_app

from kiz_graph.config import neo4j_settings
from kiz_graph.store.db import Database

EXTENSION = "kiz_graph"


def init_app(app: Flask) -> None:
    db = app.config.get("DATABASE")
    if db is None:
        # A request should fail fast (503) rather than wait out a long retry.
        db = Database(neo4j_settings(), max_retry_s=app.config.get("NEO4J_MAX_RETRY_S", 3.0))
        atexit.register(db.close)
    app.extensions[EXTENSION] = db


def get_db() -> Database:
    return current_app.extensions[EXTENSION]
