"""The contact directory: name search, filters, consent, and the CSV and vCard downloads."""

from __future__ import annotations

import csv
import io

import pytest
from auth import make_app

from kiz_graph.exchange import seeding
from kiz_graph.records import edits, search

UNNA = "ki-05978"


@pytest.fixture(scope="module")
def app(module_db):
    db = module_db
    seeding.seed(db)
    edits.create(db, "organisations", {
        "id": "o-unna", "name": "Integrationsagentur Unna", "type": "FundedStructure", "region": "05978",
        "municipality": "05978020", "fields": "bildung", "stages": "primarstufe", "languages": "tr",
        "email": "info@ia-unna.example", "street": "Markt 1", "postcode": "59174", "city": "Kamen"})
    edits.create(db, "organisations", {
        "id": "o-koeln", "name": "Elternnetzwerk Köln; Kultur, Bildung", "type": "MSO", "region": "05315",
        "municipality": "05315000", "fields": "beschaeftigung", "stages": "sekundarstufe_1", "languages": "ar"})
    edits.create(db, "organisations", {
        "id": "o-alt", "name": "Alte Müller-Stiftung Unna", "type": "Other", "region": "05978", "until": "2020-01-01"})
    people = [
        ("p-public", "Anna Müller", "o-unna", "public", "tr|ar", "anna@ia-unna.example", "Leitung"),
        ("p-internal", "Berta Müller", "o-unna", "internal", "tr", "berta@ia-unna.example", None),
        ("p-none", "Carla Müller", "o-unna", "none", "tr", "carla@ia-unna.example", None),
        ("p-missing", "Dora Müller", "o-koeln", None, "ar", "dora@elternnetz.example", None),
        ("p-comma", "Müller, Hans", "o-koeln", "public", "ar", "hans@elternnetz.example", "Vorstand"),
        ("p-koeln", "Dilek Yilmaz", "o-koeln", "public", "", "dilek@elternnetz.example", None),
    ]
    for pid, name, org, consent, languages, email, function in people:
        edits.create(db, "persons", {
            "id": pid, "name": name, "organisation_id": org, "consent": consent,
            "consent_date": "2024-01-01" if consent in ("public", "internal") else None,
            "languages": languages, "email": email, "phone": "+49 2303 555-0", "function": function})
    edits.create(db, "persons", {"id": "p-ended", "name": "Emil Müller", "organisation_id": "o-unna",
                                    "consent": "public", "consent_date": "2020-01-01", "until": "2021-01-01"})
    return make_app(db)


def names(client, query: str) -> set[str]:
    """The names in the CSV download: it has exactly the rows of the page."""
    response = client.get(f"/verzeichnis/export.csv?{query}")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    return {row["Name"] for row in rows}


ANNA_ORG = {"Integrationsagentur Unna", "Anna Müller", "Berta Müller"}
KOELN = {"Elternnetzwerk Köln; Kultur, Bildung", "Müller, Hans", "Dilek Yilmaz"}


def test_each_filter_narrows_the_results(client_for):
    land = client_for("coordination")
    assert names(land, "feld=bildung") == ANNA_ORG
    assert names(land, "stufe=sekundarstufe_1") == KOELN
    assert names(land, "ort=05978") == ANNA_ORG  # the Kreis: the organisation is in Kamen
    assert names(land, "ort=05978020") == ANNA_ORG
    assert names(land, "ort=Kamen") == ANNA_ORG  # a place by name
    assert names(land, "ort=05315") == KOELN
    assert names(land, "ort=05978036") == set()  # Unna itself: nobody there
    assert names(land, "typ=MigrantOrganisation") == KOELN
    assert names(land, "typ=MSO") == KOELN  # the vocabulary's alias
    # a language: the organisation's own, or the person's own
    assert names(land, "sprache=ar") == {"Anna Müller", "Elternnetzwerk Köln; Kultur, Bildung", "Müller, Hans"}
    assert names(land, "art=organisation&ort=05978") == {"Integrationsagentur Unna"}
    assert names(land, "art=person&feld=bildung") == {"Anna Müller", "Berta Müller"}
    assert names(land, "q=Müller&ort=05315") == {"Müller, Hans"}
    assert names(land, "q=Müller&sprache=tr") == {"Anna Müller", "Berta Müller"}
    assert names(land, "q=") == set()  # neither name nor filter: nothing
    assert names(land, "art=person") == set()  # only a kind narrows nothing down


def test_name_search_ignores_umlauts_and_ended_records(client_for):
    land = client_for("coordination")
    found = names(land, "q=Mueller")
    assert {"Anna Müller", "Berta Müller", "Müller, Hans"} <= found
    assert "Emil Müller" not in found and "Alte Müller-Stiftung Unna" not in found  # ended
    assert names(land, "q=Koeln") == {"Elternnetzwerk Köln; Kultur, Bildung"}


def test_the_filter_alone_needs_no_full_text_call(app, monkeypatch):
    calls = []
    db = app.config["DATABASE"]
    original = db.read
    monkeypatch.setattr(db, "read", lambda name, **params: calls.append(params) or original(name, **params))
    rows = search.directory(db, "", "coordination", filters=search.DirectoryFilters(place="05315"))
    assert {row["name"] for row in rows} == KOELN
    assert calls[0]["query"] is None


def test_a_partner_sees_only_public_persons_in_page_csv_and_vcard(client_for):
    partner = client_for("partner")
    page = partner.get("/verzeichnis/?q=Mueller").get_data(as_text=True)
    csv_text = partner.get("/verzeichnis/export.csv?q=Mueller").data.decode("utf-8-sig")
    vcard = partner.get("/verzeichnis/export.vcf?q=Mueller").data.decode("utf-8")
    for text in (page, csv_text, vcard):
        assert "Anna Müller" in text and "anna@ia-unna.example" in text
        for hidden in ("Berta", "berta@", "Carla", "carla@", "Dora", "dora@"):
            assert hidden not in text
    # a filter without a name: the same rule
    everything = "".join(partner.get(f"/verzeichnis/{path}?feld=bildung").get_data(as_text=True)
                         for path in ("", "export.csv", "export.vcf"))
    assert "Anna Müller" in everything and "Integrationsagentur Unna" in everything
    assert "berta@" not in everything and "carla@" not in everything


def test_centre_staff_see_internal_persons_but_never_none(client_for):
    team = client_for("centre_staff", UNNA)
    page = team.get("/verzeichnis/?q=Mueller").get_data(as_text=True)
    csv_text = team.get("/verzeichnis/export.csv?q=Mueller").data.decode("utf-8-sig")
    vcard = team.get("/verzeichnis/export.vcf?q=Mueller").data.decode("utf-8")
    for text in (page, csv_text, vcard):
        assert "Berta Müller" in text and "berta@ia-unna.example" in text
        assert "Carla" not in text and "carla@" not in text and "Dora" not in text


def test_the_organisation_of_a_hidden_person_still_appears(client_for):
    partner = client_for("partner")
    assert names(partner, "q=Integrationsagentur") == {"Integrationsagentur Unna"}


def test_csv_format(client_for):
    response = client_for("coordination").get("/verzeichnis/export.csv?q=Anna")
    assert response.data.startswith(b"\xef\xbb\xbf")
    assert response.headers["Content-Disposition"].startswith("attachment")
    text = response.data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Name;Art;Organisation;Funktion;Ort;Sprachen;E-Mail;Telefon"
    assert ("Anna Müller;Ansprechperson;Integrationsagentur Unna;Leitung;Kamen;Türkisch, Arabisch;"
            "anna@ia-unna.example;'+49 2303 555-0") in text  # Excel would read a formula


def test_the_vcard_escapes_and_has_one_card_per_entry(client_for):
    response = client_for("coordination").get("/verzeichnis/export.vcf?ort=05315")
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.content_type.startswith("text/vcard")
    text = response.data.decode("utf-8")
    assert text.count("BEGIN:VCARD\r\nVERSION:3.0\r\n") == 3 and text.count("END:VCARD\r\n") == 3
    unfolded = text.replace("\r\n ", "")
    assert "FN:Müller\\, Hans\r\n" in unfolded and "N:Müller;Hans;;;\r\n" in unfolded
    assert "ORG:Elternnetzwerk Köln\\; Kultur\\, Bildung\r\n" in unfolded
    assert "TITLE:Vorstand\r\n" in unfolded
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))


def test_the_page_is_labelled_and_links_the_downloads_with_the_query(client_for):
    page = client_for("partner").get("/verzeichnis/?q=Mueller&feld=bildung").get_data(as_text=True)
    for control in ("q", "feld", "stufe", "ort", "sprache", "typ", "art"):
        assert f'<label for="{control}">' in page and f'id="{control}"' in page
    assert "<caption>" in page
    assert "/verzeichnis/export.csv?q=Mueller&amp;feld=bildung" in page
    assert "/verzeichnis/export.vcf?q=Mueller&amp;feld=bildung" in page
    assert "Handlungsfeld" in page and ">sprachliche und interkulturelle Bildung<" in page
    assert "http://" not in page and "https://" not in page and "<script" not in page


def test_an_unknown_filter_value_finds_nothing_and_says_so(client_for):
    partner = client_for("partner")
    page = partner.get("/verzeichnis/?q=Mueller&feld=gibtsnicht").get_data(as_text=True)
    assert "nicht bekannt" in page and "Anna Müller" not in page
    assert names(partner, "q=Mueller&ort=Atlantis") == set()


def test_anonymous_users_are_sent_to_sign_in(client):
    for path in ("/verzeichnis/", "/verzeichnis/export.csv", "/verzeichnis/export.vcf"):
        path += "?q=Mueller"
        response = client.get(path)
        assert response.status_code == 302 and "/anmelden" in response.location
