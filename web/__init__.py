"""kiz-graph's web app: a thin German-language face over the core in ``kiz_graph``.

A view reads the request, calls the core and renders; no Cypher here. Who may open
which page is decided in ``web/access.py`` alone.
"""

from __future__ import annotations

from flask import Flask
from flask_compress import Compress
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from web import access, arguments, config, database, errors, filters, headers

csrf = CSRFProtect()
compress = Compress()


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(config.INSTANCE_DIR))
    app.config.from_mapping(config.from_env())
    if test_config is not None:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY is not set: set it in the environment (`kiz-graph serve --demo` makes one)")

    if app.config["PROXIES"]:  # believe X-Forwarded-For and -Proto from this many proxies only
        proxies = app.config["PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    database.init_app(app)
    errors.init_app(app)
    filters.init_app(app)
    csrf.init_app(app)
    headers.init_app(app)
    compress.init_app(app)
    app.before_request(access.load_user)
    app.url_map.converters["kind"] = arguments.KindConverter

    from web import (accounts, auth, directory, disclosure, health, home, imports, lifecycle, network, overview,
                     reports, workspace)

    for blueprint in (health.bp, home.bp, auth.bp, accounts.bp, directory.bp, workspace.bp, imports.bp, network.bp,
                      overview.bp, disclosure.bp, lifecycle.bp, reports.bp):
        app.register_blueprint(blueprint)
    return app
