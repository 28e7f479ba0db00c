"""Values a request carries that several areas read the same way."""

from __future__ import annotations

import datetime as dt
import re

from flask import abort, request
from werkzeug.routing import BaseConverter

from kiz_graph.records.schema import KINDS, parse_date


def day() -> dt.date:
    """The ``stichtag`` argument (ISO or German date); empty means today, unreadable is a 400."""
    return optional_day("stichtag") or dt.date.today()


def optional_day(name: str, label: str = "Stichtag") -> dt.date | None:
    """The date argument ``name`` (ISO or German), None when empty; unreadable is a 400 naming
    the field as the form labels it."""
    text = request.args.get(name, "").strip()
    if not text:
        return None
    try:
        return parse_date(text[:20])
    except ValueError as exc:
        abort(400, description=f"{label}: {exc}.")


MAX_PAGE = 10_000


def page() -> int:
    """The ``seite`` argument (``page`` in older links): 1 when absent, a 400 when it is no page number."""
    text = (request.args.get("seite") or request.args.get("page") or "").strip() or "1"
    if not (text.isascii() and text.isdigit()) or len(text) > 6 or not 1 <= int(text) <= MAX_PAGE:
        abort(400, description=f"Seite: {text[:20]!r} ist keine Seitenzahl (1 bis {MAX_PAGE:,}).".replace(",", "."))
    return int(text)


# A path on this site: one "/" first, then no backslash, whitespace or control character
# anywhere (browsers drop tabs and read "\\" as "/", so "/\t/evil.example" would leave the site).
LOCAL_PATH = re.compile(r"/(?![/\\])[^\\\s\x00-\x1f\x7f]*")


def local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site (never another origin), else None; a line
    break in it is a 400 (it could only be meant to split a header)."""
    if not isinstance(target, str) or not target:
        return None
    if "\r" in target or "\n" in target:
        abort(400, description="Die Zieladresse der Weiterleitung enthält einen Zeilenumbruch.")
    return target if LOCAL_PATH.fullmatch(target) else None


class KindConverter(BaseConverter):
    """A record kind in an address, in German (``/zentren/ki-05978/kooperationen/``); the
    English names of older links still lead there."""

    SLUGS = {kind: spec.german_file.replace("_", "-") for kind, spec in KINDS.items() if kind != "centres"}
    KINDS_BY_SLUG = {**{kind: kind for kind in SLUGS}, **{slug: kind for kind, slug in SLUGS.items()}}
    regex = "|".join(sorted(KINDS_BY_SLUG, key=len, reverse=True))

    def to_python(self, value: str) -> str:
        return self.KINDS_BY_SLUG[value]

    def to_url(self, value: str) -> str:
        return self.SLUGS.get(value, value)
