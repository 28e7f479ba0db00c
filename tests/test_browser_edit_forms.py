"""Editing an existing record of every kind in a real browser, as a centre's staff does it.

Unna's staff signs in through the real form (CSRF on), opens a record of the demo network
through the centre's navigation (list → "Bearbeiten"; the centre's own facts under
"Angaben"), changes exactly one field and saves. The page confirms, the reloaded form
shows the new value, and the core holds it while every other value stays as it was.

One seeded demo network, one live server and one Chromium serve the module; every test
gets a fresh browser context and edits a different record (or field), so the order of the
tests does not matter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from browser_support import CENTRE, browser, field, live_server, page, seeded, sign_in  # noqa: F401 - fixtures
from playwright.sync_api import expect

from kiz_graph.records import edits, workspace
from web.arguments import KindConverter


def in_form(value) -> str:
    """A stored value as its form field holds it (ISO dates, German decimals)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def key_path(kind: str, record: dict) -> str:
    return "/".join(in_form(part) for part in edits.key_of(kind, record))


@dataclass(frozen=True)
class Edit:
    kind: str
    label: str  # the field's German label
    column: str
    typed: str  # what the user types (or the option label chosen)
    stored: object  # what the core must hold afterwards
    select: bool = False


EDITS = [
    pytest.param(Edit("organisations", "Telefon", "phone", "02303 555-0199", "02303 555-0199"),
                 id="organisation-telefon"),
    pytest.param(Edit("organisations", "Typ", "type", "Ehrenamtsinitiative", "VolunteerInitiative", select=True),
                 id="organisation-typ-ehrenamtsinitiative"),  # § 8 Abs. 1 Nr. 3 TIntG 2021
    pytest.param(Edit("persons", "Funktion", "function", "Integrationsbeauftragte", "Integrationsbeauftragte"),
                 id="person-funktion"),
    pytest.param(Edit("cooperations", "Notiz", "note", "Treffen im Mai vereinbart", "Treffen im Mai vereinbart"),
                 id="cooperation-notiz"),
    pytest.param(Edit("cooperations", "Letzter Kontakt", "last_contact", "2026-02-16", dt.date(2026, 2, 16)),
                 id="cooperation-letzter-kontakt"),
    pytest.param(Edit("cooperations", "Seit", "since", "2005-03-01", dt.date(2005, 3, 1)),
                 id="cooperation-seit"),  # a corrected start: the same cooperation, the same address
    pytest.param(Edit("positions", "Stellenanteil", "fte", "0,35", 0.35), id="position-stellenanteil"),
    pytest.param(Edit("networks", "Thema", "topic", "Mehrsprachigkeit in Kita und Schule",
                      "Mehrsprachigkeit in Kita und Schule"), id="network-thema"),
    pytest.param(Edit("network_members", "Seit", "since", "2020-01-15", dt.date(2020, 1, 15)),
                 id="network-member-seit"),
    pytest.param(Edit("offers", "Zielgruppe", "target_group", "Lehrkräfte und Schulsozialarbeit",
                      "Lehrkräfte und Schulsozialarbeit"), id="offer-zielgruppe"),
    pytest.param(Edit("offers", "Aufgabe", "task", "Qualifizierung und Fortbildung von Lehr- und Fachkräften",
                      "fortbildung", select=True), id="offer-aufgabe-qualifizierung"),  # § 8 Abs. 2 TIntG 2021
]

CENTRE_EDITS = [
    pytest.param(Edit("centres", "Antrag am", "applied_on", "2012-09-03", dt.date(2012, 9, 3)),
                 id="centre-antrag-am"),
    pytest.param(Edit("centres", "Beschlossen durch", "concept_adopted_by", "Rat", "Rat", select=True),
                 id="centre-beschlossen-durch"),
]


def change_and_save(page, edit: Edit, before: dict, saved_message: str, heading: str) -> None:
    """Change the one field, save, and see the confirmation and the new value in the reloaded form."""
    control = field(page, edit.label)
    expect(control).to_have_value(in_form(before[edit.column]))
    if edit.select:
        control.select_option(label=edit.typed)
    else:
        control.fill(edit.typed)
    with page.expect_response(lambda r: r.request.method == "POST") as submitted:
        page.get_by_role("button", name="Speichern").click()
    if submitted.value.status not in (302, 303):  # refused: name what the form marked
        expect(page.get_by_role("alert")).to_be_visible()
        marked = [" ".join(text.split()) for text in page.locator(".field.has-error").all_inner_texts()]
        pytest.fail(f"saving answered HTTP {submitted.value.status}; marked: {marked}")
    expect(page.get_by_role("status")).to_have_text(saved_message)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(field(page, edit.label)).to_have_value(in_form(edit.stored))


@pytest.mark.parametrize("edit", EDITS)
def test_staff_edits_one_field_of_an_existing_record(page, seeded, edit):
    spec = workspace.LISTS[edit.kind]
    before = workspace.list_page(seeded, CENTRE, edit.kind).records[0]  # the list's first row
    key = edits.key_of(edit.kind, before)
    assert before[edit.column] != edit.stored, "the test would change nothing"
    sign_in(page)

    page.get_by_role("navigation", name="Bereiche des Zentrums").get_by_role(
        "link", name=spec.title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(spec.title)
    address = f"/zentren/{CENTRE}/{KindConverter.SLUGS[edit.kind]}/eintrag/{key_path(edit.kind, before)}"
    row_link = page.get_by_role("table").locator(f'a[href="{address}"]')
    expect(row_link).to_have_accessible_name(re.compile(r"^Bearbeiten "))
    row_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{spec.singular} bearbeiten")

    change_and_save(page, edit, before, f"{spec.singular} gespeichert.", f"{spec.singular} bearbeiten")
    assert page.url.endswith(address)
    assert edits.get(seeded, edit.kind, key) == {**before, edit.column: edit.stored}  # lists keep their order
    page.requests.assert_same_origin()


@pytest.mark.parametrize("edit", CENTRE_EDITS)
def test_staff_edits_one_of_the_centres_own_facts(page, seeded, edit):
    before = edits.get(seeded, "centres", CENTRE)
    assert before[edit.column] != edit.stored, "the test would change nothing"
    sign_in(page)

    page.get_by_role("navigation", name="Bereiche des Zentrums").get_by_role(
        "link", name="Angaben", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Angaben des Zentrums")

    change_and_save(page, edit, before, "Angaben gespeichert.", "Angaben des Zentrums")
    assert edits.get(seeded, "centres", CENTRE) == {**before, edit.column: edit.stored}
    page.requests.assert_same_origin()


def test_staff_is_asked_about_an_organisation_the_region_has_and_saves_it_when_confirmed(page, seeded):
    """The duplicate warning of the new-organisation form (test_form_checks.py has the rest)."""
    twin = next(o for o in workspace.list_page(seeded, CENTRE, "organisations").records[1:] if o["municipality"])
    town = seeded.run_text("MATCH (m:Municipality {ags: $ags}) RETURN m.name AS name", {"ags": twin["municipality"]},
                           write=False)[0]["name"]
    sign_in(page)
    page.get_by_role("navigation", name="Bereiche des Zentrums").get_by_role(
        "link", name="Organisationen", exact=True).click()
    page.get_by_role("link", name="Organisation anlegen").click()
    field(page, "Name").fill(twin["name"].upper())
    field(page, "Typ").select_option(label="Migrantenselbstorganisation")
    field(page, "Gemeinde").select_option(label=town)
    page.get_by_role("button", name="Speichern").click()

    warning = page.get_by_role("group", name="Bitte prüfen und bestätigen")
    expect(warning).to_contain_text(f"Ähnliche Organisation vorhanden: {twin['name']} ({town})")
    expect(warning.get_by_role("link", name=twin["name"])).to_have_attribute(
        "href", f"/zentren/{CENTRE}/organisationen/eintrag/{twin['id']}")
    assert twins(seeded, twin) == [twin["name"]]
    warning.get_by_label("Trotzdem als neue Organisation anlegen").check()
    page.get_by_role("button", name="Speichern").click()

    expect(page.get_by_role("status")).to_have_text("Organisation gespeichert.")
    assert twins(seeded, twin) == sorted([twin["name"], twin["name"].upper()])
    page.requests.assert_same_origin()


def twins(db, twin: dict) -> list[str]:
    """The names of the organisations in the centre's list called like ``twin`` (in any case)."""
    found = workspace.list_page(db, CENTRE, "organisations", q=twin["name"], per_page=100).records
    return sorted(o["name"] for o in found if o["name"].casefold() == twin["name"].casefold())
