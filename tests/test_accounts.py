"""Accounts in the browser, through the Flask client: the coordination office's user page,
password links, every user's own password, and what the sign-in page says to a locked user."""

from __future__ import annotations

import datetime as dt
import html
import re
import time
from zoneinfo import ZoneInfo

import pytest
from auth import PASSWORD, AuthActions, add_user, make_app, signed_in, user_for

from kiz_graph import users
from kiz_graph.exchange import seeding
from kiz_graph.users import sessions, throttle

UNNA, DORTMUND = "ki-05978", "ki-05913"
NEW_PASSWORD = "ein-ganz-neues-Passwort"
LIMIT = throttle.LIMITS["paar"]


@pytest.fixture(scope="module")
def world(module_db):
    seeding.seed(module_db)
    return module_db


@pytest.fixture(scope="module")
def app(world):
    return make_app(world)


@pytest.fixture(scope="module")
def office(app, world):
    """The coordination office, signed in."""
    return signed_in(app, user_for(world, "coordination"))


def text(response) -> str:
    """The page as a reader sees it: tags gone, entities read, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def from_address(app, address: str):
    """A browser at another client address (each test that fails on purpose has its own)."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def replayed(app, cookie: str, path: str):
    """``path`` opened by a fresh browser that carries a saved session cookie."""
    client = app.test_client()
    client.set_cookie("session", cookie)
    return client.get(path)


def reset_link(office, username: str) -> str:
    """The path of a new password link for ``username``, as the office's page shows it once."""
    response = office.post(f"/benutzer/{username}/passwort-link")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    url = re.search(r'id="reset-link" value="([^"]+)"', response.get_data(as_text=True)).group(1)
    return "/" + url.split("/", 3)[3]


def test_only_the_coordination_office_opens_the_user_page(app, world, client, office):
    assert client.get("/benutzer/").status_code == 302 and "/anmelden" in client.get("/benutzer/").location
    for role, centre in (("centre_staff", UNNA), ("partner", None)):
        other = signed_in(app, user_for(world, role, centre))
        assert other.get("/benutzer/").status_code == 403, role
        assert other.post("/benutzer/", data={"username": "eindringling", "role": "coordination"}).status_code == 403
        assert 'href="/benutzer/"' not in other.get("/konto/passwort").get_data(as_text=True), role
    page = office.get("/benutzer/")
    assert page.status_code == 200 and 'href="/benutzer/"' in page.get_data(as_text=True)
    assert "Benutzer anlegen" in text(page) and users.get_user(world, "eindringling") is None


def test_the_office_creates_a_user_with_a_centre_chosen_by_name(world, office):
    unna = users.centre_names(world)[UNNA]
    form = office.get("/benutzer/").get_data(as_text=True)
    assert re.search(rf'<option value="{UNNA}"\s*>{re.escape(unna)}</option>', form)  # the select shows the name

    created = office.post("/benutzer/", data={"username": "Neu.Unna", "display_name": "Neu in Unna",
                                              "role": "centre_staff", "centres": [UNNA]})
    assert created.status_code == 200
    assert "Der Benutzer neu.unna ist angelegt" in text(created) and "/passwort/neu/" in created.get_data(as_text=True)
    assert users.get_user(world, "neu.unna") == users.User("neu.unna", "Neu in Unna", "centre_staff", (UNNA,), False)
    assert users.authenticate(world, "neu.unna", "") is None  # no password until the link is used

    row = re.search(r"neu\.unna.*?</tr>", office.get("/benutzer/").get_data(as_text=True), re.S).group(0)
    assert "Neu in Unna" in row and unna in row and "Mitarbeitende eines Kommunalen" in row and UNNA not in row

    # Changing role and centres on the user's own page: a partner has no centre, whatever the select still holds.
    office.post("/benutzer/neu.unna", data={"display_name": "Neu in Unna", "role": "centre_staff",
                                            "centres": [UNNA, DORTMUND]})
    assert users.get_user(world, "neu.unna").centres == (DORTMUND, UNNA)
    saved = office.post("/benutzer/neu.unna", data={"display_name": "AWO Unna", "role": "partner", "centres": [UNNA]},
                        follow_redirects=True)
    assert "Die Angaben sind gespeichert" in text(saved)
    assert users.get_user(world, "neu.unna") == users.User("neu.unna", "AWO Unna", "partner", (), False)


@pytest.mark.parametrize(("form", "message"), [
    ({"username": "ab", "role": "partner"}, "Benutzername: 3 bis 64 Zeichen"),
    ({"username": "mit leerzeichen", "role": "partner"}, "Benutzername: 3 bis 64 Zeichen"),
    ({"username": "ohne-rolle", "role": ""}, "Rolle: Pflichtangabe fehlt"),
    ({"username": "ohne-zentrum", "role": "centre_staff"}, "Zentren: Pflichtangabe fehlt: mindestens ein Zentrum"),
    ({"username": "Coordination", "role": "partner"}, "Benutzername: ist bereits vergeben"),
    ({"username": "lang", "role": "partner", "display_name": "x" * 101}, "Anzeigename: höchstens 100 Zeichen"),
], ids=["short", "space", "no-role", "no-centre", "taken", "long-name"])
def test_a_wrong_value_is_a_422_that_names_the_field_and_writes_nothing(world, office, form, message):
    before = [user.username for user in users.list_users(world)]
    response = office.post("/benutzer/", data=form)
    assert response.status_code == 422 and message in text(response)
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert [user.username for user in users.list_users(world)] == before


def test_a_disabled_user_cannot_sign_in_and_is_signed_out_until_enabled(app, world, office):
    add_user(world, "bald-weg", "partner")
    theirs = signed_in(app, "bald-weg")
    assert theirs.get("/verzeichnis/").status_code == 200

    assert office.post("/benutzer/bald-weg/deaktivieren").status_code == 302
    assert "Wieder aktivieren" in text(office.get("/benutzer/bald-weg"))
    assert theirs.get("/verzeichnis/").status_code == 302  # the session is over
    refused = AuthActions(app.test_client()).sign_in("bald-weg")
    assert refused.status_code == 401 and "Anmeldung fehlgeschlagen" in text(refused) and "gesperrt bis" not in text(refused)
    assert office.post("/benutzer/bald-weg/passwort-link").status_code == 422  # no link for a disabled user

    assert office.post("/benutzer/bald-weg/aktivieren").status_code == 302
    assert AuthActions(app.test_client()).sign_in("bald-weg").status_code == 302


def test_the_office_cannot_disable_itself_or_change_its_own_role(world, office):
    assert "Ihren eigenen Zugang können Sie nicht deaktivieren" in text(office.get("/benutzer/coordination"))
    refused = office.post("/benutzer/coordination/deaktivieren")
    assert refused.status_code == 422 and "nicht selbst deaktivieren" in text(refused)
    refused = office.post("/benutzer/coordination", data={"display_name": "x", "role": "partner"})
    assert refused.status_code == 422 and "Rolle: Ihre eigene Rolle können Sie nicht ändern" in text(refused)
    assert users.get_user(world, "coordination") == users.User("coordination", "coordination", "coordination", (), False)
    assert office.get("/benutzer/niemand").status_code == 404


def test_a_password_link_works_once_and_lifts_a_lock(app, world, office):
    add_user(world, "vergesslich", "partner")
    visitor = from_address(app, "192.0.2.10")
    for _ in range(LIMIT):
        assert AuthActions(visitor).sign_in("vergesslich", "falsch").status_code == 401
    path = reset_link(office, "vergesslich")

    page = visitor.get(path)
    assert page.status_code == 200 and "vergesslich" in text(page) and page.headers["Referrer-Policy"] == "no-referrer"
    mismatch = visitor.post(path, data={"password": NEW_PASSWORD, "password_repeat": NEW_PASSWORD + "!"})
    assert mismatch.status_code == 422 and "Neues Passwort wiederholen: stimmt nicht" in text(mismatch)
    short = visitor.post(path, data={"password": "kurz", "password_repeat": "kurz"})
    assert short.status_code == 422 and "Neues Passwort: mindestens 12 Zeichen" in text(short)

    done = visitor.post(path, data={"password": NEW_PASSWORD, "password_repeat": NEW_PASSWORD})
    assert done.status_code == 302 and done.location.endswith("/anmelden")
    assert AuthActions(visitor).sign_in("vergesslich", NEW_PASSWORD).status_code == 302  # the block is lifted
    assert AuthActions(app.test_client()).sign_in("vergesslich", PASSWORD).status_code == 401

    again = app.test_client().post(path, data={"password": "noch-ein-Passwort!", "password_repeat": "noch-ein-Passwort!"})
    assert again.status_code == 404 and "schon benutzt" in text(again)
    assert AuthActions(app.test_client()).sign_in("vergesslich", NEW_PASSWORD).status_code == 302


def test_an_expired_replaced_or_unknown_link_is_refused(app, world, office):
    add_user(world, "spaet", "partner")
    token, _ = users.issue_reset(world, "spaet", now=dt.datetime.now(dt.timezone.utc) - users.RESET_TIME)
    client = app.test_client()
    expired = client.get(f"/passwort/neu/{token}")
    assert expired.status_code == 410 and "abgelaufen" in text(expired) and "Landeskoordinierungsstelle" in text(expired)
    assert client.post(f"/passwort/neu/{token}", data={"password": NEW_PASSWORD,
                                                       "password_repeat": NEW_PASSWORD}).status_code == 410

    first = reset_link(office, "spaet")
    second = reset_link(office, "spaet")
    assert client.get(first).status_code == 404 and client.get(second).status_code == 200
    assert client.get("/passwort/neu/ausgedacht").status_code == 404
    assert users.authenticate(world, "spaet", PASSWORD) is not None  # the old password still works


def test_every_user_changes_their_own_password_with_the_current_one(app, world):
    add_user(world, "selbst", "centre_staff", centres=(UNNA,), display_name="Team Unna")
    client = signed_in(app, "selbst")
    page = client.get("/konto/passwort")
    assert page.status_code == 200 and users.centre_names(world)[UNNA] in text(page)
    assert 'href="/konto/passwort"' in page.get_data(as_text=True)  # linked from the header

    wrong = client.post("/konto/passwort", data={"current_password": "falsch", "password": NEW_PASSWORD,
                                                 "password_repeat": NEW_PASSWORD})
    assert wrong.status_code == 422 and "Bisheriges Passwort: stimmt nicht" in text(wrong)
    mismatch = client.post("/konto/passwort", data={"current_password": PASSWORD, "password": NEW_PASSWORD,
                                                    "password_repeat": "etwas-ganz-anderes"})
    assert mismatch.status_code == 422 and "Neues Passwort wiederholen: stimmt nicht" in text(mismatch)
    assert users.authenticate(world, "selbst", PASSWORD) is not None

    done = client.post("/konto/passwort", data={"current_password": PASSWORD, "password": NEW_PASSWORD,
                                                "password_repeat": NEW_PASSWORD}, follow_redirects=True)
    assert "Ihr Passwort ist geändert" in text(done)
    assert AuthActions(app.test_client()).sign_in("selbst", PASSWORD).status_code == 401
    assert AuthActions(app.test_client()).sign_in("selbst", NEW_PASSWORD).status_code == 302


def test_a_blocked_address_is_told_until_when_and_the_owner_elsewhere_signs_in(app, world, office):
    """Finding 3 of issue 17: five anonymous wrong passwords locked the owner out everywhere."""
    add_user(world, "gesperrt", "partner")
    stranger = AuthActions(from_address(app, "198.51.100.23"))
    assert "gesperrt bis" not in text(stranger.sign_in("gesperrt", "falsch"))
    for _ in range(LIMIT - 2):
        stranger.sign_in("gesperrt", "falsch")
    fifth = stranger.sign_in("gesperrt", "falsch")
    right = stranger.sign_in("gesperrt")
    berlin = ZoneInfo("Europe/Berlin")
    soon = {(dt.datetime.now(berlin) + throttle.BLOCK_TIME + dt.timedelta(minutes=delta)).strftime("%H:%M")
            for delta in (-1, 0)}
    for response in (fifth, right):
        said = re.search(r"gesperrt bis (\d\d:\d\d) Uhr", text(response))
        assert response.status_code == 401 and said and said.group(1) in soon
        assert "Landeskoordinierungsstelle" in text(response)
    owner = from_address(app, "203.0.113.7")
    assert AuthActions(owner).sign_in("gesperrt").status_code == 302
    assert owner.get("/konto/passwort").status_code == 200

    # A name nobody has is blocked alike: the page tells no more than failing five times.
    for _ in range(LIMIT):
        stranger.sign_in("gibt-es-nicht", "falsch")
    unknown = stranger.sign_in("gibt-es-nicht", "falsch")
    assert unknown.status_code == 401 and "gesperrt bis" in text(unknown)

    # The coordination office sees each failure with address and outcome.
    events = text(office.get("/benutzer/"))
    assert "Fehlgeschlagene Anmeldungen" in events
    assert "gesperrt 198.51.100.23 Sperre ausgelöst" in events and "gibt-es-nicht 198.51.100.23 abgewiesen" in events


def test_signing_out_ends_the_session_wherever_its_cookie_turns_up(app, world):
    """Finding 1 of issue 17: a session cookie saved before signing out still opened the centre."""
    add_user(world, "abmelder", "centre_staff", centres=(UNNA,))
    browser = signed_in(app, "abmelder")
    assert browser.get(f"/zentren/{UNNA}/").status_code == 200
    saved = browser.get_cookie("session").value
    assert AuthActions(browser).sign_out().status_code == 302
    assert replayed(app, saved, f"/zentren/{UNNA}/").location.startswith("/anmelden")


def test_a_new_password_or_disabling_ends_every_session_of_the_user(app, world, office):
    add_user(world, "zweigeraete", "centre_staff", centres=(UNNA,))
    laptop, phone = signed_in(app, "zweigeraete"), signed_in(app, "zweigeraete")
    phone_cookie = phone.get_cookie("session").value
    changed = laptop.post("/konto/passwort", data={"current_password": PASSWORD, "password": NEW_PASSWORD,
                                                   "password_repeat": NEW_PASSWORD}, follow_redirects=True)
    assert "Überall sonst, wo Sie angemeldet waren, sind Sie jetzt abgemeldet" in text(changed)
    assert laptop.get(f"/zentren/{UNNA}/").status_code == 200  # the browser that changed it stays in
    assert replayed(app, phone_cookie, f"/zentren/{UNNA}/").status_code == 302

    laptop_cookie = laptop.get_cookie("session").value
    path = reset_link(office, "zweigeraete")
    app.test_client().post(path, data={"password": PASSWORD, "password_repeat": PASSWORD})
    assert replayed(app, laptop_cookie, f"/zentren/{UNNA}/").status_code == 302  # a reset link ends them too

    again = signed_in(app, "zweigeraete")
    office.post("/benutzer/zweigeraete/deaktivieren")
    assert users.get_user(world, "zweigeraete").disabled
    assert again.get(f"/zentren/{UNNA}/").status_code == 302


def test_a_session_ends_when_idle_and_after_its_longest_time(world):
    add_user(world, "kurz", "partner")
    for timeouts in (sessions.Timeouts(idle=dt.timedelta(seconds=1)), sessions.Timeouts(longest=dt.timedelta(seconds=1))):
        browser = signed_in(make_app(world, SESSION_TIMEOUTS=timeouts), "kurz")
        assert browser.get("/verzeichnis/").status_code == 200
        time.sleep(1.2)
        assert browser.get("/verzeichnis/").location.startswith("/anmelden"), timeouts


@pytest.mark.parametrize("target", ["/%09/evil.example/steal", "//evil.example/x", "/\\evil.example/x",
                                    "https://evil.example/", "/%20/evil.example/x"])
def test_a_crafted_next_address_leads_to_the_start_page(app, world, target):
    """Finding 2 of issue 17: ``next=/%09/evil.example/steal`` answered ``Location: //evil.example/steal``."""
    add_user(world, "weiter", "partner") if users.get_user(world, "weiter") is None else None
    response = app.test_client().post(f"/anmelden?next={target}", data={"username": "weiter", "password": PASSWORD})
    assert response.status_code == 302 and response.location == "/start"


def test_a_line_break_in_next_is_a_400_and_signs_nobody_in(app, world):
    add_user(world, "umbruch", "partner")
    client = app.test_client()
    response = client.post("/anmelden?next=/start%0d%0aSet-Cookie:%20x=y", data={"username": "umbruch",
                                                                                "password": PASSWORD})
    assert response.status_code == 400 and "Zeilenumbruch" in text(response) and "Set-Cookie" not in response.headers
    assert client.get("/konto/passwort").status_code == 302


