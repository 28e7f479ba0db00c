"""Values a request carries that several areas read the same way."""

from __future__ import annotations

import datetime as dt

from flask import abort, request

from kiz_graph.records import parse_date


def day() -> dt.date:
    """The ``stichtag`` argument (ISO or German date); empty means today, unreadable is a 400."""
    text = request.args.get("stichtag", "").strip()
    if not text:
        return dt.date.today()
    try:
        return parse_date(text[:20])
    except ValueError:
        abort(400)


def local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site (never another origin), else None."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None
