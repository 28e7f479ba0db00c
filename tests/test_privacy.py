"""Issue 19, part B: who sees `internal` contact persons (only within a centre's network), every
download of contact persons recorded, and the access report (Art. 15 DSGVO) complete."""

from __future__ import annotations

import csv
import io
import json

import pytest
from auth import make_app

from kiz_graph import cli
from kiz_graph.exchange import export, seeding
from kiz_graph.records import downloads, edits, visibility

UNNA, DORTMUND, BOCHUM, HAMM, KOELN = "ki-05978", "ki-05913", "ki-05911", "ki-05915", "ki-05315"
PUBLIC, INTERNAL, NONE = ("Anna Quast", "anna@ia-unna.example"), ("Berta Quast", "berta@ia-unna.example"), \
    ("Carla Quast", "carla@ia-unna.example")


@pytest.fixture(scope="module")
def app(module_db):
    """An organisation of Unna with a public, an internal and a no-consent person; Dortmund
    cooperates with it (active), Bochum's network has it as a member, Hamm's cooperation has
    ended, Köln has nothing to do with it."""
    db = module_db
    seeding.seed(db)
    edits.create(db, "organisations", {"id": "o-unna", "name": "Integrationsagentur Unna", "type": "FundedStructure",
                                       "region": "05978", "municipality": "05978020"})
    for pid, (name, email), consent in (("p-pub", PUBLIC, "public"), ("p-int", INTERNAL, "internal"),
                                        ("p-none", NONE, "none")):
        edits.create(db, "persons", {"id": pid, "name": name, "organisation_id": "o-unna", "consent": consent,
                                     "consent_date": None if consent == "none" else "2024-01-01", "email": email,
                                     "function": "Beratung"})
    edits.create(db, "cooperations", {"from_id": DORTMUND, "to_id": "o-unna", "form": "Projekt", "since": "2020-01-01"})
    edits.create(db, "cooperations", {"from_id": HAMM, "to_id": "o-unna", "form": "Projekt", "since": "2015-01-01",
                                      "until": "2022-12-31"})
    edits.create(db, "networks", {"id": "n-bochum", "name": "Runder Tisch Bochum", "centre_id": BOCHUM})
    edits.create(db, "network_members", {"network_id": "n-bochum", "organisation_id": "o-unna", "since": "2021-01-01"})
    return make_app(db)


@pytest.fixture(scope="module")
def clients(app):
    from auth import signed_in, user_for

    db = app.config["DATABASE"]
    made = {}

    def client(role, centre=None):
        if (role, centre) not in made:
            made[role, centre] = signed_in(app, user_for(db, role, centre))
        return made[role, centre]

    return client


def texts(client, query="q=Quast") -> dict[str, str]:
    return {"page": client.get(f"/verzeichnis/?{query}").get_data(as_text=True),
            "csv": client.get(f"/verzeichnis/export.csv?{query}").data.decode("utf-8-sig"),
            "vcard": client.get(f"/verzeichnis/export.vcf?{query}").data.decode("utf-8")}


VIEWERS = {  # who looks -> whether they see the internal person
    "coordination": (("coordination",), True),
    "Unna (the organisation's own region)": (("centre_staff", UNNA), True),
    "Dortmund (active cooperation)": (("centre_staff", DORTMUND), True),
    "Bochum (member of its network)": (("centre_staff", BOCHUM), True),
    "Hamm (cooperation ended)": (("centre_staff", HAMM), False),
    "Köln (no tie)": (("centre_staff", KOELN), False),
    "partner": (("partner",), False),
}


@pytest.mark.parametrize("viewer", VIEWERS)
def test_internal_persons_only_within_the_network_in_page_csv_and_vcard(clients, viewer):
    who, sees_internal = VIEWERS[viewer]
    for where, text in texts(clients(*who)).items():
        assert PUBLIC[0] in text and PUBLIC[1] in text, (viewer, where)
        assert (INTERNAL[0] in text, INTERNAL[1] in text) == (sees_internal, sees_internal), (viewer, where)
        assert NONE[0] not in text and NONE[1] not in text, (viewer, where)


def test_the_rule_in_one_place():
    assert visibility.visible_consents("coordination") == ["internal", "public"]
    assert visibility.visible_consents("centre_staff") == ["public"]
    assert visibility.network_consents("centre_staff") == ["internal"]
    assert visibility.visible_consents("partner") == ["public"] and visibility.network_consents("partner") == []
    sight = visibility.Sight(("public",), ("internal",), frozenset({"o-unna"}))
    assert sight.may_see("internal", "o-unna") and not sight.may_see("internal", "o-koeln")
    assert not sight.may_see(None, "o-unna") and not sight.may_see("none", "o-unna")


def test_a_centres_list_shows_internal_persons_of_partners_only_within_its_network(clients):
    dortmund = clients("centre_staff", DORTMUND).get(f"/zentren/{DORTMUND}/personen/").get_data(as_text=True)
    hamm = clients("centre_staff", HAMM).get(f"/zentren/{HAMM}/personen/").get_data(as_text=True)
    assert PUBLIC[0] in dortmund and INTERNAL[0] in dortmund and NONE[0] not in dortmund
    assert PUBLIC[0] in hamm and INTERNAL[0] not in hamm and NONE[0] not in hamm


def test_the_network_page_its_hover_cards_and_graph_files_carry_public_contacts_only(clients):
    paths = [f"/zentren/{DORTMUND}/netzwerk{suffix}" for suffix in ("", "/zeichnung.json", ".graphml", ".gexf")]
    inside = clients("centre_staff", DORTMUND)
    for path in paths:
        text = inside.get(path).get_data(as_text=True)
        assert INTERNAL[0] not in text and INTERNAL[1] not in text and NONE[1] not in text, path
        assert PUBLIC[1] in text or path.endswith("netzwerk"), path  # the page's table names no contact
    hover = json.dumps(inside.get(paths[1]).get_json(), ensure_ascii=False)
    assert f"Kontakt: {PUBLIC[0]}" in hover
    outside = clients("centre_staff", KOELN)
    assert [outside.get(path).status_code for path in paths] == [403] * 4
    assert PUBLIC[1] in clients("coordination").get(paths[2]).get_data(as_text=True)


def test_every_download_of_contact_persons_is_recorded(app, clients, tmp_path):
    db = app.config["DATABASE"]
    clients("centre_staff", DORTMUND).get("/verzeichnis/export.csv?ort=05978&art=person")
    clients("centre_staff", HAMM).get("/verzeichnis/export.vcf?ort=05978020")
    clients("centre_staff", DORTMUND).get(f"/zentren/{DORTMUND}/netzwerk.gexf")
    export.export(db, tmp_path, "xlsx", DORTMUND, user=downloads.CLI_USER)
    latest = {(row["user"], row["kind"]): row for row in reversed(downloads.recent(db))}  # the newest of each
    csv_row = latest["centre_staff-ki-05913", "directory_csv"]
    assert csv_row["what"] == "Ort: Kreis Unna; nur Ansprechpersonen" and csv_row["persons"] == 2
    vcard = latest["centre_staff-ki-05915", "directory_vcard"]  # a filter without a name: the same rule
    assert vcard["persons"] == 1 and vcard["what"] == "Ort: Kamen"  # the public person only
    assert latest["centre_staff-ki-05913", "network_gexf"]["persons"] == 1
    assert latest["CLI", "export_xlsx"]["persons"] == 3 and latest["CLI", "export_xlsx"]["centre"] == DORTMUND
    included = {row["id"] for row in downloads.of_person(db, "p-int")}
    assert {csv_row["id"], latest["CLI", "export_xlsx"]["id"]} <= included and vcard["id"] not in included
    # the coordination office sees them; nobody else
    page = clients("coordination").get("/datenschutz/downloads").get_data(as_text=True)
    assert "Verzeichnis als vCard" in page and "centre_staff-ki-05915" in page and "Ort: Kamen" in page
    assert clients("centre_staff", UNNA).get("/datenschutz/downloads").status_code == 403


def test_a_directory_download_records_who_which_and_whom(app, clients):
    db = app.config["DATABASE"]
    response = clients("centre_staff", DORTMUND).get("/verzeichnis/export.csv?q=Quast")
    listed = {row["Name"] for row in csv.DictReader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";")}
    row = downloads.recent(db, 1)[0]
    assert (row["user"], row["kind"], row["what"]) == ("centre_staff-ki-05913", "directory_csv",
                                                       "Suchtext (nicht gespeichert)")
    assert row["persons"] == 2 and listed == {PUBLIC[0], INTERNAL[0]}
    assert "Quast" not in json.dumps(row)  # neither the search text nor a name
    assert row["id"] in {download["id"] for download in downloads.of_person(db, "p-int")}


def test_the_command_line_export_is_recorded(app, tmp_path, neo4j_settings, monkeypatch):
    db = app.config["DATABASE"]
    for name, value in (("NEO4J_URI", neo4j_settings.uri), ("NEO4J_USER", neo4j_settings.user),
                        ("NEO4J_PASSWORD", neo4j_settings.password), ("NEO4J_DATABASE", neo4j_settings.database)):
        monkeypatch.setenv(name, value)
    assert cli.main(["export", str(tmp_path), "--format", "graphml", "--centre", DORTMUND]) == 0
    row = downloads.recent(db, 1)[0]
    assert (row["user"], row["kind"], row["centre"], row["persons"]) == ("CLI", "export_graphml", DORTMUND, 2)


# The access report (Art. 15 DSGVO) ---------------------------------------------------------

@pytest.fixture(scope="module")
def dora(app, clients):
    """A person with a workplace, a post, an edit of her record and a download that held her."""
    db = app.config["DATABASE"]
    edits.create(db, "persons", {"id": "p-dora", "name": "Dora Quast", "organisation_id": "o-unna",
                                 "consent": "internal", "consent_date": "2024-02-01", "email": "dora@ia-unna.example",
                                 "phone": "02303 555-1234", "function": "Leitung", "languages": "tr"}, user="anlegerin")
    edits.update(db, "persons", ("p-dora",), {"email": "dora.quast@ia-unna.example", "function": "Geschäftsführung"},
                 user="bearbeiter")
    edits.create(db, "positions", {"id": "pos-unna-9", "centre_id": UNNA, "profession": "teacher", "fte": 1.0,
                                   "funding": "state_secondment", "person_id": "p-dora"}, user="anlegerin")
    assert clients("coordination").get("/verzeichnis/export.vcf?q=Dora").status_code == 200
    return "p-dora"


def check_complete(report: dict) -> None:
    assert report["title"] == "Auskunft nach Art. 15 DSGVO"
    held = report["person"]["properties"]
    assert (held["name"], held["email"], held["phone"], held["languages"]) == (
        "Dora Quast", "dora.quast@ia-unna.example", "02303 555-1234", ["tr"])
    assert [(w["id"], w["name"], w["function"]) for w in report["workplaces"]] == [
        ("o-unna", "Integrationsagentur Unna", "Geschäftsführung")]
    assert [(p["id"], p["profession"], p["centre"]) for p in report["positions"]] == [
        ("pos-unna-9", "teacher", "Kommunales Integrationszentrum Kreis Unna")]
    assert (report["consent"]["level"], report["consent"]["date"]) == ("internal", "2024-02-01")
    changes = [(c["user"], c["kind"], c["action"]) for c in report["changes"]]
    assert changes == [("anlegerin", "persons", "create"), ("bearbeiter", "persons", "update"),
                       ("anlegerin", "positions", "create")]
    edited = {d["name"]: (d["before"], d["after"]) for d in report["changes"][1]["differences"]}
    assert edited == {"email": ("dora@ia-unna.example", "dora.quast@ia-unna.example"),
                      "function": ("Leitung", "Geschäftsführung")}
    assert [(d["user"], d["kind"], d["persons"]) for d in report["downloads"]] == [
        ("coordination", "directory_vcard", 1)]


def test_the_access_report_holds_everything_about_a_person(clients, dora):
    check_complete(clients("centre_staff", UNNA).get(f"/zentren/{UNNA}/auskunft/{dora}?format=json").get_json())
    page = clients("coordination").get(f"/datenschutz/auskunft/{dora}").get_data(as_text=True)
    for shown in ("Auskunft nach Art. 15 DSGVO", "Dora Quast", "dora.quast@ia-unna.example", "dora@ia-unna.example",
                  "Integrationsagentur Unna", "Geschäftsführung", "Lehrkraft", "intern", "01.02.2024", "anlegerin",
                  "bearbeiter", "Verzeichnis als vCard", "Als JSON herunterladen"):
        assert shown in page, shown


def test_the_access_report_opens_only_for_the_persons_network_and_the_coordination_office(clients, dora):
    assert clients("centre_staff", DORTMUND).get(f"/zentren/{DORTMUND}/auskunft/{dora}").status_code == 200
    assert clients("centre_staff", KOELN).get(f"/zentren/{KOELN}/auskunft/{dora}").status_code == 404
    assert clients("centre_staff", KOELN).get(f"/zentren/{UNNA}/auskunft/{dora}").status_code == 403
    assert clients("partner").get(f"/datenschutz/auskunft/{dora}").status_code == 403
    unknown = clients("coordination").get("/datenschutz/auskunft/gibt-es-nicht")
    assert unknown.status_code == 404 and "gibt-es-nicht" in unknown.get_data(as_text=True)
    found = clients("coordination").get(f"/datenschutz/auskunft/?kennung={dora}")
    assert found.status_code == 302 and found.location.endswith(f"/datenschutz/auskunft/{dora}")
    assert clients("coordination").get("/datenschutz/auskunft/?kennung=").status_code == 400
    person_form = clients("centre_staff", UNNA).get(f"/zentren/{UNNA}/personen/eintrag/{dora}").get_data(as_text=True)
    assert f"/zentren/{UNNA}/auskunft/{dora}" in person_form


def test_the_access_report_from_the_command_line(app, dora, neo4j_settings, monkeypatch, capsys):
    for name, value in (("NEO4J_URI", neo4j_settings.uri), ("NEO4J_USER", neo4j_settings.user),
                        ("NEO4J_PASSWORD", neo4j_settings.password), ("NEO4J_DATABASE", neo4j_settings.database)):
        monkeypatch.setenv(name, value)
    assert cli.main(["persons", "report", dora, "--json"]) == 0
    check_complete(json.loads(capsys.readouterr().out))
    assert cli.main(["persons", "report", dora]) == 0
    text = capsys.readouterr().out
    assert "Auskunft nach Art. 15 DSGVO" in text and "E-Mail: dora@ia-unna.example -> dora.quast@ia-unna.example" in text
    assert cli.main(["persons", "report", "gibt-es-nicht"]) == 2
    assert "Ansprechperson gibt-es-nicht ist nicht bekannt" in capsys.readouterr().err


def test_a_download_keeps_no_trace_of_a_person_erased_later(app, clients):
    db = app.config["DATABASE"]
    edits.create(db, "persons", {"id": "p-gone", "name": "Gisela Vergessen", "organisation_id": "o-unna",
                                 "consent": "public", "consent_date": "2024-01-01", "email": "gisela@ia-unna.example"})
    clients("coordination").get("/verzeichnis/export.csv?q=Gisela")
    db.run_text("MATCH (p:Person {id: 'p-gone'}) DETACH DELETE p", write=True)
    row = downloads.recent(db, 1)[0]
    assert (row["persons"], row["still_held"]) == (1, 0)
    held = db.run_text("MATCH (d:Download {id: $id}) RETURN properties(d) AS p", {"id": row["id"]}, write=False)[0]["p"]
    assert not any("Gisela" in str(value) or "gisela@" in str(value) for value in held.values())


def test_a_network_file_to_share_holds_only_what_its_recipient_may_see(app, clients):
    staff = clients("centre_staff", DORTMUND)
    files = {}
    for recipient in ("partner", "centre_staff"):
        response = staff.get(f"/zentren/{DORTMUND}/netzwerk/teilen?fuer={recipient}")
        assert response.status_code == 200 and response.mimetype == "text/html"
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith(f'attachment; filename="netzwerk-{DORTMUND}-stand-') and disposition.endswith(
            f'-{recipient.replace("_", "-")}.html"')
        files[recipient] = response.get_data(as_text=True)
    partner, inside = files["partner"], files["centre_staff"]
    assert "Integrationsagentur Unna" in partner and "für Partner" in partner and "Stand " in partner
    assert PUBLIC[0] in partner and INTERNAL[0] not in partner and INTERNAL[1] not in partner
    assert INTERNAL[0] in inside and INTERNAL[1] in inside and "für Mitarbeitende des Zentrums" in inside
    for text in (partner, inside):
        assert NONE[0] not in text and NONE[1] not in text
        assert "<script src" not in text and "<link" not in text  # script and style inside (the browser test)
    db = app.config["DATABASE"]
    latest = {row["what"].split("; ")[2]: row["id"] for row in reversed(downloads.recent(db))
              if row["kind"] == "network_share"}  # the newest of each
    recorded = {pid: {row["id"] for row in downloads.of_person(db, pid)} for pid in ("p-pub", "p-int", "p-none")}
    assert {latest["für Partner"], latest["für Mitarbeitende des Zentrums"]} <= recorded["p-pub"]
    assert latest["für Mitarbeitende des Zentrums"] in recorded["p-int"]
    assert latest["für Partner"] not in recorded["p-int"]
    assert not set(latest.values()) & recorded["p-none"]  # (the operator's export holds everyone)
    # Never more than the downloader's own role sees; partners open no centre's network.
    refused = staff.get(f"/zentren/{DORTMUND}/netzwerk/teilen?fuer=coordination")
    assert refused.status_code == 400 and "Für wen" in refused.get_data(as_text=True)
    assert clients("partner").get(f"/zentren/{DORTMUND}/netzwerk/teilen").status_code == 403
    assert clients("centre_staff", KOELN).get(f"/zentren/{DORTMUND}/netzwerk/teilen").status_code == 403
    form = staff.get(f"/zentren/{DORTMUND}/netzwerk").get_data(as_text=True)
    assert 'name="fuer"' in form and 'value="partner"' in form and 'value="coordination"' not in form
    assert 'value="coordination"' in clients("coordination").get(f"/zentren/{DORTMUND}/netzwerk").get_data(
        as_text=True)
