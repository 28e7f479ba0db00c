"""The core write API: every validation rule names its field, and a refused write writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from kiz_graph.errors import ValidationError
from kiz_graph.exchange import seeding
from kiz_graph.records import edits
from kiz_graph.store import maintenance

D = dt.date


@pytest.fixture
def seeded(db):
    seeding.seed(db)
    return db


MSO = {
    "id": "org-test-1",
    "name": "Deutsch-Türkischer Elternverein Kamen e.V.",
    "type": "Migrantenselbstorganisation",  # German names are accepted and stored as keys
    "region": "05978",
    "municipality": "05978020",
    "languages": "tr|de",
    "fields": ["bildung"],
}


def refused(db, call, *args) -> dict[str, str]:
    """Run a write that must fail; return its messages by field, and check nothing changed."""
    before = maintenance.snapshot(db)
    with pytest.raises(ValidationError) as raised:
        call(db, *args)
    assert maintenance.snapshot(db) == before, "a refused write changed the graph"
    return raised.value.by_column()


def test_create_an_organisation_and_read_it_back(seeded):
    saved = edits.create(seeded, "organisations", MSO)
    assert saved["type"] == "MigrantOrganisation"
    assert saved["region"] == "05978" and saved["municipality"] == "05978020"
    assert saved["languages"] == ["tr", "de"]
    labels = seeded.run_text("MATCH (o:Organisation {id: 'org-test-1'}) RETURN labels(o) AS l", write=False)[0]["l"]
    assert sorted(labels) == ["MigrantOrganisation", "Organisation"]


def test_municipality_alone_gives_the_region(seeded):
    saved = edits.create(seeded, "organisations", {**MSO, "region": None})
    assert saved["region"] == "05978"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "  "}, "name", "Pflichtangabe fehlt"),
        ({"type": "Sportverein"}, "type", "unbekannter Wert 'Sportverein'"),
        ({"region": None, "municipality": None}, "region", "Pflichtangabe fehlt"),
        ({"region": "05999"}, "region", "'05999' gibt es nicht"),
        ({"region": "Unna"}, "region", "ungültiger Schlüssel"),
        ({"municipality": "05913000"}, "municipality", "liegt nicht in Region 05978"),
        ({"languages": "tr|klingonisch"}, "languages", "unbekannter Wert 'klingonisch'"),
        ({"id": "org 1"}, "id", "ungültige Kennung"),
        ({"colour": "blau"}, "colour", "unbekannte Spalte"),
    ],
)
def test_a_bad_organisation_is_refused_naming_the_field(seeded, changes, field, message):
    errors = refused(seeded, edits.create, "organisations", {**MSO, **changes})
    assert field in errors and message in errors[field]


def test_an_existing_id_cannot_be_created_again(seeded):
    edits.create(seeded, "organisations", MSO)
    errors = refused(seeded, edits.create, "organisations", {**MSO, "name": "Anderer Name"})
    assert errors == {"id": "existiert bereits"}


def test_update_changes_only_what_is_given_and_keeps_the_key(seeded):
    edits.create(seeded, "organisations", MSO)
    saved = edits.update(seeded, "organisations", "org-test-1", {"email": "info@elternverein-kamen.example"})
    assert saved["email"] == "info@elternverein-kamen.example" and saved["name"] == MSO["name"]
    assert refused(seeded, edits.update, "organisations", "org-test-1", {"id": "org-test-2"}) == {
        "id": "kann nicht geändert werden"
    }
    assert "gibt es nicht" in refused(seeded, edits.update, "organisations", "org-nope", {"name": "X"})["id"]


def _cooperation(**changes):
    return {"from_id": "ki-05978", "to_id": "org-test-1", "form": "Kooperationsvereinbarung",
            "since": "01.06.2014", "fields": "bildung|sprachliche und interkulturelle Bildung", **changes}


def test_ending_a_cooperation_sets_until_and_keeps_it(seeded):
    edits.create(seeded, "organisations", MSO)
    saved = edits.create(seeded, "cooperations", _cooperation())
    assert saved["since"] == D(2014, 6, 1)  # German dates are read
    assert saved["fields"] == ["bildung", "sprachliche_interkulturelle_bildung"]
    ended = edits.end(seeded, "cooperations", ("ki-05978", "org-test-1", "Kooperationsvereinbarung"), "2020-12-31")
    assert ended["until"] == D(2020, 12, 31) and ended["form"] == "Kooperationsvereinbarung"
    rows = seeded.run_text("MATCH (:Centre)-[k:COOPERATES_WITH]->() RETURN count(k) AS n", write=False)
    assert rows == [{"n": 1}]  # history is never deleted


def test_a_cooperation_is_one_per_pair_and_form(seeded):
    edits.create(seeded, "organisations", MSO)
    edits.create(seeded, "cooperations", _cooperation())
    key = ("ki-05978", "org-test-1", "Kooperationsvereinbarung")
    errors = refused(seeded, edits.create, "cooperations", _cooperation(since="01.01.2020"))
    assert errors["form"].startswith("existiert bereits: eine Kooperation dieser Form mit diesem Partner gibt es schon")
    moved = edits.update(seeded, "cooperations", key, {"since": "2014-09-01", "until": "2019-12-31"})
    assert (moved["since"], moved["until"]) == (D(2014, 9, 1), D(2019, 12, 31))  # the days are values like others
    assert "beenden und eine neue in der anderen Form anlegen" in refused(
        seeded, edits.update, "cooperations", key, {"form": "Projekt"})["form"]
    other = edits.create(seeded, "cooperations", _cooperation(form="Projekt", since="2020-01-01"))
    assert edits.key_of("cooperations", other) == ("ki-05978", "org-test-1", "Projekt")
    rows = seeded.run_text("MATCH (:Centre)-[k:COOPERATES_WITH]->() RETURN k.form AS form ORDER BY form", write=False)
    assert rows == [{"form": "Kooperationsvereinbarung"}, {"form": "Projekt"}]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"until": "2013-12-31"}, "until", "liegt vor dem Beginn"),
        ({"since": "31.02.2014"}, "since", "kein gültiges Datum"),
        ({"since": None}, "since", "Pflichtangabe fehlt"),
        ({"form": "Freundschaft"}, "form", "unbekannter Wert"),
        ({"to_id": "org-missing"}, "to_id", "'org-missing' gibt es nicht"),
        ({"from_id": "ki-99999"}, "from_id", "'ki-99999' gibt es nicht"),
        ({"last_contact": "2010-01-01"}, "last_contact", "vor dem Beginn"),
    ],
)
def test_a_bad_cooperation_is_refused_naming_the_field(seeded, changes, field, message):
    edits.create(seeded, "organisations", MSO)
    errors = refused(seeded, edits.create, "cooperations", _cooperation(**changes))
    assert message in errors[field]


def test_ending_before_the_start_is_refused(seeded):
    edits.create(seeded, "organisations", MSO)
    edits.create(seeded, "cooperations", _cooperation())
    key = ("ki-05978", "org-test-1", "Kooperationsvereinbarung")
    errors = refused(seeded, edits.end, "cooperations", key, "2014-05-31")
    assert "liegt vor dem Beginn" in errors["until"]
    assert "kein gültiges Datum" in refused(seeded, edits.end, "organisations", "org-test-1", "bald")["until"]


def test_centre_facts_and_their_rules(seeded):
    saved = edits.save_centre_facts(seeded, "ki-05978", {
        "applied_on": "2012-09-01", "opened_on": "2013-01-15", "raa_predecessor": "ja",
        "raa_integrated_on": "2013-07-31", "concept_adopted_on": "2012-06-28",
        "concept_adopted_by": "Kreistag", "concept_topics": "bildung|querschnitt",
        "municipalities_agreed": "ja",
    })
    assert saved["raa_predecessor"] is True and saved["concept_topics"] == ["bildung", "querschnitt"]
    assert saved["granted_by"] == "bra-dez36"  # kept: not part of the change
    for changes, field, message in (
        ({"concept_adopted_by": "Bürgermeister"}, "concept_adopted_by", "erlaubt: Rat, Kreistag"),
        ({"concept_topics": "bildung|sport"}, "concept_topics", "unbekannter Wert 'sport'"),
        ({"raa_predecessor": "vielleicht"}, "raa_predecessor", "kein Ja/Nein-Wert"),
        ({"raa_predecessor": "nein"}, "raa_integrated_on", "ohne RAA-Vorgänger"),
        ({"opened_on": "2012-01-01"}, "opened_on", "vor dem Antrag"),
    ):
        assert message in refused(seeded, edits.save_centre_facts, "ki-05978", changes)[field]
    assert "gibt es nicht" in refused(seeded, edits.save_centre_facts, "ki-00000", {"applied_on": "2012-01-01"})["id"]


def test_persons_positions_networks_members_and_offers(seeded):
    edits.create(seeded, "organisations", MSO)
    edits.create(seeded, "persons", {"id": "per-1", "name": "Ayşe Yılmaz", "organisation_id": "org-test-1",
                                     "function": "Vorsitzende", "consent": "öffentlich", "consent_date": "2024-02-01"})
    edits.create(seeded, "persons", {"id": "per-2", "name": "Jens Becker", "organisation_id": "ki-05978",
                                     "consent": "intern", "consent_date": "2024-02-01"})
    position = edits.create(seeded, "positions", {"id": "pos-1", "centre_id": "ki-05978", "profession": "Lehrkraft",
                                                  "fte": "0,5", "funding": "Abordnung", "role": "Leitung",
                                                  "person_id": "per-2"})
    assert position["fte"] == 0.5 and position["profession"] == "teacher" and position["role"] == "lead"
    edits.create(seeded, "networks", {"id": "net-1", "name": "Arbeitskreis Seiteneinstieg", "centre_id": "ki-05978"})
    member = edits.create(seeded, "network_members", {"network_id": "net-1", "organisation_id": "org-test-1",
                                                      "since": "2019-01-01"})
    assert edits.end(seeded, "network_members", ("net-1", "org-test-1"), "2022-01-01")["until"] == D(2022, 1, 1)
    assert member["since"] == D(2019, 1, 1)
    offer = edits.create(seeded, "offers", {"id": "off-1", "title": "Rucksack KiTa", "provider_id": "ki-05978",
                                            "task": "elternarbeit", "stages": "frühe Bildung",
                                            "fields": "Bildung", "municipality": "05978020"})
    assert offer["stages"] == ["fruehe_bildung"] and offer["fields"] == ["bildung"]

    assert "Datum der Einwilligung fehlt" in refused(
        seeded, edits.create, "persons", {"id": "per-3", "name": "X Y", "organisation_id": "org-test-1", "consent": "public"}
    )["consent_date"]
    assert "zwischen 0 und 1" in refused(
        seeded, edits.create, "positions", {"id": "pos-2", "centre_id": "ki-05978", "profession": "teacher",
                                            "fte": "1,5", "funding": "state_secondment"}
    )["fte"]
    assert "keine Zahl" in refused(
        seeded, edits.create, "positions", {"id": "pos-2", "centre_id": "ki-05978", "profession": "teacher",
                                            "fte": "halb", "funding": "state_secondment"}
    )["fte"]
    assert "'per-9' gibt es nicht" in refused(
        seeded, edits.update, "positions", "pos-1", {"person_id": "per-9"}
    )["person_id"]
    assert "'net-9' gibt es nicht" in refused(
        seeded, edits.create, "network_members", {"network_id": "net-9", "organisation_id": "org-test-1"}
    )["network_id"]
    assert "unbekannter Wert 'kochen'" in refused(
        seeded, edits.create, "offers", {"id": "off-2", "title": "Kochkurs", "provider_id": "ki-05978", "task": "kochen"}
    )["task"]
