"""How values look on a page: German names for keys, German dates, lists joined."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import Flask

from kiz_graph.check.requirement import STATUS_DE
from kiz_graph.network.picture import type_name
from kiz_graph.records.schema import KINDS
from kiz_graph.records.vocabulary import vocabulary


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
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if vocab:
        return vocabulary(vocab).german(value)
    if names and value in names:
        return names[value]
    return str(value)


GERMAN_TIME = ZoneInfo("Europe/Berlin")


def de_datetime(text: str) -> str:
    """A UTC timestamp (as Neo4j gives it) as German local date and time: "30.11.2026, 17:40 Uhr"."""
    try:
        moment = dt.datetime.fromisoformat(str(text)[:19]).replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return str(text)
    return moment.astimezone(GERMAN_TIME).strftime("%d.%m.%Y, %H:%M Uhr")


def init_app(app: Flask) -> None:
    app.jinja_env.filters["show"] = show
    app.jinja_env.filters["status_de"] = lambda status: STATUS_DE.get(status, status)
    app.jinja_env.filters["de_date"] = lambda day: day.strftime("%d.%m.%Y") if day else "–"
    app.jinja_env.filters["de_datetime"] = de_datetime
    app.jinja_env.filters["type_de"] = type_name
    app.jinja_env.filters["signed"] = lambda number: ("+" if number > 0 else "") + show(number)
