"""Accounts in a real browser (CSRF on): the coordination office makes a user, who sets a
password through the link and signs in; the office disables the user; a user changes their
own password; a locked user is told until when.

One graph with the NRW seeds (the centres) and a few users, one live server and one Chromium
serve the module; each test gets fresh browser contexts and users of its own.
"""

from __future__ import annotations

import re

import pytest
from auth import PASSWORD, add_user
from browser_support import CENTRE_NAME, browser, field, live_server, page  # noqa: F401 - fixtures
from playwright.sync_api import expect

from kiz_graph import users
from kiz_graph.exchange import seeding
from kiz_graph.users import throttle

OFFICE = "koordination"
NEW_PASSWORD = "ein-ganz-neues-Passwort"
ROLE_STAFF = users.ROLE_NAMES["centre_staff"]


@pytest.fixture(scope="module")
def seeded(module_db):
    """The seeds and the coordination office (``live_server`` serves this graph)."""
    seeding.seed(module_db)
    add_user(module_db, OFFICE, "coordination", display_name="Landeskoordinierungsstelle")
    return module_db


def sign_in_as(page, username: str, password: str = PASSWORD, then: str = "") -> None:
    page.goto(f"/anmelden?next={then}" if then else "/anmelden")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()


def alert(page):
    return page.get_by_role("alert")


def test_the_office_makes_a_user_who_sets_a_password_through_a_link_and_is_disabled_later(page, browser, live_server):
    sign_in_as(page, OFFICE, then="/verzeichnis/")  # not the list of all centres: it takes a while
    page.get_by_role("navigation", name="Benutzer").get_by_role("link", name="Benutzer", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Benutzer")

    field(page, "Benutzername").fill("lea.neu")
    field(page, "Anzeigename").fill("Lea Neu")
    field(page, "Rolle").select_option(label=ROLE_STAFF)
    field(page, "Zentren").select_option(label=CENTRE_NAME)
    page.get_by_role("button", name="Benutzer anlegen").click()
    expect(page.get_by_text("Der Benutzer lea.neu ist angelegt")).to_be_visible()

    # A link of its own, from the user's page: it replaces the one shown at creation.
    page.get_by_role("link", name="Zum Benutzer lea.neu").click()
    page.get_by_role("button", name="Link zum Festlegen des Passworts erstellen").click()
    link = page.get_by_label("Link").input_value()
    assert "/passwort/neu/" in link

    page.get_by_role("link", name="Zur Liste der Benutzer").click()
    row = page.get_by_role("row").filter(has_text="lea.neu")
    expect(row).to_contain_text(CENTRE_NAME)
    expect(row).to_contain_text(ROLE_STAFF)
    assert not re.search(r"\bki-\d", page.locator("main").inner_text())  # centres by name, never by id

    newcomer = browser.new_context(base_url=live_server, locale="de-DE")
    newcomer.set_default_timeout(5_000)
    theirs = newcomer.new_page()
    try:
        theirs.goto(link)
        expect(theirs.get_by_role("heading", level=1)).to_have_text("Neues Passwort festlegen")
        field(theirs, "Neues Passwort").fill(NEW_PASSWORD)
        field(theirs, "Neues Passwort wiederholen").fill(NEW_PASSWORD)
        theirs.get_by_role("button", name="Passwort speichern").click()
        expect(theirs.get_by_role("status")).to_contain_text("Ihr Passwort ist gespeichert")
        sign_in_as(theirs, "lea.neu", NEW_PASSWORD, then="/konto/passwort")
        expect(theirs.get_by_role("heading", level=1)).to_have_text("Mein Konto")
        expect(theirs.locator("main")).to_contain_text(CENTRE_NAME)

        # The office disables the user: the running session ends, and signing in fails.
        page.get_by_role("link", name="Bearbeiten lea.neu").click()
        page.get_by_role("button", name="Deaktivieren").click()
        expect(page.get_by_role("status")).to_contain_text("ist deaktiviert")
        theirs.reload()
        expect(theirs.get_by_role("heading", level=1)).to_have_text("Anmelden")
        sign_in_as(theirs, "lea.neu", NEW_PASSWORD)
        expect(alert(theirs)).to_contain_text("Anmeldung fehlgeschlagen")
    finally:
        newcomer.close()


def test_a_user_changes_their_own_password(page, seeded):
    add_user(seeded, "selbst", "partner", display_name="AWO Unna")
    sign_in_as(page, "selbst")
    page.get_by_role("link", name="AWO Unna").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Konto")
    field(page, "Bisheriges Passwort").fill(PASSWORD)
    field(page, "Neues Passwort").fill(NEW_PASSWORD)
    field(page, "Neues Passwort wiederholen").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Passwort ändern").click()
    expect(page.get_by_role("status")).to_contain_text("Ihr Passwort ist geändert")

    page.get_by_role("button", name="Abmelden").click()
    sign_in_as(page, "selbst", PASSWORD)
    expect(alert(page)).to_contain_text("Anmeldung fehlgeschlagen")
    sign_in_as(page, "selbst", NEW_PASSWORD)
    expect(page.get_by_role("link", name="AWO Unna")).to_be_visible()


def test_after_five_failures_the_sign_in_page_says_until_when(page, seeded):
    add_user(seeded, "vertippt", "partner")
    for _ in range(throttle.LIMITS["paar"] - 1):  # from the browser's address
        users.authenticate(seeded, "vertippt", "falsches-Passwort", address="127.0.0.1")
    sign_in_as(page, "vertippt", "falsches-Passwort")  # the fifth
    expect(alert(page)).to_contain_text(re.compile(r"gesperrt bis \d\d:\d\d Uhr"))
    expect(alert(page)).to_contain_text("Landeskoordinierungsstelle")
