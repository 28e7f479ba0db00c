"""Accounts in the browser, through the Flask client: the coordination office's user page,
password links, every user's own password, and what the sign-in page says to a locked user."""

from __future__ import annotations

import datetime as dt
import html
import re
from zoneinfo import ZoneInfo

import pytest
from auth import PASSWORD, AuthActions, add_user, make_app, signed_in, user_for

from kiz_graph import users
from kiz_graph.exchange import seeding

UNNA, DORTMUND = "ki-05978", "ki-05913"
NEW_PASSWORD = "ein-ganz-neues-Passwort"


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
    for _ in range(users.MAX_FAILURES):
        users.record_failure(world, "vergesslich")
    path = reset_link(office, "vergesslich")
    visitor = app.test_client()

    page = visitor.get(path)
    assert page.status_code == 200 and "vergesslich" in text(page) and page.headers["Referrer-Policy"] == "no-referrer"
    mismatch = visitor.post(path, data={"password": NEW_PASSWORD, "password_repeat": NEW_PASSWORD + "!"})
    assert mismatch.status_code == 422 and "Neues Passwort wiederholen: stimmt nicht" in text(mismatch)
    short = visitor.post(path, data={"password": "kurz", "password_repeat": "kurz"})
    assert short.status_code == 422 and "Neues Passwort: mindestens 12 Zeichen" in text(short)

    done = visitor.post(path, data={"password": NEW_PASSWORD, "password_repeat": NEW_PASSWORD})
    assert done.status_code == 302 and done.location.endswith("/anmelden")
    assert AuthActions(visitor).sign_in("vergesslich", NEW_PASSWORD).status_code == 302  # the lock is lifted
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


def test_a_locked_user_is_told_until_when_and_nobody_else_is(app, world):
    add_user(world, "gesperrt", "partner")
    auth = AuthActions(app.test_client())
    assert "gesperrt bis" not in text(auth.sign_in("gesperrt", "falsch"))
    for _ in range(users.MAX_FAILURES - 2):
        users.record_failure(world, "gesperrt")
    fifth = auth.sign_in("gesperrt", "falsch")
    right = auth.sign_in("gesperrt")
    berlin = ZoneInfo("Europe/Berlin")
    soon = {(dt.datetime.now(berlin) + users.LOCK_TIME + dt.timedelta(minutes=delta)).strftime("%H:%M")
            for delta in (-1, 0)}
    for response in (fifth, right):
        said = re.search(r"gesperrt bis (\d\d:\d\d) Uhr", text(response))
        assert response.status_code == 401 and said and said.group(1) in soon
        assert "Landeskoordinierungsstelle" in text(response)

    # An unknown name looks like any wrong password, however often it is tried.
    for _ in range(users.MAX_FAILURES):
        users.record_failure(world, "gibt-es-nicht")
    unknown = auth.sign_in("gibt-es-nicht", "falsch")
    assert unknown.status_code == 401 and "gesperrt bis" not in text(unknown)
    assert text(unknown).count("Anmeldung fehlgeschlagen") == 1
