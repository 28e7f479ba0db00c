"""The name pools and tables of ``seeds/demo/`` (described in its README), read once."""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import NamedTuple

from .draw import Weighted
from .names import slug


class OfferTemplate(NamedTuple):
    title: str
    task: str | None
    fields: tuple
    stages: tuple | None  # None: the stages of the school that offers it
    target_group: str  # may hold {language}
    languages: str | None  # "multi", "hsu", "own" or None


class NetworkTemplate(NamedTuple):
    name: str
    topic: str
    members: tuple  # organisation types
    region_wide: bool  # False: also one per municipality or city quarter


@dataclass(frozen=True)
class Pools:
    # people
    origins: Weighted  # origin keys
    origin_languages: dict  # origin -> tuple of language codes
    given: dict  # (origin, gender) -> tuple of (name, slug)
    surnames: dict  # origin -> tuple of (male, female, male slug, female slug)
    functions: dict  # organisation type -> ((female, male), ...), the head first
    persons_per_org: dict  # organisation type -> mean number of contact persons
    # how many organisations
    population: dict  # region ags -> thousands
    type_totals: dict  # organisation type -> statewide number at scale 1.0
    type_minimum: dict  # organisation type -> at least this many per region
    # organisations and their names
    mso: Weighted  # (stem, languages or None, person origin or None)
    mso_nouns: Weighted  # (noun, gender, fields, stages)
    school_forms: Weighted  # (form, gender, stages)
    school_names: dict  # school form ("*": any other) -> Weighted name templates
    daycare_names: Weighted  # name templates
    welfare: tuple  # (federation, genitive, branch name, branch name in a kreisfreie Stadt)
    welfare_services: dict  # federation -> local service names
    programmes: dict  # programme -> (since, fields, name)
    programme_mix: Weighted  # programme keys
    partner_names: dict  # organisation type -> ((name, fields, stages), ...)
    streets: tuple
    kita_names: tuple
    saints: tuple
    protestant: tuple
    namesakes: tuple
    school_places: tuple
    school_compounds: tuple
    sport_clubs: tuple
    # cooperations, networks, offers
    partner_cooperations: Weighted  # (from type, to type, form, fields)
    notes: tuple
    networks: tuple  # NetworkTemplate
    centre_offers: tuple  # OfferTemplate: every centre's offers ...
    centre_extra_offers: tuple  # ... and those centres take in turn
    org_offers: dict  # organisation type -> OfferTemplates


def _read_text(name: str) -> str:
    return (resources.files("seeds") / "demo" / name).read_text(encoding="utf-8")


def _read_lines(name: str) -> tuple:
    return tuple(
        line.strip()
        for line in _read_text(name).splitlines()
        if line.strip() and not line.startswith("#")
    )


def _read_csv(name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(_read_text(name))))


def _split(cell: str) -> tuple:
    """A `|`-separated list; an empty cell is ()."""
    return tuple(x for x in cell.split("|") if x)


def _by_key(rows, key: str, value) -> dict:
    """row[key] -> tuple of value(row), in the order of the rows."""
    out: dict = {}
    for row in rows:
        out.setdefault(row[key], []).append(value(row))
    return {k: tuple(v) for k, v in out.items()}


def _weighted(rows: list[dict], item) -> Weighted:
    """Rows with a ``weight`` column, drawn as item(row)."""
    return Weighted((item(r) for r in rows), (r["weight"] for r in rows))


def _offer(row: dict) -> OfferTemplate:
    return OfferTemplate(
        row["title"], row["task"] or None, _split(row["fields"]),
        None if row["stages"] == "school" else _split(row["stages"]),
        row["target_group"], row["languages"] or None,
    )


@functools.lru_cache(maxsize=1)
def pools() -> Pools:
    origins = _read_csv("origins.csv")
    given: dict = {}
    for r in _read_csv("given_names.csv"):
        given.setdefault((r["origin"], r["gender"]), []).append((r["name"], slug(r["name"])))
    surnames: dict = {}
    for r in _read_csv("surnames.csv"):
        male = r["male"]
        female = r["female"] or male
        surnames.setdefault(r["origin"], []).append((male, female, slug(male), slug(female)))
    types = _read_csv("organisation_types.csv")
    programmes = _read_csv("funded_structures.csv")
    offers = _read_csv("offers.csv")
    return Pools(
        origins=_weighted(origins, lambda r: r["origin"]),
        origin_languages={r["origin"]: _split(r["languages"]) for r in origins},
        given={k: tuple(v) for k, v in given.items()},
        surnames={k: tuple(v) for k, v in surnames.items()},
        functions=_by_key(_read_csv("functions.csv"), "type", lambda r: (r["female"], r["male"])),
        persons_per_org={r["type"]: float(r["persons"]) for r in types},
        population={r["ags"]: int(r["population"]) for r in _read_csv("populations.csv")},
        type_totals={r["type"]: int(r["statewide"]) for r in types if r["statewide"]},
        type_minimum={r["type"]: int(r["minimum"]) for r in types if r["minimum"]},
        mso=_weighted(
            _read_csv("mso_origins.csv"),
            lambda r: (
                r["stem"],
                None if r["languages"] == "*" else _split(r["languages"]),
                None if r["person_origin"] == "*" else r["person_origin"],
            ),
        ),
        mso_nouns=_weighted(
            _read_csv("mso_nouns.csv"), lambda r: (r["noun"], r["gender"], _split(r["fields"]), _split(r["stages"]))
        ),
        school_forms=_weighted(_read_csv("school_forms.csv"), lambda r: (r["form"], r["gender"], _split(r["stages"]))),
        school_names={
            form: _weighted(rows, lambda r: r["name"])
            for form, rows in _by_key(_read_csv("school_names.csv"), "form", dict).items()
        },
        daycare_names=_weighted(_read_csv("daycare_names.csv"), lambda r: r["name"]),
        welfare=tuple(
            (r["federation"], r["genitive"], r["branch"], r["city_branch"] or r["branch"])
            for r in _read_csv("welfare_associations.csv")
        ),
        welfare_services=_by_key(_read_csv("welfare_services.csv"), "federation", lambda r: r["name"]),
        programmes={
            r["programme"]: (date.fromisoformat(r["since"]), _split(r["fields"]), r["name"]) for r in programmes
        },
        programme_mix=_weighted(programmes, lambda r: r["programme"]),
        partner_names=_by_key(
            _read_csv("partner_names.csv"), "type", lambda r: (r["name"], _split(r["fields"]), _split(r["stages"]))
        ),
        streets=_read_lines("streets.txt"),
        kita_names=_read_lines("kita_names.txt"),
        saints=_read_lines("saints.txt"),
        protestant=_read_lines("protestant_names.txt"),
        namesakes=_read_lines("school_namesakes.txt"),
        school_places=_read_lines("school_places.txt"),
        school_compounds=_read_lines("school_compounds.txt"),
        sport_clubs=_read_lines("sport_clubs.txt"),
        partner_cooperations=_weighted(
            _read_csv("partner_cooperations.csv"), lambda r: (r["from"], r["to"], r["form"], _split(r["fields"]))
        ),
        notes=_read_lines("cooperation_notes.txt"),
        networks=tuple(
            NetworkTemplate(r["name"], r["topic"], _split(r["members"]), r["region_wide"] == "yes")
            for r in _read_csv("networks.csv")
        ),
        centre_offers=tuple(_offer(r) for r in offers if r["provider"] == "centre"),
        centre_extra_offers=tuple(_offer(r) for r in offers if r["provider"] == "centre-extra"),
        org_offers=_by_key((r for r in offers if not r["provider"].startswith("centre")), "provider", _offer),
    )
