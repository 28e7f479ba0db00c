"""User accounts in the browser: the coordination office's user page (``/benutzer/``), every
user's own password (``/konto/passwort``), and a new password through a one-time link
(``/passwort/neu/<token>``). The rules are ``kiz_graph.users``'; the views read and render.

The link's token is shown once, to the coordination office, right after it was made; the
graph keeps only its hash. Pages that carry a token are not cached and send no referrer.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for

from kiz_graph import german, users
from kiz_graph.errors import ValidationError
from kiz_graph.users import throttle
from web import access
from web.database import get_db

bp = Blueprint("accounts", __name__)

#: The form fields as the pages name them (also in the list of problems above a form).
LABELS = {
    "username": "Benutzername",
    "display_name": "Anzeigename",
    "role": "Rolle",
    "centres": "Zentren",
    "current_password": "Bisheriges Passwort",
    "password": "Neues Passwort",
    "password_repeat": "Neues Passwort wiederholen",
}
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
EVENT_DAYS_SHOWN = 7  # failed sign-ins on the user page


@bp.app_context_processor
def accounts_link() -> dict:
    """Whether the navigation shows the link to the user page (``may_manage_users``)."""
    return {"may_manage_users": users.can_manage_users(g.get("user"))}


# The coordination office's user page


@bp.route("/benutzer/", methods=["GET", "POST"])
@access.permission("manage_users")
def index():
    db = get_db()
    values, errors = {"role": "", "centres": []}, {}
    if request.method == "POST":
        values = _account_form()
        try:
            user = users.create_user(db, values["username"], None, values["role"],
                                     display_name=values["display_name"], centres=values["centres"])
        except ValidationError as exc:
            errors = exc.by_column()
        else:
            _log("created %s as %s", user.username, user.role)
            return _link_page(user, created=True)
    centres = users.centre_names(db)
    accounts = users.list_users(db)
    return render_template("accounts/index.html", accounts=accounts, centres=centres, values=values,
                           errors=errors, sign_in_events=throttle.recent_events(db, days=EVENT_DAYS_SHOWN),
                           event_days=EVENT_DAYS_SHOWN, limits=throttle.LIMITS,
                           block_minutes=throttle.BLOCK_TIME.seconds // 60, **_shared(centres, accounts)), 422 if errors else 200


@bp.route("/benutzer/<username>", methods=["GET", "POST"])
@access.permission("manage_users")
def edit(username: str):
    user = _existing(username)
    if request.method == "GET":
        return _edit_page(user, {"display_name": user.display_name, "role": user.role, "centres": list(user.centres)})
    values = _account_form()
    try:
        users.set_role(get_db(), user.username, values["role"], values["centres"],
                       display_name=values["display_name"], by=g.user.username)
    except ValidationError as exc:
        return _edit_page(user, values, exc.by_column())
    _log("set %s to %s %s", user.username, values["role"], values["centres"])
    flash("Die Angaben sind gespeichert.")
    return redirect(url_for(".edit", username=user.username))


@bp.post("/benutzer/<username>/deaktivieren")
@access.permission("manage_users")
def disable(username: str):
    return _set_state(_existing(username), disabled=True)


@bp.post("/benutzer/<username>/aktivieren")
@access.permission("manage_users")
def enable(username: str):
    return _set_state(_existing(username), disabled=False)


@bp.post("/benutzer/<username>/passwort-link")
@access.permission("manage_users")
def reset_link(username: str):
    user = _existing(username)
    try:
        return _link_page(user)
    except ValidationError as exc:
        return _edit_page(user, errors=exc.by_column())


# Every user's own account


@bp.route("/konto/passwort", methods=["GET", "POST"])
@access.signed_in
def own_password():
    errors = {}
    if request.method == "POST":
        form = request.form
        try:
            users.change_password(get_db(), g.user.username, form.get("current_password", ""),
                                  form.get("password", ""), form.get("password_repeat", ""),
                                  address=access.client_address())
        except ValidationError as exc:
            errors = exc.by_column()
        else:
            _log("changed own password")
            access.begin_session(g.user.username)  # every other session of the user has ended
            flash("Ihr Passwort ist geändert. Überall sonst, wo Sie angemeldet waren, sind Sie jetzt abgemeldet.")
            return redirect(url_for(".own_password"))
    centres = users.centre_names(get_db()) if g.user.centres else {}
    return render_template("accounts/own.html", errors=errors, centre_list=_named(centres, g.user.centres),
                           labels=LABELS, roles=users.ROLE_NAMES), 422 if errors else 200


# A new password through a link


@bp.route("/passwort/neu/<token>", methods=["GET", "POST"])
@access.public
def reset(token: str):
    db = get_db()
    state, user = users.reset_state(db, token)
    if state != "valid":
        return _link_refused(state)
    errors = {}
    if request.method == "POST":
        try:
            done = users.reset_password(db, token, request.form.get("password", ""),
                                        request.form.get("password_repeat", ""))
        except ValidationError as exc:
            errors = exc.by_column()
        else:
            if done is None:  # used or expired since the page was opened
                return _link_refused("unknown")
            current_app.logger.info("accounts: %s set a new password through a link", done.username)
            access.end_session()
            flash("Ihr Passwort ist gespeichert. Bitte melden Sie sich jetzt damit an.")
            return redirect(url_for("auth.sign_in"))
    return render_template("accounts/reset.html", account=user, errors=errors, labels=LABELS), \
        422 if errors else 200, PRIVATE


# Helpers


def _account_form() -> dict:
    """The user form's values; centres only for a role that has centres (the select may
    still hold the ones chosen before the role was changed)."""
    role = request.form.get("role", "")
    centres = request.form.getlist("centres") if role in users.ROLES_WITH_CENTRES else []
    return {"username": request.form.get("username", ""), "display_name": request.form.get("display_name", ""),
            "role": role, "centres": centres}


def _existing(username: str) -> users.User:
    user = users.get_user(get_db(), username)
    if user is None:
        abort(404, description=f"Einen Benutzer {username[:64]!r} gibt es nicht.")
    return user


def _edit_page(user: users.User, values: dict | None = None, errors: dict | None = None):
    centres = users.centre_names(get_db())
    values = values or {"display_name": user.display_name, "role": user.role, "centres": list(user.centres)}
    return render_template("accounts/edit.html", account=user, values=values, errors=errors or {},
                           centre_list=_named(centres, user.centres), centres=centres,
                           myself=user.username == g.user.username, **_shared(centres, [])), 422 if errors else 200


def _shared(centres: dict[str, str], accounts: list[users.User]) -> dict:
    return {"labels": LABELS, "roles": users.ROLE_NAMES, "roles_with_centres": users.ROLES_WITH_CENTRES,
            "centre_lists": {account.username: _named(centres, account.centres) for account in accounts}}


def _set_state(user: users.User, *, disabled: bool):
    try:
        if disabled:
            users.disable(get_db(), user.username, by=g.user.username)
        else:
            users.enable(get_db(), user.username)
    except ValidationError as exc:
        return _edit_page(user, errors=exc.by_column())
    _log("%s %s", "disabled" if disabled else "enabled", user.username)
    flash(f"{user.display_name} ({user.username}) ist deaktiviert und kann sich nicht mehr anmelden." if disabled
          else f"{user.display_name} ({user.username}) kann sich wieder anmelden.")
    return redirect(url_for(".edit", username=user.username))


def _link_page(user: users.User, *, created: bool = False):
    """A new password link for ``user``, shown this once (a ValidationError when none may be made)."""
    token, expires = users.issue_reset(get_db(), user.username)
    _log("made a password link for %s", user.username)
    return render_template("accounts/link.html", account=user, created=created, expires=expires,
                           link=url_for(".reset", token=token, _external=True)), 200, PRIVATE


def _link_refused(state: str):
    if state == "expired":
        title, text, code = "Link abgelaufen", "Dieser Link zum Festlegen des Passworts ist abgelaufen.", 410
    else:
        title, code = "Link ungültig", 404
        text = ("Dieser Link zum Festlegen des Passworts gilt nicht: Er wurde schon benutzt, durch einen neueren "
                "ersetzt, ist unvollständig, oder der Zugang ist deaktiviert.")
    text += " Bitte wenden Sie sich an die Landeskoordinierungsstelle: Sie kann Ihnen einen neuen Link geben."
    return render_template("errors/error.html", code=code, title=title, text=text), code, PRIVATE


def _named(centres: dict[str, str], ids) -> list[str]:
    """Centres by their names, in German order (an id only if a centre has gone)."""
    return sorted((centres.get(centre, centre) for centre in ids), key=german.sort_key)


def _log(message: str, *args) -> None:
    """Who did what, in the server's log."""
    current_app.logger.info("accounts: %s " + message, g.user.username, *args)
