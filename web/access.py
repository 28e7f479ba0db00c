"""Who may open what: every route states its need here, and this module alone decides.

The decisions themselves are ``kiz_graph.users``' permission table; this module turns
them into answers: a redirect to the sign-in page when nobody is signed in, 403 otherwise.
"""

from __future__ import annotations

import functools

from flask import abort, g, redirect, request, session, url_for

from kiz_graph import users
from web.database import get_db


def load_user() -> None:
    """Before every request: the signed-in user, fresh from the graph (a disabled user is out)."""
    username = session.get("user")
    user = users.get_user(get_db(), username) if username else None
    if user is not None and user.disabled:
        session.clear()
        user = None
    g.user = user


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
