"""Error pages in German, and the one place where the core's errors become HTTP answers:
an unknown centre is a 404, a record outside the user's centre a 403, and while Neo4j is
down every page answers 503 and says so."""

from __future__ import annotations

from flask import Flask, render_template
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired
from werkzeug.exceptions import Forbidden, NotFound

from kiz_graph.errors import OutOfScopeError, UnknownCentreError

DATABASE_DOWN = (ServiceUnavailable, SessionExpired, AuthError)


def init_app(app: Flask) -> None:
    def database_unavailable(error):
        app.logger.warning("Neo4j is unavailable: %s", error)
        return render_template("errors/503.html"), 503, {"Retry-After": "30"}

    for error_class in DATABASE_DOWN:
        app.register_error_handler(error_class, database_unavailable)

    # The core's domain errors, answered as the HTTP errors they are (pages registered below).
    app.register_error_handler(UnknownCentreError, lambda error: app.handle_http_exception(NotFound()))
    app.register_error_handler(OutOfScopeError, lambda error: app.handle_http_exception(Forbidden()))

    from flask_wtf.csrf import CSRFError

    app.register_error_handler(CSRFError, lambda error: (render_template(
        "errors/error.html", code=400, title="Formular abgelaufen",
        text="Das Formular war nicht mehr gültig. Bitte laden Sie die Seite neu und senden Sie es noch einmal."), 400))

    for code, title, text in (
        (400, "Ungültige Anfrage", "Die Anfrage konnte nicht verarbeitet werden."),
        (401, "Anmeldung nötig", "Bitte melden Sie sich an."),
        (403, "Kein Zugriff", "Sie haben keine Berechtigung für diese Seite."),
        (404, "Seite nicht gefunden", "Diese Seite gibt es nicht."),
        (405, "Nicht erlaubt", "Diese Aktion ist hier nicht möglich."),
        (413, "Datei zu groß", "Die hochgeladene Datei ist zu groß."),
        (500, "Interner Fehler", "Etwas ist schiefgegangen. Bitte versuchen Sie es später erneut."),
    ):
        app.register_error_handler(code, _page(code, title, text))


def _page(code: int, title: str, text: str):
    def handler(error):
        # A view's own German reason (``abort(400, description=...)``) replaces the general text;
        # werkzeug's English default never shows.
        reason = getattr(error, "description", None)
        own = reason if isinstance(reason, str) and reason != type(error).description else None
        return render_template("errors/error.html", code=code, title=title, text=own or text), code

    return handler
