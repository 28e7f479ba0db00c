"""How values look on a page: German names for keys, German dates, lists joined."""

from __future__ import annotations

import datetime as dt

from flask import Flask

from kiz_graph import german
from kiz_graph.check.requirement import STATUS_DE
from kiz_graph.records.schema import KINDS
from kiz_graph.records.vocabulary import type_name, vocabulary


def show(value, kind: str | None = None, column: str | None = None, names: dict | None = None) -> str:
    """A record's value for people."""
    if value is None or value == []:
        return "–"
    vocab = None
    if kind and column:
        try:
            vocab = KINDS[kind].column(column).vocabulary
        except KeyError:
            vocab = None
    if isinstance(value, list):
        return ", ".join(show(item, kind, column, names) for item in value)
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, dt.date):
        return german.date(value)
    if isinstance(value, float):
        return german.number(value)
    if vocab:
        return vocabulary(vocab).german(value)
    if names and value in names:
        return names[value]
    return str(value)


def init_app(app: Flask) -> None:
    app.jinja_env.filters["show"] = show
    app.jinja_env.filters["status_de"] = lambda status: STATUS_DE.get(status, status)
    app.jinja_env.filters["de_date"] = lambda day: german.date(german.as_date(day))
    app.jinja_env.filters["de_datetime"] = german.moment
    app.jinja_env.filters["type_de"] = type_name
    app.jinja_env.filters["signed"] = german.signed
    app.jinja_env.filters["plural"] = german.plural

