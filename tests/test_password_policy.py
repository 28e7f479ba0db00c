"""The password policy: at least 12 and at most 128 characters, and not easy to guess (zxcvbn),
wherever a password is set: a new user, the own password, a reset link; in the core and on the
web pages. Nothing is written when a password is refused."""

from __future__ import annotations

import time

import pytest
from auth import PASSWORD, add_user, make_app, signed_in, user_for
from test_accounts import NEW_PASSWORD, reset_link, text

from kiz_graph import users
from kiz_graph.errors import ValidationError
from kiz_graph.exchange import seeding
from kiz_graph.users import passwords

USERNAME = "mitarbeiterin"
# Each at least 12 characters: a repeat, a common word with digits, a keyboard row, the user's own name.
GUESSABLE = ["aaaaaaaaaaaa", "passwort1234", "qwertzuiopü1", "{name}2024"]
STRONG = [PASSWORD, NEW_PASSWORD, "noch-ein-Passwort!", "ein-anderes-Passwort"]


@pytest.fixture(scope="module")
def world(module_db):
    seeding.seed(module_db)
    add_user(module_db, USERNAME, "partner", display_name="Lea Beispiel")
    return module_db


def refused(call) -> str:
    """The message a call's ValidationError gives for the new password."""
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.by_column()["password"]


@pytest.mark.parametrize("password", GUESSABLE)
def test_a_guessable_password_is_refused_everywhere_and_nothing_is_written(world, password):
    number = GUESSABLE.index(password)
    newcomer, forgetful = f"neue-nutzerin{number}", f"vergessen{number}"
    weak = password.format(name=newcomer)
    assert refused(lambda: users.create_user(world, newcomer, weak, "partner")) == passwords.GUESSABLE
    assert users.get_user(world, newcomer) is None
    weak = password.format(name=USERNAME)
    assert refused(lambda: users.set_password(world, USERNAME, weak)) == passwords.GUESSABLE
    assert refused(lambda: users.change_password(world, USERNAME, PASSWORD, weak, weak)) == passwords.GUESSABLE
    assert users.authenticate(world, USERNAME, PASSWORD) is not None

    users.create_user(world, forgetful, None, "partner")
    token, _ = users.issue_reset(world, forgetful)
    weak = password.format(name=forgetful)
    assert refused(lambda: users.reset_password(world, token, weak, weak)) == passwords.GUESSABLE
    assert users.reset_state(world, token)[0] == "valid"  # the link still works


def test_the_display_name_counts_as_the_users_own_name(world):
    assert refused(lambda: users.change_password(world, USERNAME, PASSWORD, "LeaBeispiel2024",
                                                 "LeaBeispiel2024")) == passwords.GUESSABLE


def test_the_test_suites_and_strong_passwords_pass(world):
    for password in STRONG:
        assert passwords.problems(password, [USERNAME, "Lea Beispiel"]) == [], password


@pytest.mark.parametrize("length", [129, 1_000, 10_000])
def test_a_very_long_password_is_refused_before_it_is_scored(world, length):
    started = time.perf_counter()
    message = refused(lambda: users.set_password(world, USERNAME, "Ab1-" * (length // 4) + "x" * (length % 4)))
    assert message == "höchstens 128 Zeichen" and time.perf_counter() - started < 1


def test_scoring_the_longest_password_allowed_takes_well_under_a_second():
    started = time.perf_counter()
    passwords.score("a" * passwords.MAX_LENGTH)
    passwords.score("1234567890" * 12 + "12345678")
    assert time.perf_counter() - started < 1.5


def test_the_web_pages_show_the_message_and_change_nothing(world):
    app = make_app(world)
    client = signed_in(app, USERNAME)
    own = client.post("/konto/passwort", data={"current_password": PASSWORD, "password": "passwort1234",
                                               "password_repeat": "passwort1234"})
    assert own.status_code == 422 and f"Neues Passwort: {passwords.GUESSABLE}" in text(own)
    assert users.authenticate(world, USERNAME, PASSWORD) is not None

    add_user(world, "vergesslich", "partner")
    path = reset_link(signed_in(app, user_for(world, "coordination")), "vergesslich")
    visitor = app.test_client()
    weak = visitor.post(path, data={"password": "qwertzuiopü1", "password_repeat": "qwertzuiopü1"})
    assert weak.status_code == 422 and f"Neues Passwort: {passwords.GUESSABLE}" in text(weak)
    assert visitor.get(path).status_code == 200 and users.authenticate(world, "vergesslich", PASSWORD) is not None
