"""Retention (who is due for erasure, and erasing them) and consent on record (how, for what,
recorded by whom; withdrawal as an action of its own), through the core, the command line and
the web app. One seeded graph for the module; each test makes persons of its own.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import subprocess
import sys

import pytest
from auth import add_user, make_app, signed_in

from kiz_graph.errors import ValidationError
from kiz_graph.exchange import export, importer, seeding
from kiz_graph.records import audit, consent, edits, retention

UNNA = "ki-05978"
TODAY = dt.date.today()
NUMBERS = itertools.count(1)


@pytest.fixture(scope="module")
def world(module_db):
    seeding.seed(module_db)
    edits.create(module_db, "organisations", {"id": "mso-1", "name": "Elternverein Kamen e.V.", "type": "MSO",
                                              "region": "05978"}, user="anna")
    edits.create(module_db, "organisations", {"id": "mso-old", "name": "Aufgelöster Verein e.V.", "type": "MSO",
                                              "region": "05978", "until": "2020-06-30"}, user="anna")
    add_user(module_db, "anna", "centre_staff", display_name="Anna Becker", centres=(UNNA,))
    return module_db


@pytest.fixture(scope="module")
def app(world):
    return make_app(world)


@pytest.fixture(scope="module")
def anna(app):
    return signed_in(app, "anna")


def new_person(db, **values) -> str:
    person_id = f"per-r{next(NUMBERS)}"
    record = {"id": person_id, "name": f"Person {person_id}", "organisation_id": "mso-1", "consent": "public",
              "consent_date": "2024-01-15", **values}
    edits.create(db, "persons", record, user="anna")
    return person_id


def days_ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


# Retention ----------------------------------------------------------------------------------

@pytest.fixture
def cases(world):
    """One person per rule, and some who are not due."""
    return {
        "ended_long_ago": new_person(world, until=days_ago(3 * 365)),
        "ended_recently": new_person(world, until=days_ago(180)),
        "withdrawn": new_person(world),
        "no_consent_no_workplace": new_person(world, consent="none", consent_date=None, organisation_id="mso-old"),
        "no_consent_at_work": new_person(world, consent="none", consent_date=None),
        "active": new_person(world),
    }


def test_the_retention_list_names_each_person_due_with_the_reason(world, cases):
    consent.withdraw(world, cases["withdrawn"], user="anna")
    due = {person.id: person.reason for person in retention.due(world)}
    ended = german_date(days_ago(3 * 365))
    assert due == {cases["ended_long_ago"]: f"ausgeschieden am {ended}, länger als 24 Monate her",
                   cases["withdrawn"]: f"Einwilligung widerrufen am {TODAY:%d.%m.%Y}",
                   cases["no_consent_no_workplace"]: "keine Einwilligung und keine aktive Arbeitsstelle"}
    shorter = {person.id for person in retention.due(world, months=3)}
    assert cases["ended_recently"] in shorter and cases["active"] not in shorter
    erase_all(world)


def german_date(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d.%m.%Y")


def erase_all(db) -> None:
    """Leave no one due for the next test."""
    retention.apply(db, retention.due(db, months=1), user="setup", months=1)


def test_the_command_line_lists_and_applies(world, cases, neo4j_settings):
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")},
           "NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": neo4j_settings.database}

    def kiz(*args):
        return subprocess.run([sys.executable, "-m", "kiz_graph.cli", "retention", *args], capture_output=True,
                              text=True, env=env, timeout=120)

    listed = kiz()
    assert listed.returncode == 0, listed.stderr
    assert "2 Ansprechpersonen zur Löschung fällig (Frist 24 Monate); löschen mit --apply" in listed.stdout
    assert f"{cases['ended_long_ago']}\tPerson {cases['ended_long_ago']}\tElternverein Kamen e.V.\tausgeschieden am" \
           in listed.stdout
    assert edits.get(world, "persons", cases["ended_long_ago"]) is not None  # listing erases nothing
    applied = kiz("--months", "3", "--apply")
    assert applied.returncode == 0, applied.stderr
    assert applied.stdout.splitlines()[-1] == "3 Ansprechpersonen gelöscht."
    assert [edits.get(world, "persons", cases[name]) for name in ("ended_long_ago", "ended_recently")] == [None, None]
    assert edits.get(world, "persons", cases["active"]) is not None
    assert kiz("--months", "0").returncode == 2


def test_the_coordination_office_sees_the_list_and_erases_after_confirming(world, cases, client_for):
    coordination = client_for("coordination")
    assert "Aufbewahrung – zur Löschung fällige Ansprechpersonen" in coordination.get("/benutzer/").get_data(
        as_text=True)
    page = coordination.get("/datenschutz/aufbewahrung").get_data(as_text=True)
    assert f"Person {cases['ended_long_ago']}" in page and "keine Einwilligung und keine aktive Arbeitsstelle" in page
    assert "2 Ansprechpersonen zur Löschung fällig" in page and "Alle 2 aufgeführten Ansprechpersonen löschen" in page
    assert client_for("centre_staff", UNNA).get("/datenschutz/aufbewahrung").status_code == 403
    assert coordination.get("/datenschutz/aufbewahrung?monate=zwei").status_code == 400

    confirm = coordination.get("/datenschutz/aufbewahrung/loeschen").get_data(as_text=True)
    assert "2 Ansprechpersonen endgültig löschen?" in confirm
    stale = coordination.post("/datenschutz/aufbewahrung/loeschen", data={"monate": "24", "liste": "veraltet"},
                              follow_redirects=True)
    assert "Nichts gelöscht: Die Liste hat sich inzwischen geändert" in stale.get_data(as_text=True)
    assert edits.get(world, "persons", cases["ended_long_ago"]) is not None
    fingerprint = retention.fingerprint(retention.due(world))
    done = coordination.post("/datenschutz/aufbewahrung/loeschen", data={"monate": "24", "liste": fingerprint},
                             follow_redirects=True)
    assert "2 Ansprechpersonen gelöscht." in done.get_data(as_text=True)
    assert edits.get(world, "persons", cases["ended_long_ago"]) is None
    assert "Keine Ansprechperson ist zur Löschung fällig." in done.get_data(as_text=True)
    erase_all(world)


# Consent on record --------------------------------------------------------------------------

def test_the_form_records_how_and_for_what_and_the_app_records_by_whom(world, anna):
    response = anna.post(f"/zentren/{UNNA}/personen/neu", data={
        "name": "Erika Einwilligung", "organisation_id": "mso-1", "email": "erika@verein.example",
        "consent": "internal", "consent_date": "2024-05-02", "consent_method": "schriftlich",
        "consent_purpose": "Kontakt für Bildungsangebote im Kreis", "consent_recorded_by": "getippt"})
    assert response.status_code == 302, response.get_data(as_text=True)
    person = next(p for p in edits.get_many(world, "persons", [row["id"] for row in world.read(
        "records/get/persons", ids=None)]) if p["name"] == "Erika Einwilligung")
    assert (person["consent_method"], person["consent_purpose"], person["consent_recorded_by"]) == (
        "written", "Kontakt für Bildungsangebote im Kreis", "Anna Becker")
    page = anna.get(response.location).get_data(as_text=True)
    assert "Einwilligung erteilt" in page and "Zweck der Einwilligung" in page
    assert "Einwilligung erfasst von" in page and "Anna Becker" in page and 'name="consent_recorded_by"' not in page

    edits.update(world, "persons", person["id"], {"function": "Kassenwartin"}, user="setup")  # no consent change
    assert edits.get(world, "persons", person["id"])["consent_recorded_by"] == "Anna Becker"
    edits.update(world, "persons", person["id"], {"consent": "public"}, user="setup")
    assert edits.get(world, "persons", person["id"])["consent_recorded_by"] == "setup"


def test_withdrawal_takes_effect_at_once_and_the_history_keeps_no_contact_data(world, anna, client_for):
    person_id = new_person(world, email="wiebke@verein.example", phone="02303 555 777", name="Wiebke Widerruf")
    coordination = client_for("coordination")
    assert "Wiebke Widerruf" in coordination.get("/verzeichnis/?q=Widerruf").get_data(as_text=True)
    page = anna.get(f"/datenschutz/ansprechpersonen/{person_id}/einwilligung-widerrufen").get_data(as_text=True)
    assert "Wiebke Widerruf" in page and "öffentlich" in page and "ohne E-Mail, Telefon" in page

    done = anna.post(f"/datenschutz/ansprechpersonen/{person_id}/einwilligung-widerrufen",
                     data={"zurueck": f"/zentren/{UNNA}/personen/eintrag/{person_id}"}, follow_redirects=True)
    text = done.get_data(as_text=True)
    assert "Die Einwilligung ist widerrufen." in text and f"{TODAY:%d.%m.%Y}" in text and "Anna Becker" in text
    person = edits.get(world, "persons", person_id)
    assert (person["consent"], person["consent_withdrawn_on"], person["consent_recorded_by"]) == (
        "none", TODAY, "Anna Becker")
    assert "Wiebke Widerruf" not in coordination.get("/verzeichnis/?q=Widerruf").get_data(as_text=True)

    change = audit.history(world, kind="persons", key=(person_id,), limit=1)[0]
    assert change.action == "withdraw" and change.user == "anna"
    assert change.summary == f"Ansprechperson Wiebke Widerruf: Einwilligung widerrufen am {TODAY:%d.%m.%Y}"
    stored = json.dumps([change.before, change.after])
    assert "wiebke@verein.example" not in stored and "555 777" not in stored
    assert change.after["consent_recorded_by"] == "Anna Becker"
    with pytest.raises(ValidationError, match="Widerruf der Einwilligung kann nicht rückgängig"):
        edits.undo(world, change.id, "anna")
    again = anna.post(f"/datenschutz/ansprechpersonen/{person_id}/einwilligung-widerrufen", follow_redirects=True)
    assert "keine Einwilligung vor" in again.get_data(as_text=True)


def test_the_consent_record_travels_through_export_and_import(world, tmp_path):
    person_id = new_person(world, consent_method="email", consent_purpose="Verzeichnis der Bildungspartner")
    written = export.export(world, tmp_path, "csv")
    header = next(path for path in written if path.name == "persons.csv").read_text(encoding="utf-8-sig")
    assert header.splitlines()[0].split(";")[8:14] == [
        "consent_date", "consent_method", "consent_purpose", "consent_recorded_by", "consent_withdrawn_on", "until"]
    edits.update(world, "persons", person_id, {"consent_method": None, "consent_purpose": None}, user=None)
    result = importer.import_paths(world, [tmp_path / "persons.csv"])
    assert result.describe()
    person = edits.get(world, "persons", person_id)
    assert (person["consent_method"], person["consent_purpose"], person["consent_recorded_by"]) == (
        "email", "Verzeichnis der Bildungspartner", "Anna Becker")
