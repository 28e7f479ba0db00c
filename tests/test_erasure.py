"""Erasure of a contact person on request (Art. 17 DSGVO): core, command line and web.

The person goes with their relationships; every recorded change that held their values keeps
its place in the history with "gelöschte Ansprechperson" instead of them; nothing brings them
back.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys

import pytest
from auth import make_app

from kiz_graph.errors import ValidationError
from kiz_graph.exchange import seeding
from kiz_graph.records import audit, edits, erasure

UNNA, DORTMUND = "ki-05978", "ki-05913"
NUMBERS = itertools.count(1)


@pytest.fixture(scope="module")
def world(module_db):
    """The seeds and three organisations (two in Unna's region, one in Dortmund's), once for the module."""
    seeding.seed(module_db)
    for org, name, region in (("mso-1", "Elternverein Kamen e.V.", "05978"), ("mso-2", "Kulturverein Unna e.V.", "05978"),
                              ("org-do", "Verein Dortmund", "05913")):
        edits.create(module_db, "organisations", {"id": org, "name": name, "type": "MSO", "region": region},
                     user="anna")
    return module_db


@pytest.fixture(scope="module")
def app(world):
    return make_app(world)


@pytest.fixture
def db(world):
    return world


@pytest.fixture
def person(world):
    """A new person of Unna's network with history (three changes of their own), two workplaces
    over time and a post (one more change): names, e-mail and phone of their own."""
    n = next(NUMBERS)
    values = {"id": f"per-{n}", "name": f"Zofia Wiśniewska-Quandt{n}x", "organisation_id": "mso-1",
              "function": "Vorsitzende", "email": f"zofia{n}x@elternverein.example", "phone": f"02307 555 {n:04d}",
              "languages": ["pl", "de"], "consent": "public", "consent_date": "2024-03-01"}
    edits.create(world, "persons", values, user="anna", for_centre=UNNA)
    edits.update(world, "persons", values["id"], {"email": f"z{n}x.neu@elternverein.example"}, user="anna",
                 for_centre=UNNA)
    edits.update(world, "persons", values["id"], {"organisation_id": "mso-2"}, user="anna", for_centre=UNNA)
    edits.create(world, "positions", {"id": f"pos-{n}", "centre_id": UNNA, "profession": "educator", "fte": 0.5,
                                      "funding": "state_grant", "person_id": values["id"]}, user="anna",
                 for_centre=UNNA)
    return values


def everything(db) -> list[str]:
    """Every property value of every node and relationship, as text."""
    rows = db.run_text("MATCH (n) UNWIND keys(n) AS k RETURN n[k] AS v UNION ALL "
                       "MATCH ()-[r]->() UNWIND keys(r) AS k RETURN r[k] AS v", write=False)
    return [str(row["v"]) for row in rows if row["v"] is not None]


def changes(db) -> set[str]:
    return {row["id"] for row in db.run_text("MATCH (c:Change) RETURN c.id AS id", write=False)}


def test_an_erased_person_is_nowhere_and_the_history_keeps_every_change(db, person):
    needles = (person["name"], person["email"], person["phone"], person["id"], "z%sx.neu" % person["id"][4:])
    assert all(any(needle in value for value in everything(db)) for needle in needles)  # the scan sees them
    before = changes(db)
    unna_history = len(audit.history(db, centre=UNNA, limit=10_000))

    result = erasure.erase(db, [person["id"]], user="anna", reason="Antrag vom 01.12.2026", for_centre=UNNA)

    assert result.persons == 1 and result.changes == 4  # three of the person, one of the post
    assert [value for value in everything(db) if any(needle in value for needle in needles)] == []
    found = db.run_text("CALL db.index.fulltext.queryNodes('name_search', $q) YIELD node RETURN node.name AS name",
                        {"q": person["name"].split()[1]}, write=False)
    assert found == []
    assert before < changes(db) and len(changes(db)) == len(before) + 1  # every change stays; one more: the erasure
    history = audit.history(db, centre=UNNA, limit=10_000)
    assert len(history) == unna_history + 1
    assert history[0].action == "erase" and history[0].before is None and history[0].after is None
    assert history[0].summary == "Ansprechperson gelöscht (Art. 17 DSGVO); Grund: Antrag vom 01.12.2026"
    assert [change.summary for change in history[1:5]] == [
        "Stelle pädagogische Fachkraft (Landesförderung, gelöschte Ansprechperson) angelegt",
        "Ansprechperson „gelöschte Ansprechperson“ geändert", "Ansprechperson „gelöschte Ansprechperson“ geändert",
        "Ansprechperson „gelöschte Ansprechperson“ angelegt"]
    post = edits.get(db, "positions", f"pos-{person['id'][4:]}")
    assert post is not None and post["person_id"] is None  # the post stays, without them
    assert edits.get(db, "organisations", "mso-2") is not None


def test_nothing_brings_an_erased_person_back(db, person):
    older = [change.id for change in audit.history(db, centre=UNNA, limit=4)]
    erasure.erase(db, [person["id"]], user="anna")
    erased = audit.history(db, centre=UNNA, limit=1)[0]
    with pytest.raises(ValidationError, match="Löschung .* nicht rückgängig"):
        edits.undo(db, erased.id, "anna")
    for change_id in older:
        with pytest.raises(ValidationError, match="gelöschte Ansprechperson .* nicht rückgängig"):
            edits.undo(db, change_id, "anna")
    assert edits.get(db, "persons", person["id"]) is None
    assert person["name"] not in " ".join(everything(db))


def test_erasing_an_unknown_person_writes_nothing(db, person):
    before = changes(db)
    with pytest.raises(ValidationError, match="'per-unbekannt' gibt es nicht"):
        erasure.erase(db, [person["id"], "per-unbekannt"], user="anna")
    with pytest.raises(ValidationError, match="zu lang"):
        erasure.erase(db, [person["id"]], user="anna", reason="Antrag " * 60)
    assert changes(db) == before and edits.get(db, "persons", person["id"]) is not None


def test_the_command_line_erases_and_names_an_unknown_id_in_german(db, person, neo4j_settings):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")},
           "NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": neo4j_settings.database}

    def kiz(*args):
        return subprocess.run([sys.executable, "-m", "kiz_graph.cli", *args], capture_output=True, text=True, env=env,
                              timeout=120)

    unknown = kiz("persons", "erase", "per-gibt-es-nicht")
    assert unknown.returncode == 1 and "Ansprechperson 'per-gibt-es-nicht' gibt es nicht" in unknown.stderr
    done = kiz("persons", "erase", person["id"], "--reason", "Antrag per Brief")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (f"Ansprechperson {person['id']} gelöscht; 4 Änderungen im Verlauf durch "
                                   "„gelöschte Ansprechperson“ ersetzt.")
    assert edits.get(db, "persons", person["id"]) is None
    assert "Antrag per Brief" in audit.history(db, centre=UNNA, limit=1)[0].summary


# The web: who may, the confirmation, the message -----------------------------------------------

def test_staff_of_the_persons_network_and_the_coordination_office_may_erase(db, person, client_for):
    edits.create(db, "persons", {"id": "per-do", "name": "Dora Dortmund", "organisation_id": "org-do"}, user="setup")
    unna, dortmund = client_for("centre_staff", UNNA), client_for("centre_staff", DORTMUND)
    partner, coordination = client_for("partner"), client_for("coordination")
    address = f"/datenschutz/ansprechpersonen/{person['id']}/loeschen"

    page = unna.get(address)
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and person["name"] in text and "Kulturverein Unna e.V. (Vorsitzende)" in text
    assert "In 4 Änderungen werden ihre Angaben durch" in text and "Endgültig löschen" in text
    assert dortmund.get(address).status_code == 404 and dortmund.post(address).status_code == 404
    assert partner.get(address).status_code == 403
    assert unna.get("/datenschutz/ansprechpersonen/per-do/loeschen").status_code == 404
    # a cooperation (even one that ended) with Dortmund's organisation brings its people into Unna's network
    edits.create(db, "cooperations", {"from_id": UNNA, "to_id": "org-do", "form": "Projekt", "since": "2020-01-01",
                                      "until": "2021-01-01"}, user="setup")
    assert unna.get("/datenschutz/ansprechpersonen/per-do/loeschen").status_code == 200
    assert coordination.get("/datenschutz/ansprechpersonen/per-do/loeschen").status_code == 200

    done = unna.post(address, data={"reason": "Anruf am 30.11."}, follow_redirects=True)
    assert done.status_code == 200 and "Die Ansprechperson wurde gelöscht" in done.get_data(as_text=True)
    assert done.request.path == f"/zentren/{UNNA}/personen/"
    assert edits.get(db, "persons", person["id"]) is None and unna.get(address).status_code == 404
    done = coordination.post("/datenschutz/ansprechpersonen/per-do/loeschen", follow_redirects=True)
    assert "Die Ansprechperson wurde gelöscht" in done.get_data(as_text=True)
    assert edits.get(db, "persons", "per-do") is None


def test_the_persons_page_offers_erasure_and_the_history_no_undo_of_it(db, person, client_for):
    unna = client_for("centre_staff", UNNA)
    text = unna.get(f"/zentren/{UNNA}/personen/eintrag/{person['id']}").get_data(as_text=True)
    assert f"/datenschutz/ansprechpersonen/{person['id']}/loeschen" in text and "Einwilligung widerrufen" in text
    erasure.erase(db, [person["id"]], user="anna", for_centre=UNNA)
    history = unna.get(f"/zentren/{UNNA}/verlauf").get_data(as_text=True)
    rows = history.split("<tr>")[2:7]  # the newest five: the erasure and the four changes it pseudonymised
    assert "Ansprechperson gelöscht" in rows[0] and person["name"] not in history
    assert [row for row in rows if "Rückgängig" in row] == []
