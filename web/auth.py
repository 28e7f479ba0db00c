"""Signing in and out."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from kiz_graph import german, users
from kiz_graph.users import throttle
from web import access, arguments
from web.database import get_db

bp = Blueprint("auth", __name__)


@bp.route("/anmelden", methods=["GET", "POST"])
@access.public
def sign_in():
    target = arguments.local_path(request.values.get("next"))
    if request.method == "POST":
        username = request.form.get("username", "")
        user = users.authenticate(get_db(), username, request.form.get("password", ""),
                                  address=access.client_address())
        if user is not None:
            access.begin_session(user.username)
            return redirect(target or url_for("home.start"))
        return render_template("auth/sign_in.html", username=username, next=target,
                               error=_failure(username)), 401
    return render_template("auth/sign_in.html", username="", next=target, error=None)


@bp.post("/abmelden")
@access.public
def sign_out():
    access.end_session()
    flash("Sie sind abgemeldet.")
    return redirect(url_for("home.index"))


def _failure(username: str) -> str:
    """Why a sign-in failed, as far as it may be told: one message for a wrong password and an
    unknown or disabled user, so that it does not tell whether a user exists. A blocked
    attempt learns until when, which anyone could learn by failing five times, and that the
    block holds only here."""
    limit, minutes = throttle.LIMITS["paar"], throttle.BLOCK_TIME.seconds // 60
    until = users.blocked_until(get_db(), username, access.client_address())
    if until is None:
        return (f"Anmeldung fehlgeschlagen. Nach {limit} Fehlversuchen ist die Anmeldung von diesem Anschluss "
                f"aus für {minutes} Minuten gesperrt.")
    clock = until.astimezone(german.GERMAN_TIME).strftime("%H:%M")
    return (f"Nach zu vielen Fehlversuchen ist die Anmeldung von diesem Anschluss aus gesperrt bis {clock} Uhr. "
            f"Bitte versuchen Sie es dann erneut, oder bitten Sie die Landeskoordinierungsstelle um einen Link "
            f"zum Festlegen eines neuen Passworts.")
