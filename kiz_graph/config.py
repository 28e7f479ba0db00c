"""The environment, read in one place: where the database is, how the project's own Neo4j
runs, and the web app's secret key and cookie setting.

``NEO4J_URI`` (with ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) names any
Neo4j server or cluster; without it, kiz-graph uses the local instance that
``kiz-graph neo4j start`` runs from its data folder (``KIZ_NEO4J_DATA``, default
``var/neo4j`` in the project) with ``KIZ_NEO4J_HEAP`` and ``KIZ_NEO4J_PAGECACHE_MB``.
The web app reads ``SECRET_KEY``, ``KIZ_HTTPS``, ``KIZ_PROXIES`` (how many reverse proxies
in front of it set ``X-Forwarded-For``), ``KIZ_SESSION_IDLE_MINUTES`` and ``KIZ_SESSION_HOURS``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from kiz_graph.store import local_neo4j
from kiz_graph.store.settings import (DEFAULT_DATABASE, DEFAULT_HEAP, DEFAULT_PAGECACHE_MB, DEFAULT_USER, PROJECT_ROOT,
                                      Neo4jSettings)
from kiz_graph.users.sessions import IDLE, LONGEST, Timeouts

DEFAULT_DATA_DIR = PROJECT_ROOT / "var" / "neo4j"


def data_dir_from_env(environ=os.environ) -> Path:
    value = environ.get("KIZ_NEO4J_DATA")
    return Path(value).resolve() if value else DEFAULT_DATA_DIR


def external_settings(environ=os.environ) -> Neo4jSettings | None:
    """The server named by ``NEO4J_URI``, or None when it is not set."""
    uri = environ.get("NEO4J_URI", "").strip()
    if not uri:
        return None
    return Neo4jSettings(
        uri=uri,
        user=environ.get("NEO4J_USER", DEFAULT_USER),
        password=environ.get("NEO4J_PASSWORD", ""),
        database=environ.get("NEO4J_DATABASE", DEFAULT_DATABASE) or DEFAULT_DATABASE,
    )


def neo4j_settings(environ=os.environ, data_dir: Path | None = None) -> Neo4jSettings:
    """The database every kiz-graph command talks to."""
    return external_settings(environ) or local_neo4j.settings(data_dir or data_dir_from_env(environ))


def local_memory(environ=os.environ) -> tuple[str, int]:
    """Java heap and page cache (MB) of the project's own Neo4j."""
    return environ.get("KIZ_NEO4J_HEAP") or DEFAULT_HEAP, int(environ.get("KIZ_NEO4J_PAGECACHE_MB") or DEFAULT_PAGECACHE_MB)


def secret_key(environ=os.environ) -> str | None:
    return environ.get("SECRET_KEY") or None


def https(environ=os.environ) -> bool:
    """Whether the app is served over https (cookies then travel only there)."""
    return environ.get("KIZ_HTTPS", "").lower() in ("1", "true", "yes")


def proxies(environ=os.environ) -> int:
    """How many reverse proxies in front of the app add ``X-Forwarded-For`` (0: none, the
    client's address is the connection's). Only then is that header believed."""
    return _whole_number(environ, "KIZ_PROXIES", 0)


def session_timeouts(environ=os.environ) -> Timeouts:
    """After how long without a request, and how long after signing in, a session ends."""
    return Timeouts(idle=dt.timedelta(minutes=_whole_number(environ, "KIZ_SESSION_IDLE_MINUTES", IDLE // MINUTE)),
                    longest=dt.timedelta(hours=_whole_number(environ, "KIZ_SESSION_HOURS", LONGEST // HOUR)))


MINUTE, HOUR = dt.timedelta(minutes=1), dt.timedelta(hours=1)


def _whole_number(environ, name: str, default: int) -> int:
    text = environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit():
        raise ValueError(f"{name}={text!r}: eine ganze Zahl ab 0 erwartet")
    return int(text)
