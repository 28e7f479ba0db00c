"""Fixtures: a real Neo4j for the whole session, and an empty graph for every test.

Without NEO4J_URI the session starts the project's own Neo4j on a free port with a
temporary data folder. With NEO4J_URI the suite uses that server, and refuses to run if
its database holds data: the tests empty it again and again.
"""

from __future__ import annotations

import pytest

from kiz_graph.store import local_neo4j

from kiz_graph.store import maintenance

from kiz_graph.store import migrations
from kiz_graph.store.config import external_settings
from kiz_graph.store.db import Graph

_schema = {"standard": False}  # whether the database holds exactly the migrated schema


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory):
    external = external_settings()
    if external is not None:
        yield external
        return
    data_dir = tmp_path_factory.mktemp("neo4j")
    local_neo4j.start(data_dir, local_neo4j.free_port(), heap="1g")
    try:
        yield local_neo4j.settings(data_dir)
    finally:
        local_neo4j.stop(data_dir)


@pytest.fixture(scope="session")
def session_graph(neo4j_settings):
    graph = Graph(neo4j_settings, max_retry_s=10)
    try:
        if external_settings() is not None and graph.run_text("MATCH (n) RETURN n LIMIT 1", write=False):
            pytest.exit(f"the test database at {neo4j_settings.uri} holds data; the tests would empty it", 2)
        yield graph
        maintenance.reset(graph)
    finally:
        graph.close()


@pytest.fixture
def empty_graph(session_graph):
    """No data, no schema, no migration history."""
    maintenance.reset(session_graph)
    _schema["standard"] = False
    yield session_graph
    _schema["standard"] = False  # the test may have changed the schema


@pytest.fixture
def graph(session_graph):
    """An empty graph with every migration applied: where most tests start."""
    if _schema["standard"]:
        maintenance.delete_data(session_graph)
    else:
        maintenance.reset(session_graph)
        migrations.migrate(session_graph)
        _schema["standard"] = True
    return session_graph


@pytest.fixture(scope="module")
def module_graph(session_graph):
    """An empty, migrated graph shared by the tests of one module (for costly set-ups)."""
    maintenance.reset(session_graph)
    migrations.migrate(session_graph)
    _schema["standard"] = True
    yield session_graph
    _schema["standard"] = False
