"""kiz-graph's web app: a thin German-language face over the core in ``kiz_graph``.

A view reads the request, calls one core function and renders; no Cypher here.
"""

from __future__ import annotations

from flask import Flask

from web import config, database, errors


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=False)
    app.config.from_mapping(config.from_env())
    if test_config is not None:
        app.config.update(test_config)

    database.init_app(app)
    errors.init_app(app)

    from web import health, home

    app.register_blueprint(health.bp)
    app.register_blueprint(home.bp)
    return app
