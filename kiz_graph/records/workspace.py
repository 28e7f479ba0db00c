"""A centre's workspace: its dashboard, and lists of its network with search, sort and pages.

Sort keys and directions come from the fixed lists in :data:`LISTS`; anything else falls
back to the default, so no user text ever reaches the query text.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiz_graph.records import edits
from kiz_graph.store.db import Database

PER_PAGE = 25


@dataclass(frozen=True)
class ListSpec:
    title: str  # German, plural
    singular: str
    sorts: dict[str, str]  # sort key -> German label; the first is the default
    columns: tuple[str, ...]  # exchange columns shown in the table


LISTS: dict[str, ListSpec] = {
    "organisations": ListSpec("Organisationen", "Organisation", {"name": "Name", "type": "Typ", "place": "Ort"},
                              ("name", "type", "city", "email")),
    "persons": ListSpec("Ansprechpersonen", "Ansprechperson",
                        {"name": "Name", "organisation": "Organisation", "consent": "Einwilligung"},
                        ("name", "organisation_id", "function", "consent")),
    "cooperations": ListSpec("Kooperationen", "Kooperation",
                             {"since": "Seit", "partner": "Partner", "form": "Form", "until": "Bis"},
                             ("to_id", "form", "since", "until", "fields")),
    "networks": ListSpec("Netzwerke", "Netzwerk", {"name": "Name", "topic": "Thema"}, ("name", "topic", "until")),
    "network_members": ListSpec("Netzwerkmitglieder", "Netzwerkmitglied",
                                {"network": "Netzwerk", "organisation": "Organisation"},
                                ("network_id", "organisation_id", "since", "until")),
    "offers": ListSpec("Angebote", "Angebot", {"title": "Titel", "task": "Aufgabe"},
                       ("title", "task", "stages", "until")),
    "positions": ListSpec("Stellen", "Stelle", {"profession": "Profession", "holder": "Person", "role": "Rolle"},
                          ("profession", "fte", "funding", "role", "person_id")),
}


@dataclass(frozen=True)
class Page:
    records: list[dict]
    total: int
    page: int
    pages: int
    sort: str
    descending: bool
    q: str
    foreign: frozenset[str] = frozenset()  # ids shown for contact only: they belong to another centre


def list_page(db: Database, centre: str, kind: str, *, q: str = "", sort: str = "", descending: bool = False,
              page: int = 1, per_page: int = PER_PAGE) -> Page:
    spec = LISTS[kind]
    sort = sort if sort in spec.sorts else next(iter(spec.sorts))
    page = max(page, 1)
    found = db.read(f"records/workspace/{kind}", centre=centre, q=q.strip(), sort=sort, descending=descending,
                       skip=(page - 1) * per_page, limit=per_page)
    total, keys = (found[0]["total"], found[0]["page"]) if found else (0, [])
    records = edits.get_many(db, kind, keys)
    pages = max(1, -(-total // per_page))
    foreign = frozenset(found[0].get("foreign") or ()) if found else frozenset()
    return Page(records, total, min(page, pages), pages, sort, descending, q, foreign)


def choices(db: Database, centre: str) -> dict[str, list[tuple[str, str]]]:
    """What the centre's forms offer to choose from, as (value, German label) pairs."""
    rows = db.read("records/workspace/choices", centre=centre)
    if not rows:
        return {}
    return {name: [tuple(pair) for pair in pairs] for name, pairs in rows[0].items()}


def names(db: Database, ids: set[str]) -> dict[str, str]:
    """Display names for the ids a page shows (one query)."""
    ids = sorted(i for i in ids if i)
    return {row["id"]: row["name"] for row in db.read("records/workspace/names", ids=ids)} if ids else {}
