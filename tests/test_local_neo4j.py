"""The project's own Neo4j: start, status, stop, errors, and the NEO4J_URI path."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from auth import make_app

from kiz_graph.store import local_neo4j
from kiz_graph.store.db import Database


def kiz(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a child process."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "kiz_graph.cli", *args],
        capture_output=True, text=True, env=full_env, timeout=300,
    )


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "neo4j-data"
    yield path
    local_neo4j.stop(path)  # never leave a server behind, whatever the test did


def test_lifecycle_keeps_data_and_the_app_survives_an_outage(data_dir):
    port = local_neo4j.free_port()

    started = kiz("neo4j", "start", "--data", str(data_dir), "--port", str(port))
    assert started.returncode == 0, started.stderr
    assert f"running: bolt://127.0.0.1:{port}" in started.stdout
    assert oct((data_dir / "password").stat().st_mode & 0o777) == "0o600"

    again = kiz("neo4j", "start", "--data", str(data_dir), "--port", str(port))
    assert again.returncode == 0 and "already running" in again.stdout

    status = kiz("neo4j", "status", "--data", str(data_dir))
    assert status.returncode == 0 and "running" in status.stdout

    env = kiz("neo4j", "env", "--data", str(data_dir))
    lines = dict(line.split("=", 1) for line in env.stdout.splitlines())
    assert lines["NEO4J_URI"] == f"bolt://127.0.0.1:{port}"
    assert lines["NEO4J_USER"] == "neo4j"
    assert lines["NEO4J_PASSWORD"] == (data_dir / "password").read_text().strip()

    db = Database(local_neo4j.settings(data_dir), max_retry_s=1)
    client = make_app(db).test_client()
    try:
        db.run_text("CREATE (:Centre {id: 'ki-test', name: 'KI Test'})", write=True)
        assert client.get("/").status_code == 200

        # --data names this local instance: it stops even while NEO4J_URI names another server.
        stopped = kiz("neo4j", "stop", "--data", str(data_dir), env={"NEO4J_URI": "bolt://127.0.0.1:9"})
        assert stopped.returncode == 0 and "stopped" in stopped.stdout
        assert kiz("neo4j", "status", "--data", str(data_dir)).returncode != 0

        # While the database is down: a German 503 page, no stack trace.
        down = client.get("/")
        assert down.status_code == 503
        page = down.get_data(as_text=True)
        assert "Die Datenbank ist gerade nicht erreichbar" in page and "Traceback" not in page
        assert client.get("/healthz").status_code == 503

        assert kiz("neo4j", "start", "--data", str(data_dir), "--port", str(port)).returncode == 0
        # The same app recovers by itself, and the data survived the restart.
        assert client.get("/healthz").status_code == 200
        assert client.get("/").status_code == 200
        rows = db.run_text("MATCH (c:Centre {id: 'ki-test'}) RETURN c.name AS name", write=False)
        assert rows == [{"name": "KI Test"}]
    finally:
        db.close()


def test_a_taken_port_is_named_and_nothing_starts(data_dir):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = kiz("neo4j", "start", "--data", str(data_dir), "--port", str(port))
    assert result.returncode == 1
    assert f"port {port} on 127.0.0.1 is taken" in result.stderr
    assert "log:" in result.stderr and "Traceback" not in result.stderr
    assert not local_neo4j.status(data_dir).running


def test_missing_java_is_named(data_dir, tmp_path):
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    result = kiz("neo4j", "start", "--data", str(data_dir), env={"PATH": str(empty_bin)})
    assert result.returncode == 1
    assert "Java is missing" in result.stderr and str(data_dir / "neo4j.log") in result.stderr


def test_a_failed_start_names_the_log(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "data").write_text("not a folder")  # Neo4j cannot create its store here
    result = kiz("neo4j", "start", "--data", str(data_dir), "--port", str(local_neo4j.free_port()))
    assert result.returncode == 1
    assert "Neo4j failed to start" in result.stderr and str(data_dir / "neo4j.log") in result.stderr


def test_status_of_a_folder_without_neo4j(tmp_path):
    result = kiz("neo4j", "status", "--data", str(tmp_path / "nothing"))
    assert result.returncode == 3 and "not running" in result.stdout


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_neo4j_uri_is_used_and_nothing_starts_locally(neo4j_settings, tmp_path, scheme):
    """With NEO4J_URI every command talks to that server (neo4j:// routing included)."""
    port = neo4j_settings.uri.rsplit(":", 1)[1]
    unused_local = tmp_path / "unused"
    env = {
        "NEO4J_URI": f"{scheme}://127.0.0.1:{port}",
        "NEO4J_USER": neo4j_settings.user,
        "NEO4J_PASSWORD": neo4j_settings.password,
        "NEO4J_DATABASE": neo4j_settings.database,
        "KIZ_NEO4J_DATA": str(unused_local),
    }
    status = kiz("db", "status", env=env)
    assert status.returncode == 0, status.stderr
    assert f"Neo4j answers at {scheme}://127.0.0.1:{port}" in status.stdout

    start = kiz("neo4j", "start", env=env)
    assert start.returncode == 0 and "NEO4J_URI is set" in start.stdout
    assert not unused_local.exists()

    wrong = kiz("db", "status", env={**env, "NEO4J_PASSWORD": "wrong"})
    assert wrong.returncode == 1 and "does not answer" in wrong.stdout


def test_without_any_neo4j_commands_say_what_to_do(tmp_path):
    result = kiz("db", "migrate", env={"KIZ_NEO4J_DATA": str(tmp_path / "none")})
    assert result.returncode == 1
    assert "run `kiz-graph neo4j start` or set NEO4J_URI" in result.stderr
