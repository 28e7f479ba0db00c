"""The person-data lifecycle: erasure on request (Art. 17 DSGVO), withdrawal of a consent, and
the coordination office's list of persons due for erasure (retention).

A person's erasure and the withdrawal of their consent are open to the coordination office and
to staff of a centre whose network includes the person (``users.may_erase_person``); anyone
else gets the same 404 as for a person who does not exist. Each asks on a page of its own
before anything is written.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from kiz_graph import users
from kiz_graph.errors import ValidationError
from kiz_graph.records import consent, erasure, retention
from web import access, arguments
from web.database import get_db

bp = Blueprint("lifecycle", __name__, url_prefix="/datenschutz")


@bp.app_context_processor
def lifecycle_links() -> dict:
    """Whether pages link to the erasure of a person and to the retention list."""
    user = g.get("user")
    return {"may_erase_persons": users.may(user, "erase_persons"),
            "may_review_retention": users.may(user, "review_retention")}


def erasable(kind: str, record: dict | None) -> bool:
    """Whether the signed-in user may erase the record's person (a person's page shows the button)."""
    if kind != "persons" or not record or not users.may(g.user, "erase_persons"):
        return False
    found = erasure.preview(get_db(), record["id"], count_changes=False)
    return found is not None and users.may_erase_person(g.user, found.centres)


@bp.route("/ansprechpersonen/<key>/loeschen", methods=["GET", "POST"])
@access.permission("erase_persons")
def erase(key):
    person = _person(key)
    back = _back()
    if request.method == "POST":
        try:
            erasure.erase(get_db(), [person.id], user=g.user.username, reason=request.form.get("reason"),
                          for_centre=_acting_centre(person))
        except ValidationError as exc:
            return render_template("lifecycle/erase.html", person=person, back=back,
                                   reason=request.form.get("reason", ""), errors=exc.by_column()), 422
        flash(f"Die Ansprechperson wurde gelöscht. Im Verlauf steht an ihrer Stelle „{erasure.PSEUDONYM}“.")
        return redirect(back or _after_erasure(person))
    return render_template("lifecycle/erase.html", person=person, back=back, reason="", errors={})


@bp.route("/ansprechpersonen/<key>/einwilligung-widerrufen", methods=["GET", "POST"])
@access.permission("erase_persons")
def withdraw(key):
    person = _person(key)
    if request.method == "GET":
        return render_template("lifecycle/withdraw.html", person=person, back=_back())
    try:
        consent.withdraw(get_db(), person.id, user=g.user.username, for_centre=_acting_centre(person))
    except ValidationError as exc:
        flash(f"Nicht widerrufen: {'; '.join(problem.message for problem in exc.problems)}", "error")
    else:
        flash("Die Einwilligung ist widerrufen. Die Kontaktdaten erscheinen ab sofort nirgends mehr, wo eine "
              "Einwilligung nötig ist.")
    return redirect(_back() or url_for("lifecycle.withdraw", key=key))


@bp.get("/aufbewahrung")
@access.permission("review_retention")
def retention_list():
    months = _months()
    due = retention.due(get_db(), months=months)
    return render_template("lifecycle/retention.html", due=due, months=months, confirming=False,
                           fingerprint=retention.fingerprint(due))


@bp.route("/aufbewahrung/loeschen", methods=["GET", "POST"])
@access.permission("review_retention")
def retention_apply():
    months = _months()
    due = retention.due(get_db(), months=months)
    if request.method == "GET":
        return render_template("lifecycle/retention.html", due=due, months=months, confirming=True,
                               fingerprint=retention.fingerprint(due))
    if request.form.get("liste") != retention.fingerprint(due):
        flash("Nichts gelöscht: Die Liste hat sich inzwischen geändert. Bitte prüfen Sie sie erneut.", "error")
    else:
        erased = retention.apply(get_db(), due, user=g.user.username, months=months)
        flash(f"{erased} {'Ansprechperson' if erased == 1 else 'Ansprechpersonen'} gelöscht.")
    return redirect(url_for("lifecycle.retention_list", monate=months))


def _person(key: str) -> erasure.Preview:
    """The person named in the address, if the user may act for them; else 404 (also when the
    person exists, so that nobody learns who is recorded elsewhere)."""
    found = erasure.preview(get_db(), key[:100])
    if found is None or not users.may_erase_person(g.user, found.centres):
        abort(404)
    return found


def _acting_centre(person: erasure.Preview) -> str | None:
    """The user's centre whose network includes the person: its history shows what was done."""
    return next((centre for centre in g.user.centres if centre in person.centres), None)


def _after_erasure(person: erasure.Preview) -> str:
    centre = _acting_centre(person)
    if centre:
        return url_for("centres.records", centre=centre, kind="persons")
    if users.may(g.user, "review_retention"):
        return url_for("lifecycle.retention_list")
    return url_for("home.start")


def _back() -> str | None:
    """Where to go afterwards (``zurueck``): a path of this site only."""
    return arguments.local_path(request.values.get("zurueck"))


def _months() -> int:
    """The ``monate`` argument: the retention period in months (default 24)."""
    text = (request.values.get("monate") or "").strip() or str(retention.DEFAULT_MONTHS)
    found = retention.parse_months(text)
    if found is None:
        abort(400, description=f"Monate: {text[:20]!r} ist keine Anzahl von Monaten (1 bis 1200).")
    return found
