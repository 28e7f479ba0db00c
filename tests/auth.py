"""The tests' way into the web app, after Flask's tutorial ("Test Coverage"): one app factory,
one password, one sign-in through the real form, one signed-in client per role.

conftest.py builds the fixtures ``app``, ``client``, ``auth`` and ``client_for`` from them; a
test over a database of its own (or a live server) calls them directly.
"""

from __future__ import annotations

from flask import Flask

from kiz_graph import users
from web import create_app

PASSWORD = "ein-langes-passwort"  # every test user's password


def make_app(db, **config) -> Flask:
    """The web app over ``db`` as the tests run it: TESTING, a fixed SECRET_KEY, CSRF off.
    A keyword sets one more or another setting (``WTF_CSRF_ENABLED=True`` where a test checks the token)."""
    return create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE": db, "WTF_CSRF_ENABLED": False, **config})


def add_user(db, username: str, role: str, **options) -> users.User:
    """A user with the tests' password (``options``: ``centres``, ``display_name`` as for ``create_user``)."""
    return users.create_user(db, username, PASSWORD, role, **options)


def user_for(db, role: str, centre: str | None = None) -> str:
    """The name of the test user of ``role`` (centre staff: of ``centre``), created on first use."""
    username = role if centre is None else f"{role}-{centre}"
    if users.get_user(db, username) is None:
        add_user(db, username, role, centres=() if centre is None else (centre,))
    return username


class AuthActions:
    """Signs a test client in and out through the app's own routes, as the form does."""

    def __init__(self, client):
        self._client = client

    def sign_in(self, username: str, password: str = PASSWORD):
        return self._client.post("/anmelden", data={"username": username, "password": password})

    def sign_out(self):
        return self._client.post("/abmelden")


def signed_in(app: Flask, username: str):
    """A new test client of ``app``, signed in as ``username``."""
    client = app.test_client()
    assert AuthActions(client).sign_in(username).status_code == 302, username
    return client

