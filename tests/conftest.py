"""Fixtures: a real Neo4j for the whole session, and an empty graph for every test; the web
app over it, a client, sign-in, and a signed-in client per role (helpers in auth.py).

Without NEO4J_URI the session starts the project's own Neo4j on a free port with a
temporary data folder, and talks to it through a routing ``neo4j://`` URI, as to a cluster
or Aura: the driver asks the server for its routing table and sends reads and writes where
it says (here, to itself). So a cluster stays a matter of configuration. With NEO4J_URI the suite uses that server, and refuses to run if
its database holds data: the tests empty it again and again.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from argon2 import PasswordHasher
from auth import AuthActions, make_app, signed_in, user_for

from kiz_graph import users
from kiz_graph.config import external_settings
from kiz_graph.store import local_neo4j, maintenance, migrations
from kiz_graph.store.db import Database

_schema = {"standard": False}  # whether the database holds exactly the migrated schema

# The files that take longest, longest first. `make test` hands files out in the order of the
# collection (`--dist loadfile --no-loadscope-reorder`), so these start early and no worker is
# still busy with a long file at the end while the other one has nothing left to do. The
# other files follow, those with more tests first (xdist's own order).
LONGEST_FILES = (
    "test_import_atomic.py",
    "test_local_neo4j.py",
    "test_import_export.py",
    "test_write_safety.py",
    "test_network_export.py",
    "test_check.py",
    "test_bench_smoke.py",
    "test_seeds.py",
    "test_demo.py",
    "test_wheel.py",
)


def pytest_collection_modifyitems(items):
    rank = {name: place for place, name in enumerate(LONGEST_FILES)}
    tests = Counter(item.path.name for item in items)
    # sorted() is stable: the tests of a file keep their order
    items[:] = sorted(items, key=lambda item: (rank.get(item.path.name, len(rank)), -tests[item.path.name],
                                                 str(item.path)))


# Password hashes at a test's cost. argon2 at the app's parameters (PasswordHasher()'s: 64 MiB,
# three passes) takes a quarter of a second or more per new user and per sign-in on two busy
# cores, and the suite creates users and signs in again and again. The app keeps them:
# test_users.py checks the stored hashes with the fixture ``production_password_hashes``.
QUICK_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashes():
    production = users._hasher
    users._hasher = QUICK_HASHER
    yield production
    users._hasher = production


@pytest.fixture
def production_password_hashes(quick_password_hashes):
    """The app's own password hashing, for a test that checks it."""
    users._hasher = quick_password_hashes
    yield quick_password_hashes
    users._hasher = QUICK_HASHER


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory):
    external = external_settings()
    if external is not None:
        yield external
        return
    data_dir = tmp_path_factory.mktemp("neo4j")
    local_neo4j.start(data_dir, local_neo4j.free_port(), heap="1g")
    settings = local_neo4j.settings(data_dir)
    try:
        yield dataclasses.replace(settings, uri=settings.uri.replace("bolt://", "neo4j://", 1))
    finally:
        local_neo4j.stop(data_dir)


@pytest.fixture(scope="session")
def session_db(neo4j_settings):
    db = Database(neo4j_settings, max_retry_s=10)
    try:
        if external_settings() is not None and db.run_text("MATCH (n) RETURN n LIMIT 1", write=False):
            pytest.exit(f"the test database at {neo4j_settings.uri} holds data; the tests would empty it", 2)
        yield db
        maintenance.reset(db)
    finally:
        db.close()


@pytest.fixture
def empty_db(session_db):
    """No data, no schema, no migration history."""
    maintenance.reset(session_db)
    _schema["standard"] = False
    yield session_db
    _schema["standard"] = False  # the test may have changed the schema


@pytest.fixture
def db(session_db):
    """An empty graph with every migration applied: where most tests start."""
    if _schema["standard"]:
        maintenance.delete_data(session_db)
    else:
        maintenance.reset(session_db)
        migrations.migrate(session_db)
        _schema["standard"] = True
    return session_db


@pytest.fixture(scope="module")
def module_db(session_db):
    """An empty, migrated graph shared by the tests of one module (for costly set-ups)."""
    maintenance.reset(session_db)
    migrations.migrate(session_db)
    _schema["standard"] = True
    yield session_db
    _schema["standard"] = False


# The web app (Flask's tutorial: app, client, auth). A module may override ``app`` with one
# over its own graph: ``client``, ``auth`` and ``client_for`` then use that one.

@pytest.fixture
def app(db):
    return make_app(db)


@pytest.fixture
def client(app):
    """A client of the app, signed in as nobody."""
    return app.test_client()


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def client_for(app):
    """``client_for(role, centre=None)``: a new client of the app, signed in as the test user of
    ``role`` ("coordination", "partner", or "centre_staff" of ``centre``), created on first use."""
    return lambda role, centre=None: signed_in(app, user_for(app.config["DATABASE"], role, centre))
