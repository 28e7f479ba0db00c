"""Security headers on every response: pages, redirects, errors, downloads and static files.

The Content-Security-Policy lets a page load scripts, styles, images, fonts and requests only
from this server, with no inline script or style at all (the network page's data travel in
``type="application/json"`` blocks, which are read, never run; vis-network styles its
elements through the DOM, which the policy allows). ``data:`` images are allowed for the
drawing's PNG and vis-network's stylesheet icons. Nobody may frame a page, and forms post
only here.

A header a view sets itself wins (the password-link page sends ``Referrer-Policy:
no-referrer`` to keep its token out of every Referer). Strict-Transport-Security is sent only
when the app is served over https (``KIZ_HTTPS=1``); nothing here ever redirects to https.

A plain ``after_request`` rather than flask-talisman: Talisman overwrites headers a view has
set, redirects to https and turns on Secure session cookies unless each is switched off, and
keeps a second copy of the cookie settings that ``web/config.py`` already makes.
"""

from __future__ import annotations

from flask import Flask, Response

from kiz_graph import config


def attachment(body, content_type: str, filename: str) -> Response:
    """A download: saved under ``filename``, never kept by a cache (downloads may hold contact data)."""
    response = Response(body, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that know no CSP
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # no URL (centre, token) ever leaves for another site
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
HSTS = "max-age=31536000"  # a year; no includeSubDomains: the operator's other hosts are not ours to decide


def init_app(app: Flask) -> None:
    """Every response of ``app`` gets :data:`HEADERS` (and HSTS when served over https:
    the setting ``KIZ_HTTPS``, from the environment unless a test sets it)."""
    headers = dict(HEADERS)
    if app.config.get("KIZ_HTTPS", config.https()):
        headers["Strict-Transport-Security"] = HSTS

    @app.after_request
    def secure(response: Response) -> Response:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        return response
