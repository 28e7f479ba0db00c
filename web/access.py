"""Who may open what: every route states its need here, and this module alone decides.

The decisions themselves are ``kiz_graph.users``' permission table; this module turns
them into answers: a redirect to the sign-in page when nobody is signed in, 403 otherwise.
"""

from __future__ import annotations

import functools

from flask import abort, current_app, g, redirect, request, session, url_for

from kiz_graph import users
from kiz_graph.users import sessions
from web.database import get_db


def load_user() -> None:
    """Before every request: the user of the browser's session, fresh from the graph. A session
    that ended (signed out, new password, disabled user, idle or too old) signs nobody in."""
    if request.endpoint == "static":  # style sheets and scripts need nobody signed in
        g.user = None
        return
    key = session.get("sid")
    row = sessions.user_of(get_db(), key, timeouts=current_app.config["SESSION_TIMEOUTS"]) if key else None
    if key and row is None:
        session.clear()
    g.user = users.user_from_row(row) if row else None


def begin_session(username: str) -> None:
    """A new session for the browser (a fresh key, so an earlier cookie never becomes valid)."""
    session.clear()
    session["sid"] = sessions.start(get_db(), username, timeouts=current_app.config["SESSION_TIMEOUTS"])


def end_session() -> None:
    sessions.end(get_db(), session.get("sid"))
    session.clear()


def client_address() -> str:
    """The client's address (behind ``KIZ_PROXIES`` reverse proxies: as they forward it)."""
    return request.remote_addr or "unbekannt"


def _sign_in_first():
    return redirect(url_for("auth.sign_in", next=request.full_path if request.method == "GET" else None))


def signed_in(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if g.user is None:
            return _sign_in_first()
        return view(*args, **kwargs)

    wrapped.access = "signed_in"
    return wrapped


def centre(*, write: bool = False):
    """A view of one centre (its ``centre`` URL argument): reading or editing it."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if g.user is None:
                return _sign_in_first()
            allowed = users.can_edit_centre if write else users.can_read_centre
            if not allowed(g.user, kwargs["centre"]):
                abort(403)
            return view(*args, **kwargs)

        wrapped.access = "edit_centre" if write else "read_centre"
        return wrapped

    return decorate


def permission(name: str):
    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if g.user is None:
                return _sign_in_first()
            if not users.may(g.user, name):
                abort(403)
            return view(*args, **kwargs)

        wrapped.access = name
        return wrapped

    return decorate


def public(view):
    view.access = "public"
    return view
