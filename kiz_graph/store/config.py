"""Where kiz-graph finds its database: one place that reads the environment.

``NEO4J_URI`` (with ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) names any
Neo4j server or cluster; without it, kiz-graph uses the local instance that
``kiz-graph neo4j start`` runs from its data folder (``KIZ_NEO4J_DATA``, default
``var/neo4j`` in the project).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = PROJECT_ROOT / "var" / "neo4j"
DEFAULT_DATABASE = "neo4j"
DEFAULT_USER = "neo4j"
DEFAULT_PORT = 7687


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    user: str
    password: str
    database: str = DEFAULT_DATABASE
    local_data_dir: Path | None = None  # set when the project's own Neo4j is meant

    @property
    def is_local(self) -> bool:
        return self.local_data_dir is not None


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
    external = external_settings(environ)
    if external is not None:
        return external
    from kiz_graph.store import local_neo4j  # local only when no NEO4J_URI

    return local_neo4j.settings(data_dir or data_dir_from_env(environ))
