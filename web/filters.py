"""How values look on a page: German names for keys, German dates, lists joined."""

from __future__ import annotations

from flask import Flask

from kiz_graph import german
from kiz_graph.check.requirement import STATUS_DE
from kiz_graph.records import naming
from kiz_graph.records.vocabulary import type_name


def init_app(app: Flask) -> None:
    app.jinja_env.filters["show"] = naming.in_words
    app.jinja_env.filters["status_de"] = lambda status: STATUS_DE.get(status, status)
    app.jinja_env.filters["de_date"] = lambda day: german.date(german.as_date(day))
    app.jinja_env.filters["de_datetime"] = german.moment
    app.jinja_env.filters["type_de"] = type_name
    app.jinja_env.filters["signed"] = german.signed
    app.jinja_env.filters["plural"] = german.plural

