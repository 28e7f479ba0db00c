"""The centre's workspace: dashboard, lists, forms, history with undo, check report, import."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from kiz_graph import days, statewide, users
from kiz_graph.check import compare, requirement
from kiz_graph.errors import ConflictError, NeedsConfirmation, ValidationError
from kiz_graph.records import audit, duplicates, edits, naming, totals, workspace
from kiz_graph.records.schema import KINDS
from web import access, arguments, lifecycle
from web.database import get_db
from web.forms import fields_for, form_data

bp = Blueprint("centres", __name__, url_prefix="/zentren")



@bp.app_context_processor
def workspace_helpers() -> dict:
    """For every page of a centre: its lists, whether the user may edit it (menus show the import then)."""
    centre = (request.view_args or {}).get("centre")
    return {"lists": workspace.LISTS, "kinds": KINDS, "key_path": _key_path,
            "active_cooperations_rule": totals.ACTIVE_COOPERATIONS,
            "can_edit": bool(centre) and g.get("user") is not None and _can_edit(centre)}


@bp.get("/")
@access.signed_in
def index():
    db = get_db()
    report = statewide.state_report(db, dt.date.today())
    centres = [c for c in report.centres if users.can_read_centre(g.user, c.id)]
    if not centres:
        abort(403)
    return render_template("centres/index.html", centres=centres, report=report)


@bp.get("/<centre>/")
@access.centre()
def dashboard(centre):
    data = requirement.dashboard(get_db(), centre, arguments.day())
    if data is None:
        abort(404)
    return render_template("centres/dashboard.html", centre=centre_header(centre), data=data, can_edit=_can_edit(centre))


@bp.get("/<centre>/<kind:kind>/")
@access.centre()
def records(centre, kind):
    spec = _spec(kind)
    page = workspace.list_page(get_db(), centre, kind, q=request.args.get("q", "")[:200],
                               sort=request.args.get("sort", ""), descending=request.args.get("dir") == "desc",
                               page=arguments.page(), day=dt.date.today())
    names = naming.names(get_db(), {r.get(c) for r in page.records for c in ("to_id", "organisation_id",
                                                                                   "network_id", "person_id")})
    return render_template("centres/list.html", centre=centre_header(centre), kind=kind, spec=spec, page=page,
                           names=names, can_edit=_can_edit(centre), today=dt.date.today())


@bp.route("/<centre>/<kind:kind>/neu", methods=["GET", "POST"])
@access.centre(write=True)
def create(centre, kind):
    spec = _spec(kind)
    values, errors, status, question = _prefilled(kind), {}, 200, None
    if request.method == "POST":
        values = form_data(kind, request.form)
        saved, errors, _, question = _save(lambda: edits.create(get_db(), kind, values, user=g.user.username,
                                                                for_centre=centre, confirmed=_confirmed()))
        if not errors:
            flash(f"{spec.singular} gespeichert.")
            return redirect(url_for("centres.edit", centre=centre, kind=kind, key=_key_path(kind, saved)))
        status = 422
    return _form(centre, kind, values, errors, editing=False, question=question), status


@bp.route("/<centre>/<kind:kind>/eintrag/<path:key>", methods=["GET", "POST"])
@access.centre()
def edit(centre, kind, key):
    spec = _spec(kind)
    db = get_db()
    parts = _key(kind, key)
    current = edits.get(db, kind, parts)
    if current is None or centre not in audit.centres_of(db, kind, current):
        abort(404)
    values, errors, status, conflict, question = current, {}, 200, None, None
    if request.method == "POST":
        if not _can_edit(centre):
            abort(403)
        changes = form_data(kind, request.form)
        values = {**current, **changes}
        _, errors, conflict, question = _save(lambda: edits.update(
            db, kind, parts, changes, user=g.user.username, for_centre=centre, version=_posted_version(),
            confirmed=_confirmed()))
        if not errors:
            flash(f"{spec.singular} gespeichert.")
            return redirect(url_for("centres.edit", centre=centre, kind=kind, key=key))
        status = 409 if conflict else 422
    return _edit_page(centre, kind, current, values, errors, conflict, key=key, spec=spec, question=question), status


def _edit_page(centre: str, kind: str, current: dict, values: dict, errors: dict, conflict, *, key: str, spec,
               question: NeedsConfirmation | None = None):
    """The edit form; after a conflict it shows what is stored now beside what was typed,
    and carries the new version, so that saving again overwrites knowingly."""
    db = get_db()
    stored = conflict.current if conflict else current
    return render_template(
        "centres/form.html", centre=centre_header(centre), kind=kind, spec=spec, record=stored,
        fields=fields_for(kind, conflict.merged if conflict else values, {} if conflict else errors,
                          centre=centre_header(centre), choices=workspace.choices(db, centre), editing=True,
                          names=naming.names(db, {stored.get(c.name) for c in KINDS[kind].columns if c.references})),
        editing=True, key=key, version=audit.version(stored), conflict=conflict,
        differences=_differences(kind, stored, conflict.merged, conflict.clashes) if conflict else [],
        history=audit.history(db, kind=kind, key=_key(kind, key), limit=20),
        can_edit=_can_edit(centre), confirmation=_confirmation(centre, kind, question, editing=True),
        erasable=lifecycle.erasable(kind, stored))


def _differences(kind: str, stored: dict, proposed: dict, clashes: list[str]) -> list[tuple]:
    """(German column name, column, stored value, value after saving again, whether both
    sides changed it) where saving the proposed form would change the stored record."""
    return [(column.german, column.name, stored.get(column.name), proposed.get(column.name), column.name in clashes)
            for column in KINDS[kind].columns
            if not audit.same_state({"v": stored.get(column.name)}, {"v": proposed.get(column.name)})]


def _posted_version() -> str | None:
    return request.form.get("version", "").strip()[:64] or None


@bp.post("/<centre>/<kind:kind>/eintrag/<path:key>/beenden")
@access.centre(write=True)
def end(centre, kind, key):
    spec = _spec(kind)
    try:
        edits.end(get_db(), kind, _key(kind, key), request.form.get("until", ""), user=g.user.username,
                  for_centre=centre, version=_posted_version())
    except ConflictError as exc:
        flash(f"Nicht beendet: {exc.problems[0].message}", "error")
        return redirect(url_for("centres.edit", centre=centre, kind=kind, key=key)), 303
    except ValidationError as exc:
        flash(f"Nicht beendet: {'; '.join(p.message for p in exc.problems)}", "error")
        return redirect(url_for("centres.edit", centre=centre, kind=kind, key=key)), 303
    flash(f"{spec.singular} beendet.")
    return redirect(url_for("centres.edit", centre=centre, kind=kind, key=key))


@bp.route("/<centre>/angaben", methods=["GET", "POST"])
@access.centre()
def facts(centre):
    db = get_db()
    current = edits.get(db, "centres", centre)
    if current is None:
        abort(404)
    values, errors, status, conflict, question = current, {}, 200, None, None
    if request.method == "POST":
        if not _can_edit(centre):
            abort(403)
        changes = form_data("centres", request.form)
        values = {**current, **changes}
        _, errors, conflict, question = _save(lambda: edits.save_centre_facts(
            db, centre, changes, user=g.user.username, version=_posted_version(), confirmed=_confirmed()))
        if not errors:
            flash("Angaben gespeichert.")
            return redirect(url_for("centres.facts", centre=centre))
        status = 409 if conflict else 422
    return _edit_page(centre, "centres", current, values, errors, conflict, key=centre, spec=None,
                      question=question), status


@bp.get("/<centre>/verlauf")
@access.centre()
def history(centre):
    page = arguments.page()
    changes = audit.history(get_db(), centre=centre, skip=(page - 1) * 50, limit=50)
    return render_template("centres/history.html", centre=centre_header(centre), changes=changes, page=page,
                           can_edit=_can_edit(centre))


@bp.post("/<centre>/aenderungen/<change_id>/rueckgaengig")
@access.centre(write=True)
def undo(centre, change_id):
    back = arguments.local_path(request.form.get("back"))  # a bad one is refused before anything is undone
    db = get_db()
    change = audit.get(db, change_id)
    if change is None or centre not in _change_centres(db, change):
        abort(404)
    try:
        edits.undo(db, change_id, g.user.username, for_centre=centre)
    except ValidationError as exc:
        flash(f"Nicht rückgängig gemacht: {'; '.join(p.message for p in exc.problems)}", "error")
    else:
        flash(f"Rückgängig gemacht: {change.summary}")
    return redirect(back or url_for("centres.history", centre=centre))


@bp.get("/<centre>/pruefung")
@access.centre()
def report(centre):
    first, last = arguments.optional_day("von", "Von"), arguments.optional_day("bis", "Bis")
    if first or last:
        if not (first and last):
            abort(400, description=f"{'Bis' if first else 'Von'}: Für den Vergleich fehlt der zweite Tag.")
        result = compare.compare(get_db(), centre, first, last)
        return render_template("centres/report_compare.html", centre=centre_header(centre), comparison=result,
                               parts=compare.headings(result))
    day = arguments.day()
    result = requirement.check(get_db(), centre=centre, as_of=day)
    return render_template("centres/report.html", centre=centre_header(centre), report=result,
                           findings=result.centres[0].findings, day=day, compare_from=days.months_before(day, 12))


def _save(write) -> tuple[dict | None, dict[str, str], ConflictError | None, NeedsConfirmation | None]:
    """Run a core write: (the saved record, {}, None, None), or (None, messages by field, the
    conflict if somebody else changed the record meanwhile, what the user is asked to confirm)."""
    try:
        return write(), {}, None, None
    except ConflictError as exc:
        return None, exc.by_column(), exc, None
    except NeedsConfirmation as exc:
        return None, exc.by_column(), None, exc
    except ValidationError as exc:
        return None, exc.by_column(), None, None


def _prefilled(kind: str) -> dict:
    """Values a link fills in (a suggested partner: ``?to_id=…``); the form shows them, the user saves."""
    return {column: request.args[column][:200] for column in PREFILLED.get(kind, ()) if column in request.args}


PREFILLED = {"cooperations": ("to_id", "form"), "network_members": ("network_id", "organisation_id"),
             "persons": ("organisation_id",)}


def _confirmed() -> frozenset[str]:
    """What the user confirmed in the form's box (``_confirm.html``)."""
    return frozenset(request.form.getlist("confirm")) & {NeedsConfirmation.FUTURE, NeedsConfirmation.SIMILAR}


def _confirmation(centre: str, kind: str, question: NeedsConfirmation | None, *, editing: bool) -> dict | None:
    """The box that asks to confirm what looks like a mistake: the dates far ahead, the similar
    records (linked to their pages), a checkbox for each thing to confirm, and what the user
    confirmed before (kept)."""
    if question is None:
        return None
    similar = [(duplicates.SIMILAR_DE[row["kind"]], row["name"], row["place"],
                url_for("centres.edit", centre=centre, kind=row["kind"], key=row["id"])) for row in question.similar]
    labels = {NeedsConfirmation.FUTURE: "Trotzdem speichern",
              NeedsConfirmation.SIMILAR: "Trotzdem unter diesem Namen speichern" if editing
              else f"Trotzdem als neue {'Person' if kind == 'persons' else 'Organisation'} anlegen"}
    return {"messages": [f"{KINDS[kind].column(problem.column).german}: {problem.message}"
                         for problem in question.problems if problem.column != "name"],
            "similar": similar, "boxes": [(value, labels[value]) for value in sorted(question.needed)],
            "kept": sorted(_confirmed() - question.needed)}


def _form(centre: str, kind: str, values: dict, errors: dict, *, editing: bool,
          question: NeedsConfirmation | None = None):
    return render_template("centres/form.html", centre=centre_header(centre), kind=kind, spec=_spec(kind), record=None,
                           fields=fields_for(kind, values, errors, centre=centre_header(centre),
                                             choices=workspace.choices(get_db(), centre), editing=editing),
                           editing=editing, key=None, history=[], can_edit=True,
                           confirmation=_confirmation(centre, kind, question, editing=editing))


def _spec(kind: str) -> workspace.ListSpec:
    if kind not in workspace.LISTS:
        abort(404)
    return workspace.LISTS[kind]


def centre_header(centre: str) -> dict:
    """The centre's own row (``check/centres``), read once per request; 404 if there is none."""
    cached = g.setdefault("centres_seen", {})
    if centre not in cached:
        rows = get_db().read("check/facts/centres", centre=centre)
        if not rows:
            abort(404)
        cached[centre] = rows[0]
    return cached[centre]


def _can_edit(centre: str) -> bool:
    return users.can_edit_centre(g.user, centre)


def _key(kind: str, path: str) -> tuple:
    parts = tuple(path.split("/"))
    if len(parts) != len(KINDS[kind].key):
        abort(404)
    return parts


def _key_path(kind: str, record: dict) -> str:
    return "/".join(str(v.isoformat() if isinstance(v, dt.date) else v) for v in edits.key_of(kind, record))


def _change_centres(db, change) -> set[str]:
    return set(audit.centres_of(db, change.kind, change.after or {})) | set(
        audit.centres_of(db, change.kind, change.before or {}))
