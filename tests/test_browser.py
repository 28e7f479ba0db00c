"""The web app in a real browser: headless Chromium (Debian's) driven by Playwright.

One seeded demo network and one live server serve the whole module (seeding takes
seconds); every test gets a fresh browser context, signs in through the real form and
submits the real forms, CSRF token included. Tests that write use their own ids, so
they do not depend on each other's order. Every test also checks that the page asked
nothing of another origin.
"""

from __future__ import annotations

import datetime as dt
import re

from browser_support import (CENTRE, CENTRE_NAME, browser, field, live_server,  # noqa: F401 - fixtures are used by name
                             page, seeded, sign_in)
from playwright.sync_api import expect

from kiz_graph.records import audit, edits, workspace
from kiz_graph.store import maintenance

OTHER_CENTRE = "ki-05913"  # Dortmund
OTHER_ORGANISATION = "org-05913-00001"  # one of Dortmund's demo organisations


def open_new_organisation_form(page) -> None:
    nav = page.get_by_role("navigation", name="Bereiche des Zentrums")
    nav.get_by_role("link", name="Organisationen", exact=True).click()
    page.get_by_role("link", name="Organisation anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisation anlegen")


def test_centre_staff_signs_in_and_lands_on_the_centre_dashboard(page, live_server):
    sign_in(page)

    assert page.url == f"{live_server}/zentren/{CENTRE}/"
    expect(page.get_by_role("heading", name="Offene Pflicht-Lücken")).to_be_visible()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    page.requests.assert_same_origin()


def test_add_organisation_and_cooperation_end_it_and_undo_the_ending(page, seeded):
    name = "Elternverein Brücke Unna"
    sign_in(page)

    open_new_organisation_form(page)
    expect(page.get_by_label(re.compile("^Kennung"))).to_have_count(0)  # ids are made, not typed
    field(page, "Name").fill(name)
    field(page, "Typ").select_option(label="Migrantenselbstorganisation")
    field(page, "Gemeinde").select_option(label="Unna")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_have_text("Organisation gespeichert.")
    [saved] = workspace.list_page(seeded, CENTRE, "organisations", q=name).records
    assert (saved["name"], saved["type"], saved["municipality"]) == (name, "MigrantOrganisation", "05978036")
    assert re.fullmatch(r"org-05978-\d{5}", saved["id"])
    key = (CENTRE, saved["id"], "Kooperationsvereinbarung")

    page.get_by_role("navigation", name="Bereiche des Zentrums").get_by_role("link", name="Kooperationen").click()
    page.get_by_role("link", name="Kooperation anlegen").click()
    field(page, "Mit").select_option(label=name)
    field(page, "Form").select_option(label="Kooperationsvereinbarung")
    field(page, "Seit").fill("2024-03-01")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_have_text("Kooperation gespeichert.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kooperation bearbeiten")
    assert edits.get(seeded, "cooperations", key)["form"] == "Kooperationsvereinbarung"

    page.get_by_label("Beendet am").fill("2025-06-30")
    page.get_by_role("button", name="Kooperation beenden").click()
    expect(page.get_by_role("status")).to_have_text("Kooperation beendet.")
    expect(field(page, "Bis")).to_have_value("2025-06-30")
    assert edits.get(seeded, "cooperations", key)["until"] == dt.date(2025, 6, 30)

    # Each undo button is named after its change.
    expect(page.get_by_role("heading", name="Verlauf", exact=True)).to_be_visible()
    history = page.get_by_role("table", name="Verlauf")
    history.get_by_role("button", name=re.compile(rf"^Rückgängig: Kooperation mit {name} .* beendet$")).click()
    expect(page.get_by_role("status")).to_contain_text("Rückgängig gemacht")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kooperation bearbeiten")
    expect(field(page, "Bis")).to_have_value("")
    assert edits.get(seeded, "cooperations", key)["until"] is None
    page.requests.assert_same_origin()


def test_another_centres_data_is_refused_and_stays_unchanged(page, seeded):
    dortmund = edits.get(seeded, "organisations", OTHER_ORGANISATION)
    assert dortmund is not None and OTHER_CENTRE in audit.centres_of(seeded, "organisations", dortmund)
    sign_in(page)

    response = page.goto(f"/zentren/{OTHER_CENTRE}/organisations/neu")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Kein Zugriff")

    response = page.goto(f"/zentren/{CENTRE}/organisations/eintrag/{OTHER_ORGANISATION}")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Seite nicht gefunden")

    # The own form, with a valid token, sent to the other centre's address: refused too.
    page.goto(f"/zentren/{CENTRE}/")
    open_new_organisation_form(page)
    field(page, "Name").fill("Untergeschobener Verein")
    field(page, "Typ").select_option(label="Migrantenselbstorganisation")
    page.locator("form.form").evaluate("(form, action) => { form.action = action; }",
                                       f"/zentren/{OTHER_CENTRE}/organisations/neu")
    with page.expect_response(lambda r: r.request.method == "POST") as submitted:
        page.get_by_role("button", name="Speichern").click()
    assert submitted.value.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Kein Zugriff")

    # The own centre's address, with the hidden region changed to Dortmund's: refused as well.
    page.goto(f"/zentren/{CENTRE}/organisations/neu")
    field(page, "Name").fill("Untergeschobener Verein")
    field(page, "Typ").select_option(label="Migrantenselbstorganisation")
    page.locator("input[type=hidden][name=region]").evaluate("input => { input.value = '05913'; }")
    with page.expect_response(lambda r: r.request.method == "POST") as submitted:
        page.get_by_role("button", name="Speichern").click()
    assert submitted.value.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Kein Zugriff")

    assert [workspace.list_page(seeded, centre, "organisations", q="Untergeschobener").total
            for centre in (CENTRE, OTHER_CENTRE)] == [0, 0]
    assert edits.get(seeded, "organisations", OTHER_ORGANISATION) == dortmund
    page.requests.assert_same_origin()


def test_missing_name_is_shown_next_to_the_field_and_the_typed_values_stay(page, seeded):
    sign_in(page)
    before = maintenance.snapshot(seeded)  # (signing in records the time)
    open_new_organisation_form(page)
    field(page, "Typ").select_option(label="Kita")
    field(page, "Gemeinde").select_option(label="Unna")
    field(page, "Ort").fill("Unna-Massen")

    with page.expect_response(lambda r: r.request.method == "POST") as submitted:
        page.get_by_role("button", name="Speichern").click()
    assert submitted.value.status == 422
    expect(page.get_by_role("alert")).to_contain_text("Es wurde nichts gespeichert")
    name = field(page, "Name")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description("Pflichtangabe fehlt")
    expect(field(page, "Typ")).to_have_value("Daycare")
    expect(field(page, "Gemeinde")).to_have_value("05978036")
    expect(field(page, "Ort")).to_have_value("Unna-Massen")
    assert maintenance.snapshot(seeded) == before
    page.requests.assert_same_origin()


def test_the_network_page_of_kreis_unna(page):
    """The graph, legend, table and Pflicht gaps show; the find box and a filter change what is shown."""
    sign_in(page)
    page.goto(f"/zentren/{CENTRE}/netzwerk?stichtag=2021-12-31")  # konzept-2012's last day: it has Pflicht partners
    expect(page.locator("#netzwerk-grafik canvas")).to_be_visible()  # vis-network drew the graph
    expect(page.get_by_role("heading", name="Legende")).to_be_visible()
    expect(page.get_by_role("heading", name="Fehlende Pflicht-Partner")).to_be_visible()
    expect(page.locator(".network-gaps")).to_contain_text("KI-07")
    table = page.get_by_role("table", name="Das Netzwerk als Tabelle")
    all_rows = table.locator("tbody tr").count()
    assert all_rows > 20

    partner = table.locator("tbody tr").first.locator("td").first.inner_text()
    page.get_by_label("Organisation finden").fill(partner)
    page.get_by_role("button", name="Finden").click()
    expect(page.locator("#netzwerk-auswahl")).to_contain_text(f"{partner} (")

    with page.expect_download() as download:
        page.get_by_role("button", name="Bild (PNG)").click()
    assert download.value.suggested_filename.endswith(".png")
    assert download.value.path().read_bytes().startswith(b"\x89PNG")

    page.get_by_label("Kita", exact=True).check()
    page.get_by_role("button", name="Anzeigen").click()
    expect(page).to_have_url(re.compile(r"typ=Daycare"))
    kita_rows = table.locator("tbody tr")
    assert 0 < kita_rows.count() < all_rows
    assert set(kita_rows.locator("td:nth-child(2)").all_inner_texts()) == {"Kita"}  # the type column
    page.requests.assert_same_origin()


def test_an_excel_list_is_previewed_remapped_and_imported(page, seeded, tmp_path):
    """A list as kept in Excel: a title row, names instead of keys, a column the app reads as the
    city that is meant as the municipality; the user corrects the mapping and imports."""
    listing = tmp_path / "Partnerliste.csv"
    listing.write_bytes("Partnerliste KI Kreis Unna, Stand 2026\r\nEinrichtung;Art;Ort;Bemerkung\r\n"
                        "Frauentreff Bönen;MSO;Bönen;neu\r\n".encode("utf-8-sig"))
    sign_in(page)
    page.get_by_role("navigation", name="Bereiche des Zentrums").get_by_role("link", name="Import").click()
    expect(page.get_by_role("link", name="Vorlage (Excel-Arbeitsmappe)")).to_be_visible()
    page.get_by_label("Ihre Listen: CSV-Dateien oder eine Excel-Arbeitsmappe").set_input_files(listing)
    page.get_by_role("button", name="Vorschau anzeigen").click()

    # "Ort" alone reads as the city, so the organisation lacks its region: the mapping is offered.
    expect(page.get_by_role("alert")).to_contain_text("Pflichtangabe fehlt")
    page.get_by_label("Ort", exact=True).select_option(label="Gemeinde")
    page.get_by_role("button", name="Zuordnung übernehmen und neue Vorschau").click()
    expect(page.get_by_role("heading", name="Vorschau")).to_be_visible()
    expect(page.get_by_text("Ort „Bönen“ → Bönen (05978008)")).to_be_visible()
    assert not seeded.run_text("MATCH (o:Organisation {name: 'Frauentreff Bönen'}) RETURN o", write=False)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # fits a phone

    page.get_by_role("button", name="Import bestätigen").click()
    expect(page.get_by_role("status")).to_contain_text("Import abgeschlossen")
    saved = seeded.run_text("MATCH (o:Organisation {name: 'Frauentreff Bönen'}) RETURN o.id AS id", write=False)
    assert edits.get(seeded, "organisations", saved[0]["id"])["municipality"] == "05978008"
    page.requests.assert_same_origin()


def test_a_person_is_erased_on_request_through_their_page(page, seeded):
    listed = workspace.list_page(seeded, CENTRE, "persons")
    person = next(record for record in listed.records if record["id"] not in listed.foreign)
    sign_in(page)
    page.goto(f"/zentren/{CENTRE}/personen/eintrag/{person['id']}")
    page.get_by_role("link", name="Ansprechperson löschen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ansprechperson löschen")
    expect(page.locator("main")).to_contain_text(f"{person['name']} endgültig gelöscht")
    page.get_by_label("Grund (freiwillig)").fill("Antrag per E-Mail vom 01.12.2026")
    page.get_by_role("button", name="Endgültig löschen").click(timeout=20_000)  # a fresh Neo4j compiles its queries

    expect(page.get_by_role("status")).to_contain_text("Die Ansprechperson wurde gelöscht.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ansprechpersonen")
    assert edits.get(seeded, "persons", person["id"]) is None
    assert audit.history(seeded, centre=CENTRE, limit=1)[0].summary.endswith("Antrag per E-Mail vom 01.12.2026")
    page.requests.assert_same_origin()
