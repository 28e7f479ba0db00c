"""Values a request carries that several areas read the same way."""

from __future__ import annotations

import datetime as dt

from flask import abort, request

from kiz_graph.records import parse_date


def day() -> dt.date:
    """The ``stichtag`` argument (ISO or German date); empty means today, unreadable is a 400."""
    return optional_day("stichtag") or dt.date.today()


def optional_day(name: str) -> dt.date | None:
    """The date argument ``name`` (ISO or German), None when empty; unreadable is a 400."""
    text = request.args.get(name, "").strip()
    if not text:
        return None
    try:
        return parse_date(text[:20])
    except ValueError:
        abort(400)


def local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site (never another origin), else None."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None
