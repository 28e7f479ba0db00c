"""German as users read it, in one place: dates, numbers, plurals, and names folded for
sorting and for matching."""

from __future__ import annotations

import datetime as dt
import functools
import re
import statistics
import unicodedata
from zoneinfo import ZoneInfo

import pyuca

# DIN 5007, variant 1 (dictionaries, lists of names): ä sorts as a, ß as ss.
_SORT_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def date(day: dt.date | None, missing: str = "–") -> str:
    """``31.07.2013``; ``missing`` for no date."""
    return day.strftime("%d.%m.%Y") if day else missing


def as_date(value) -> dt.date | None:
    """A date, also from the ISO text of a JSON form (the audit trail, the check's evidence)."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value


def number(value: float | int) -> str:
    """A number with a decimal comma and no trailing zeros: ``0,5``, ``3``, ``12,25``."""
    return f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)


def signed(value: float | int) -> str:
    """:func:`number` with a plus sign for a gain: ``+2``, ``-0,5``, ``0``."""
    return ("+" if value > 0 else "") + number(value)


def plural(count: float | int, singular: str, plural_: str) -> str:
    """``1 Kooperation``, ``2 Kooperationen``, ``0,5 Stellen``: the count and the fitting noun."""
    return f"{number(count)} {singular if count == 1 else plural_}"


def median(values) -> float | int:
    """The median of the values, 0 for none."""
    values = list(values)
    return statistics.median(values) if values else 0


@functools.lru_cache(maxsize=200_000)
def sort_key(text: str | None) -> tuple:
    """A name as it sorts in a German list (DIN 5007-1): by the Unicode Collation Algorithm
    (``pyuca``), so case, umlauts and accents count only where the letters are the same:
    "Albert-…" before "AWO-…", "Öko" before "Oma"."""
    return _collator().sort_key(text or "")


@functools.cache
def _collator() -> pyuca.Collator:
    return pyuca.Collator()  # reads the Unicode collation table once (about half a second)


def quick_key(text: str | None) -> str:
    """A cheap stand-in for :func:`sort_key` where only a stable order counts, not what a
    person reads (thousands of graph nodes): case-insensitive, umlauts as their base letter."""
    return (text or "").casefold().translate(_SORT_FOLD)


def match_key(name: str) -> str:
    """A name folded for finding likely duplicates: case, umlauts (ä = ae), ß, accents,
    punctuation and "e.V." do not count. Stored as ``name_key``: changing it needs a migration."""
    text = name.casefold().replace("ß", "ss")
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"\be\s*\.?\s*v\b\.?", " ", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


GERMAN_TIME = ZoneInfo("Europe/Berlin")


def moment(text: str) -> str:
    """A UTC timestamp (as Neo4j gives it) as German local date and time: "30.11.2026, 17:40 Uhr"."""
    try:
        when = dt.datetime.fromisoformat(str(text)[:19]).replace(tzinfo=dt.timezone.utc)
    except ValueError:
        return str(text)
    return when.astimezone(GERMAN_TIME).strftime("%d.%m.%Y, %H:%M Uhr")
