"""Signing in and out."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for

from kiz_graph import users
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
        # One message for every failure: it must not tell whether the user exists.
        return render_template("auth/sign_in.html", username=username, next=target,
                               error="Anmeldung fehlgeschlagen. Nach mehreren Fehlversuchen ist die Anmeldung "
                                     "für 15 Minuten gesperrt."), 401
    return render_template("auth/sign_in.html", username="", next=target, error=None)


@bp.post("/abmelden")
@access.public
def sign_out():
    session.clear()
    flash("Sie sind abgemeldet.")
    return redirect(url_for("home.index"))
