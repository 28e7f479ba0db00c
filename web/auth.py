"""Signing in and out."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for

from kiz_graph import german, users
from web import access, arguments
from web.database import get_db

bp = Blueprint("auth", __name__)


@bp.route("/anmelden", methods=["GET", "POST"])
@access.public
def sign_in():
    target = arguments.local_path(request.values.get("next"))
    if request.method == "POST":
        username = request.form.get("username", "")
        user = users.authenticate(get_db(), username, request.form.get("password", ""))
        if user is not None:
            session.clear()
            session["user"] = user.username
            return redirect(target or url_for("home.start"))
        return render_template("auth/sign_in.html", username=username, next=target,
                               error=_failure(username)), 401
    return render_template("auth/sign_in.html", username="", next=target, error=None)


@bp.post("/abmelden")
@access.public
def sign_out():
    session.clear()
    flash("Sie sind abgemeldet.")
    return redirect(url_for("home.index"))


def _failure(username: str) -> str:
    """Why a sign-in failed, as far as it may be told: one message for a wrong password and an
    unknown or disabled user, so that it does not tell whether a user exists. Only a locked
    user learns until when, which anyone could learn by failing five times."""
    until = users.locked_until(get_db(), username)
    if until is None:
        return (f"Anmeldung fehlgeschlagen. Nach {users.MAX_FAILURES} Fehlversuchen ist die Anmeldung "
                f"für {users.LOCK_TIME.seconds // 60} Minuten gesperrt.")
    clock = until.astimezone(german.GERMAN_TIME).strftime("%H:%M")
    return (f"Dieser Zugang ist nach {users.MAX_FAILURES} Fehlversuchen gesperrt bis {clock} Uhr. Bitte versuchen "
            f"Sie es dann erneut, oder bitten Sie die Landeskoordinierungsstelle um einen Link zum Festlegen "
            f"eines neuen Passworts.")
