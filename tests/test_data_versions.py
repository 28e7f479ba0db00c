"""The statewide figures are computed once per state of the data and never served stale
(issue 18): every path that changes the network renews the data's token, and a write in
another process is seen by the web app on its next request."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from auth import make_app, signed_in, user_for

from kiz_graph import statewide, users
from kiz_graph.exchange import importer, seeding
from kiz_graph.records import audit, duplicates, edits, writer
from kiz_graph.store import versions

UNNA = "ki-05978"
VEREIN = {"name": "Elternverein Bergkamen", "type": "MSO", "region": "05978", "municipality": "05978004"}


def test_every_path_that_changes_the_network_renews_the_token(db, tmp_path):
    seen = [versions.current(db)]

    def renewed() -> bool:
        token = versions.current(db)
        fresh = token not in seen
        seen.append(token)
        return fresh

    seeding.seed(db)
    assert renewed(), "seed"
    created = edits.create(db, "organisations", {"id": "mso-a", **VEREIN}, user="anna")
    assert renewed(), "form: create"
    edits.update(db, "organisations", ("mso-a",), {"phone": "02307 12345"}, user="anna")
    assert renewed(), "form: update"
    edits.undo(db, audit.history(db, kind="organisations", key=("mso-a",))[0].id, "anna")
    assert renewed(), "undo"
    writer.write(db, {"organisations": [{"id": "mso-b", **VEREIN, "name": "Elternverein Bergkamen e.V."}]})
    assert renewed(), "bulk write"
    duplicates.merge(db, "mso-b", created["id"])
    assert renewed(), "merge"
    (tmp_path / "kooperationen.csv").write_text("Mit;Form;Seit\nElternverein Bergkamen;Projekt;01.03.2024\n",
                                                encoding="utf-8")
    importer.import_paths(db, [tmp_path], for_centre=UNNA, dry_run=True)
    assert not renewed(), "a preview writes nothing"
    importer.import_paths(db, [tmp_path], for_centre=UNNA)
    assert renewed(), "import"
    users.create_user(db, "lea", "ein-langes-passwort", "partner")
    users.authenticate(db, "lea", "ein-langes-passwort")
    assert not renewed(), "users and sign-ins are no network data"


@pytest.fixture
def counted(monkeypatch):
    """How often the statewide indicators were computed (not taken from the cache)."""
    calls = []
    real = statewide.indicators
    monkeypatch.setattr(statewide, "indicators", lambda db, day: calls.append(day) or real(db, day))
    return calls


def test_a_write_in_another_process_is_seen_on_the_next_request(db, neo4j_settings, tmp_path, counted):
    seeding.seed(db)
    edits.create(db, "organisations", {"id": "mso-a", **VEREIN})
    office = signed_in(make_app(db), user_for(db, "coordination"))

    def unna_cooperations() -> str:
        response = office.get("/land/kennzahlen.csv")
        assert response.status_code == 200
        rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig")), delimiter=";"))
        return next(row["Aktive Kooperationen"] for row in rows if "Kreis Unna" in row["Zentrum"])

    before = unna_cooperations()
    assert unna_cooperations() == before and len(counted) == 1  # the second request is served from the cache

    # Another process (the command line) imports a cooperation of Unna's.
    (tmp_path / "kooperationen.csv").write_text("Mit;Form;Seit\nElternverein Bergkamen;Projekt;01.03.2024\n",
                                                encoding="utf-8")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")},
           "NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": neo4j_settings.database}
    imported = subprocess.run([sys.executable, "-m", "kiz_graph.cli", "import", "--centre", UNNA, str(tmp_path)],
                              capture_output=True, text=True, env=env, timeout=300)
    assert imported.returncode == 0, imported.stderr

    assert int(unna_cooperations()) == int(before) + 1 and len(counted) == 2


def test_requests_at_the_same_moment_compute_once_and_a_new_token_computes_again():
    cache, computed = versions.Cache(size=2), []

    def slow():
        computed.append(1)
        time.sleep(0.2)
        return len(computed)

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: cache.at("eins", "bericht", slow), range(4)))
    assert answers == [1, 1, 1, 1] and len(computed) == 1
    assert cache.at("zwei", "bericht", slow) == 2  # the data changed
    for key in ("a", "b"):  # the oldest result goes when more keys than its size are kept
        cache.at("zwei", key, slow)
    assert cache.at("zwei", "bericht", slow) == 5
