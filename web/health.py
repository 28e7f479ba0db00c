"""``/healthz``: whether the app can reach Neo4j, for load balancers and monitoring."""

from flask import Blueprint, jsonify

from web import access
from web.database import get_db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@access.public
def healthz():
    if get_db().ping():
        return jsonify(status="ok", neo4j="erreichbar")
    return jsonify(status="unavailable", neo4j="nicht erreichbar"), 503
