"""Where a Neo4j server is and how to sign in to it: plain values, read from nowhere.

``kiz_graph.config`` fills them from the environment; ``local_neo4j`` from the data folder of
the project's own server.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATABASE = "neo4j"
DEFAULT_USER = "neo4j"
DEFAULT_PORT = 7687
DEFAULT_HEAP = "2g"
DEFAULT_PAGECACHE_MB = 512


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
