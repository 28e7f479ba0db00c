"""A centre's import page: upload, a preview of how the files were understood, the mapping of
sheets and columns (changeable, remembered per centre), and the confirmation.

Nothing is written before the confirmation; the preview runs the very import and rolls it
back. A confirmed upload is imported with the mapping and versions its preview showed. A
refused preview keeps the upload, so that its mapping can be corrected without uploading
again; a refused confirmation removes it. An upload not previewed again within an hour is
deleted with the next upload or preview of anyone; opening its preview then says so.
Messages name the uploaded files by their names only, never the folder they are kept in.
"""

from __future__ import annotations

import io
import json
import os
import secrets
import shutil
import time
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, send_file, url_for
from neo4j.exceptions import Neo4jError
from werkzeug.utils import secure_filename

from kiz_graph import german
from kiz_graph.errors import ValidationError
from kiz_graph.exchange import formats, importer, mapping, template
from kiz_graph.records.schema import KINDS
from kiz_graph.store.db import is_out_of_memory
from web import access
from web.database import get_db
from web.workspace import centre_header

bp = Blueprint("imports", __name__, url_prefix="/zentren")

SHOWN_PROBLEMS = 200  # of a refused import: a page of megabytes helps nobody
PREVIEW_SECONDS = 3600  # how long an upload is kept after its last preview (setting IMPORT_PREVIEW_SECONDS)
PREVIEW_FILE = ".vorschau.json"  # who previewed the upload, its mapping, and the versions of what it touches
KIND_NAMES = {"organisations": "Organisationen", "persons": "Ansprechpersonen", "cooperations": "Kooperationen",
              "centres": "Angaben zum Zentrum", "positions": "Stellen", "networks": "Netzwerke",
              "network_members": "Netzwerkmitglieder", "offers": "Angebote"}


@bp.route("/<centre>/import", methods=["GET", "POST"])
@access.centre(write=True)
def upload(centre):
    _sweep()
    if request.method == "GET":
        return _page(centre)
    files = [f for f in request.files.getlist("files") if f and f.filename]
    if not files:
        return _page(centre, problems=["Bitte mindestens eine Datei auswählen."]), 400
    token = secrets.token_urlsafe(16)
    folder = _upload_folder(token)
    folder.mkdir(parents=True)
    for f in files:
        f.save(folder / (secure_filename(f.filename) or "datei.csv"))
    return _preview(centre, token, folder, chosen={})


@bp.get("/<centre>/import/vorlage.xlsx")
@access.centre(write=True)
def import_template(centre):
    buffer = io.BytesIO()
    template.write_template(buffer)
    buffer.seek(0)
    return send_file(buffer, as_attachment=True, download_name="kiz-graph-vorlage.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.post("/<centre>/import/<token>/zuordnung")
@access.centre(write=True)
def change_mapping(centre, token):
    """The user's own mapping of sheets and columns: remembered for the centre, then a new preview."""
    folder, preview = _previewed(centre, token)
    chosen = _chosen_mapping(preview.get("mappings", {}))
    mapping.remember(get_db(), centre, chosen)
    return _preview(centre, token, folder, chosen={**preview.get("chosen", {}), **chosen})


@bp.post("/<centre>/import/<token>")
@access.centre(write=True)
def confirm_import(centre, token):
    folder, preview = _previewed(centre, token)
    if preview.get("versions") is None:
        abort(404)  # a refused preview has nothing to confirm
    skip = request.form.get("skip_unrecognised") == "ja"
    result = _import(centre, folder, dry_run=False, mapping_=preview.get("mapping"), expected=preview["versions"],
                     skip_unrecognised=skip)
    if not isinstance(result, importer.ImportResult):
        page, status = result
        if status == 422:
            shutil.rmtree(folder, ignore_errors=True)
        return _page(centre, **page), status
    shutil.rmtree(folder, ignore_errors=True)
    flash("Import abgeschlossen: " + "; ".join(
        f"{f.source}: {f.created} neu, {f.updated} geändert, {f.unchanged} unverändert" for f in result.files))
    return redirect(url_for("centres.history", centre=centre))


def _preview(centre: str, token: str, folder: Path, *, chosen: dict):
    """The preview of an upload; refused, it still shows how the files were mapped, so that a
    wrong mapping can be corrected without uploading again."""
    use = mapping.for_upload(get_db(), centre, [folder], chosen)
    result = _import(centre, folder, dry_run=True, mapping_=use)
    mappings = result.mappings if isinstance(result, importer.ImportResult) else formats.read_paths(
        [folder], mapping=use).mappings
    (folder / PREVIEW_FILE).write_text(json.dumps(
        {"user": g.user.username, "centre": centre, "versions": getattr(result, "versions", None), "mapping": use,
         "chosen": chosen, "mappings": mappings}), encoding="utf-8")
    os.utime(folder)  # kept for another PREVIEW_SECONDS from now
    if not isinstance(result, importer.ImportResult):
        page, status = result
        return _page(centre, token=token, mappings=mappings, **page), status
    return _page(centre, preview=result, token=token, mappings=mappings)


def _previewed(centre: str, token: str) -> tuple[Path, dict]:
    """The upload and its preview; 404 unless the same user previewed it for the same centre. An
    upload that is gone (deleted after its time) leads back to the upload form with a message."""
    folder = _upload_folder(token)
    _sweep()
    if not folder.is_dir():
        flash(f"Die Vorschau ist abgelaufen: hochgeladene Dateien werden nach {_lifetime_words()} ohne Bestätigung "
              "gelöscht. Bitte laden Sie die Dateien erneut hoch.", "error")
        abort(redirect(url_for("imports.upload", centre=centre), 303))
    try:
        preview = json.loads((folder / PREVIEW_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        abort(404)
    if preview.get("user") != g.user.username or preview.get("centre") != centre:
        abort(404)
    return folder, preview


def _chosen_mapping(mappings: dict) -> dict[str, dict]:
    """The mapping form's choices (``kind-<i>``, ``column-<i>-<j>``) for the previewed sources."""
    chosen = {}
    for i, (source, detected) in enumerate(sorted(mappings.items())):
        kind = request.form.get(f"kind-{i}")
        if kind is None:
            continue
        if kind not in KINDS:
            kind = ""
        columns = {}
        for j, (heading, _) in enumerate(detected["columns"]):
            column = request.form.get(f"column-{i}-{j}")
            if heading and column is not None:
                columns[heading] = column if kind and column in KINDS[kind].column_names else ""
        chosen[source] = {"kind": kind, "columns": columns if kind == detected["kind"] else {}}
    return chosen


def _import(centre: str, folder: Path, *, dry_run: bool, mapping_: dict | None, expected: dict | None = None,
            skip_unrecognised: bool = False):
    """The upload's import (or its preview), or what the page says about why nothing was
    written, and its status. After a failure of the database itself the upload stays, so that
    the same confirmation can be sent again (a database that is down answers 503 anyway).
    """
    try:
        return importer.import_paths(get_db(), [folder], dry_run=dry_run, user=g.user.username, for_centre=centre,
                                     expected=expected, mapping=mapping_, skip_unrecognised=skip_unrecognised)
    except ValidationError as exc:
        return {"problems": [str(p) for p in exc.problems[:SHOWN_PROBLEMS]], "problem_count": len(exc.problems)}, 422
    except Neo4jError as exc:
        current_app.logger.error("import for %s failed in the database: %s", centre, exc)
        if is_out_of_memory(exc):
            problems, status = ["Diese Dateien sind zu groß für einen Import in einem Schritt. "
                                "Bitte laden Sie sie in kleineren Teilen hoch."], 413
        else:
            problems, status = ["Die Datenbank hat den Import abgelehnt. Bitte versuchen Sie es später erneut."], 500
        return {"problems": problems, "problem_count": 1, "headline": "Der Import wurde nicht ausgeführt."}, status


def _page(centre: str, **values):
    values.setdefault("preview", None)
    values.setdefault("problems", None)
    return render_template("centres/import.html", centre=centre_header(centre), kinds=KINDS, kind_names=KIND_NAMES,
                           **values)


def _upload_folder(token: str) -> Path:
    if not token.replace("-", "").replace("_", "").isalnum():
        abort(404)
    return Path(current_app.instance_path) / "uploads" / token


def _lifetime() -> int:
    return int(current_app.config.get("IMPORT_PREVIEW_SECONDS", PREVIEW_SECONDS))


def _lifetime_words() -> str:
    minutes = _lifetime() // 60
    if minutes == 60:
        return "einer Stunde"
    return f"{minutes // 60} Stunden" if minutes % 60 == 0 else german.plural(minutes, "Minute", "Minuten")


def _sweep() -> None:
    """Delete every upload (of any user) not previewed within the lifetime: run on every upload and preview."""
    uploads = Path(current_app.instance_path) / "uploads"
    limit = time.time() - _lifetime()
    try:
        folders = [entry for entry in uploads.iterdir() if entry.is_dir() and entry.stat().st_mtime < limit]
    except OSError:  # no uploads yet, or one removed meanwhile
        return
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
