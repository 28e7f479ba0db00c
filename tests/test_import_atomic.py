"""Imports are all or nothing (issue 13, finding 3), whatever fails: a value too large for
the database, the database refusing a statement in the last batch, or the database killed
with ``kill -9`` in the middle of an import, from the web and from the command line.

The kill test runs against a Neo4j of its own (the session's must live on): a command-line
and a web import are each held after their second batch, the server is killed, both give
up, the server is started again, and the graph must be exactly as before.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from auth import add_user, make_app, signed_in

from kiz_graph import cli
from kiz_graph.exchange import seeding
from kiz_graph.exchange.importer import import_paths
from kiz_graph.records import edits, writer
from kiz_graph.store import local_neo4j, maintenance, migrations
from kiz_graph.store.db import Database
from kiz_graph.users import sessions

UNNA = "ki-05978"
DORTMUND_REGION = "05913"


def organisations_csv(count: int, *, last_name: str | None = None, prefix: str = "kita", region: str = "05978") -> str:
    """``count`` Kitas of Unna (or of ``region``) as a centre's staff would list them; the last
    one may get another name."""
    rows = [f"{prefix}-{number:05d};Kita Regenbogen {number};Kita;{region}" for number in range(count)]
    if last_name is not None:
        rows[-1] = f"{prefix}-{count - 1:05d};{last_name};Kita;{region}"
    return "Kennung;Name;Typ;Region\n" + "\n".join(rows) + "\n"


def persons_csv(count: int, organisations: int, *, prefix: str = "per", organisation_prefix: str = "kita") -> str:
    rows = [f"{prefix}-{number:05d};Person {number};{organisation_prefix}-{number % organisations:05d};Leitung"
            for number in range(count)]
    return "Kennung;Name;Organisation;Funktion\n" + "\n".join(rows) + "\n"


def annas_browser(db):
    """A test client of the web app, signed in as Unna's staff member Anna."""
    return signed_in(make_app(db), "anna")


# --- a value too large, a statement refused -------------------------------------------------

@pytest.fixture
def seeded(db):
    seeding.seed(db)
    add_user(db, "anna", "centre_staff", centres=(UNNA,))
    return db


def test_a_web_import_with_one_oversized_name_writes_nothing_and_names_the_row(seeded):
    client = annas_browser(seeded)
    before = maintenance.snapshot(seeded)
    upload = organisations_csv(51, last_name="Kita " + "R" * 40_000).encode()
    response = client.post(f"/zentren/{UNNA}/import", data={"files": (io.BytesIO(upload), "organisationen.csv")},
                           content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "organisationen.csv:52:Name: zu lang: 40.005 Zeichen (höchstens 300)" in page
    assert "Import bestätigen</button>" not in page  # no way to confirm a refused upload
    assert maintenance.snapshot(seeded) == before


def test_the_command_line_refuses_an_oversized_value_in_the_last_batch(seeded, neo4j_settings, tmp_path):
    (tmp_path / "organisationen.csv").write_text(organisations_csv(2_500, last_name="X" * 40_000), encoding="utf-8")
    before = maintenance.snapshot(seeded)
    env = {**os.environ, "NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": neo4j_settings.database}
    done = subprocess.run([sys.executable, "-m", "kiz_graph.cli", "import", str(tmp_path)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert "organisationen.csv:2501:Name: zu lang" in done.stderr and "nothing was written" in done.stderr
    assert "Neo4jError" not in done.stderr and "Traceback" not in done.stderr
    assert maintenance.snapshot(seeded) == before


def _failing_last_batch(monkeypatch, failure: str) -> None:
    """Make the database refuse the statement written after the last batch of organisations."""
    real_run = writer.run

    def run(tx, name, **params):
        result = real_run(tx, name, **params)
        if name == "records/write/organisations" and params["rows"][-1]["id"] == "kita-02499":
            tx.run(failure).consume()  # a real error from Neo4j, inside the import's transaction
        return result

    monkeypatch.setattr(writer, "run", run)


def test_a_statement_refused_by_the_database_in_the_last_batch_leaves_nothing(seeded, monkeypatch, tmp_path, capsys):
    (tmp_path / "organisationen.csv").write_text(organisations_csv(2_500), encoding="utf-8")
    (tmp_path / "personen.csv").write_text(persons_csv(300, 2_500), encoding="utf-8")
    before = maintenance.snapshot(seeded)
    _failing_last_batch(monkeypatch, "RETURN 1 / 0")
    monkeypatch.setattr(cli, "open_db", lambda: _Borrowed(seeded))
    assert cli.main(["import", str(tmp_path)]) == 1
    assert "the import failed in the database, nothing was written" in capsys.readouterr().err
    assert maintenance.snapshot(seeded) == before


def test_a_statement_refused_in_the_middle_of_a_web_import_leaves_nothing_and_says_so(seeded, monkeypatch):
    client = annas_browser(seeded)
    upload = {"files": [(io.BytesIO(organisations_csv(2_500).encode()), "organisationen.csv"),
                        (io.BytesIO(persons_csv(300, 2_500).encode()), "personen.csv")]}
    preview = client.post(f"/zentren/{UNNA}/import", data=upload, content_type="multipart/form-data")
    token = preview.get_data(as_text=True).split("/import/")[1].split('"')[0]
    before = maintenance.snapshot(seeded)
    _failing_last_batch(monkeypatch, "RETURN 1 / 0")
    response = client.post(f"/zentren/{UNNA}/import/{token}")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Der Import wurde nicht ausgeführt. Es wurde nichts gespeichert." in page
    assert "Die Datenbank hat den Import abgelehnt" in page
    assert maintenance.snapshot(seeded) == before
    monkeypatch.undo()  # the database works again: the same confirmation goes through whole
    assert client.post(f"/zentren/{UNNA}/import/{token}").status_code == 302
    assert edits.get(seeded, "persons", "per-00299")["organisation_id"] == "kita-00299"


class _Borrowed:
    """The session's graph, lent to the command line without closing it afterwards."""

    def __init__(self, db):
        self.db = db

    def __enter__(self):
        return self.db

    def __exit__(self, *exc):
        return None


# --- the database killed mid-import -----------------------------------------------------------

# The module's own Neo4j lets one transaction take this much: enough for the kill tests'
# imports, too little for the import that must be refused as too large.
TRANSACTION_MB = 48


@pytest.fixture(scope="module")
def killable(tmp_path_factory):
    """A Neo4j of this module's own, migrated and seeded, that a test may kill."""
    data_dir = tmp_path_factory.mktemp("killable-neo4j")
    port = local_neo4j.free_port()
    local_neo4j.start(data_dir, port, heap="512m", transaction_mb=TRANSACTION_MB)
    try:
        with Database(local_neo4j.settings(data_dir), max_retry_s=3) as db:
            migrations.migrate(db)
            seeding.seed(db)
            add_user(db, "anna", "centre_staff", centres=(UNNA,))
        yield data_dir, port
    finally:
        local_neo4j.stop(data_dir)


class KillMidImport:
    """Holds each of ``imports`` imports after its second written batch (or row) until the test
    has killed Neo4j: an import written batch by batch would have committed the first by then."""

    def __init__(self, monkeypatch, imports: int = 1):
        self.killed = threading.Event()
        self.held = threading.Semaphore(0)
        self.imports = imports
        self.batches: dict[int, int] = {}  # batches written, by the thread that writes them
        real_run = writer.run

        def run(tx, name, **params):
            result = real_run(tx, name, **params)
            if name.startswith("records/write/"):
                thread = threading.get_ident()
                self.batches[thread] = self.batches.get(thread, 0) + 1
                if self.batches[thread] == 2:
                    self.held.release()
                    self.killed.wait(timeout=120)
            return result

        monkeypatch.setattr(writer, "run", run)

    def kill(self, data_dir: Path) -> None:
        for _ in range(self.imports):
            assert self.held.acquire(timeout=120), "an import never wrote two batches"
        pid = local_neo4j.status(data_dir).pid
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)  # reaped: the server is gone, nothing of it flushed
        self.killed.set()


def _restart(data_dir: Path, port: int) -> Database:
    local_neo4j.start(data_dir, port, heap="512m", transaction_mb=TRANSACTION_MB)
    return Database(local_neo4j.settings(data_dir), max_retry_s=10)


def _in_thread(work) -> tuple[threading.Thread, list]:
    outcome: list = []
    thread = threading.Thread(target=lambda: outcome.append(work()))
    thread.start()
    return thread, outcome


def test_kill_9_in_the_middle_of_a_command_line_and_a_web_import_leaves_the_graph_as_before(killable, monkeypatch,
                                                                                           tmp_path):
    """A command-line import (Dortmund's Kitas) and a web import (Unna's) at the same time, each
    held after its second written batch, then one ``kill -9``: both give up, neither leaves
    anything behind. (One kill and one restart for both ways in: a restart takes long.)"""
    data_dir, port = killable
    # A request writes when its session was last used, once a minute: not between the two snapshots.
    monkeypatch.setattr(sessions, "TOUCH_EVERY", dt.timedelta(days=1))
    db = Database(local_neo4j.settings(data_dir), max_retry_s=3)
    client = annas_browser(db)
    files = {"files": [(io.BytesIO(organisations_csv(100).encode()), "organisationen.csv"),
                       (io.BytesIO(persons_csv(800, 100).encode()), "personen.csv")]}
    preview = client.post(f"/zentren/{UNNA}/import", data=files, content_type="multipart/form-data")
    assert "personen.csv 800 0 0" in " ".join(re.sub(r"<[^>]+>", " ", preview.get_data(as_text=True)).split())
    token = preview.get_data(as_text=True).split("/import/")[1].split('"')[0]
    # Other keys and another region than the web import's: neither waits for the other's locks.
    (tmp_path / "organisationen.csv").write_text(organisations_csv(2_500, prefix="kita-do", region=DORTMUND_REGION),
                                                 encoding="utf-8")
    (tmp_path / "personen.csv").write_text(persons_csv(1_000, 2_500, prefix="per-do", organisation_prefix="kita-do"),
                                           encoding="utf-8")
    before = maintenance.snapshot(db)
    monkeypatch.delenv("NEO4J_URI", raising=False)  # the command line finds the killable local Neo4j
    monkeypatch.setenv("KIZ_NEO4J_DATA", str(data_dir))
    hold = KillMidImport(monkeypatch, imports=2)

    command, exit_code = _in_thread(lambda: cli.main(["import", str(tmp_path)]))
    web, answer = _in_thread(lambda: client.post(f"/zentren/{UNNA}/import/{token}"))
    hold.kill(data_dir)
    command.join(timeout=180)
    web.join(timeout=120)
    assert exit_code == [1]  # the command gave up with a message, it did not hang
    assert answer and answer[0].status_code == 503
    assert "Datenbank" in answer[0].get_data(as_text=True)

    monkeypatch.undo()
    db.close()
    with _restart(data_dir, port) as db:
        assert maintenance.snapshot(db) == before
        assert edits.get(db, "persons", "per-00000") is None
        # The command's import then goes through whole: nothing was left locked or half-done.
        result = import_paths(db, [tmp_path])
        assert [(f.source, f.created) for f in result.files] == [("organisationen.csv", 2_500), ("personen.csv", 1_000)]


def test_an_import_too_large_for_one_transaction_is_refused_once_and_leaves_nothing(killable, monkeypatch, tmp_path,
                                                                                   capsys):
    """Neo4j refuses a transaction over its memory limit; the import says so and does not try again."""
    data_dir, _ = killable
    with Database(local_neo4j.settings(data_dir)) as db:
        before = maintenance.snapshot(db)
    (tmp_path / "organisationen.csv").write_text(organisations_csv(20_000), encoding="utf-8")
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("KIZ_NEO4J_DATA", str(data_dir))
    attempts = []
    real_lock_and_read = writer.lock_and_read
    monkeypatch.setattr(writer, "lock_and_read", lambda tx, kind, keys: attempts.append(kind) or
                        real_lock_and_read(tx, kind, keys))

    assert cli.main(["import", str(tmp_path)]) == 1
    assert "too large for one transaction" in capsys.readouterr().err
    assert attempts == ["organisations"]  # one attempt: a retry would fail the same way
    with Database(local_neo4j.settings(data_dir)) as db:
        assert maintenance.snapshot(db) == before
