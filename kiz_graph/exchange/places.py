"""Regions and municipalities as people write them: keys, keys without their leading zero,
names with or without "Kreis", "Stadt" or "StädteRegion", umlauts or their transliteration.

The places are the seeds' (``seeds/regions.csv``, ``seeds/municipalities.csv``): the same
for every database, so no query is needed.
"""

from __future__ import annotations

import csv
import functools
import importlib.resources
import re
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz, process, utils

from kiz_graph.german import match_key

# What people put before a place's name; "Kreis Unna" and "Unna" mean the same region.
_PREFIXES = re.compile(r"^(?:kreisfreie stadt|stadt|kreis|landkreis|staedteregion|gemeinde|hansestadt) ")


class Place(NamedTuple):
    """A region or municipality; ``region`` is the key of the region it lies in (a region's own)."""

    ags: str
    name: str
    region: str

    def __str__(self) -> str:
        return f"{self.name} ({self.ags})"


@dataclass(frozen=True)
class Found:
    """What a written place means: one place, or why none (``message``)."""

    place: Place | None = None
    message: str = ""


def _rows(name: str) -> list[dict]:
    with importlib.resources.files("seeds").joinpath(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.cache
def regions() -> dict[str, Place]:
    return {row["ags"]: Place(row["ags"], row["name"], row["ags"]) for row in _rows("regions.csv")}


@functools.cache
def municipalities() -> dict[str, Place]:
    return {row["ags"]: Place(row["ags"], row["name"], row["region"]) for row in _rows("municipalities.csv")}


def fold(name: str) -> str:
    return _PREFIXES.sub("", match_key(name))


@functools.cache
def _by_name(level: str) -> tuple[dict[str, list[Place]], dict[str, list[Place]]]:
    """Places by folded full name, and by folded name without prefix."""
    full: dict[str, list[Place]] = {}
    bare: dict[str, list[Place]] = {}
    for place in (regions() if level == "region" else municipalities()).values():
        full.setdefault(match_key(place.name), []).append(place)
        for name in {place.name, re.split(r"/| \(", place.name)[0]}:  # "Fröndenberg" for "Fröndenberg/Ruhr"
            bare.setdefault(fold(name), []).append(place)
    return full, bare


def _by_key(text: str, table: dict[str, Place], lengths: tuple[int, ...]) -> Place | None:
    digits = text.replace(" ", "")
    if not digits.isdigit():
        return None
    if len(digits) + 1 in lengths and not digits.startswith("0"):  # a spreadsheet dropped the zero
        digits = "0" + digits
    return table.get(digits)


def _named(text: str, level: str) -> list[Place]:
    full, bare = _by_name(level)
    return full.get(match_key(text)) or bare.get(fold(text), [])


def region(text: str) -> Found:
    """A region (Kreis, kreisfreie Stadt, StädteRegion) by key or name; a municipality's name
    stands for the region it lies in."""
    place = _by_key(text, regions(), (5, 8))
    if place is not None:
        return Found(place)
    if text.strip().isdigit():
        return Found(message=f"keine Region mit dem Schlüssel {text.strip()!r} in NRW")
    found = _named(text, "region")
    if not found:
        found = [regions()[m.region] for m in _named(text, "municipality")]
    if len(found) == 1:
        return Found(found[0])
    if found:
        return Found(message=f"„{text}“ ist mehrdeutig: " + ", ".join(map(str, found)))
    return Found(message=f"keine Region „{text}“ in NRW" + _near(text, regions()))


def municipality(text: str) -> Found:
    """A municipality by AGS or name; a kreisfreie Stadt is its own municipality."""
    place = _by_key(text, municipalities(), (8,))
    if place is not None:
        return Found(place)
    if text.strip().isdigit():
        return Found(message=f"keine Gemeinde mit dem Schlüssel {text.strip()!r} in NRW")
    found = _named(text, "municipality")
    if len(found) == 1:
        return Found(found[0])
    if found:
        return Found(message=f"„{text}“ ist mehrdeutig: " + ", ".join(map(str, found)))
    return Found(message=f"keine Gemeinde „{text}“ in NRW" + _near(text, municipalities()))


def _near(text: str, table: dict[str, Place]) -> str:
    names = {place.ags: place.name for place in table.values()}
    close = process.extract(text, names, limit=3, score_cutoff=75,
                            scorer=fuzz.ratio, processor=utils.default_process)
    return f"; ähnlich: {', '.join(str(table[ags]) for _, _, ags in close)}" if close else ""
