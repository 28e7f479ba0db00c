"""A centre's workspace: its dashboard, and lists of its network with search, sort and pages.

Sort keys and directions come from the fixed lists in :data:`LISTS`; anything else falls
back to the default, so no user text ever reaches the query text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiz_graph import german
from kiz_graph.records import edits, visibility
from kiz_graph.records.vocabulary import vocabulary
from kiz_graph.store.db import Database

PER_PAGE = 25


@dataclass(frozen=True)
class ListSpec:
    title: str  # German, plural
    singular: str
    sorts: dict[str, str]  # sort key -> German label; the first is the default
    columns: tuple[str, ...]  # exchange columns shown in the table
    ending: tuple[str, str]  # the end form's date label and button, as people say it


LISTS: dict[str, ListSpec] = {
    "organisations": ListSpec("Organisationen", "Organisation", {"name": "Name", "type": "Typ", "place": "Ort"},
                              ("name", "type", "city", "email"), ("Aufgelöst am", "Als aufgelöst eintragen")),
    "persons": ListSpec("Ansprechpersonen", "Ansprechperson",
                        {"name": "Name", "organisation": "Organisation", "consent": "Einwilligung"},
                        ("name", "organisation_id", "function", "consent"),
                        ("Ausgeschieden am", "Als ausgeschieden eintragen")),
    "cooperations": ListSpec("Kooperationen", "Kooperation",
                             {"since": "Seit", "partner": "Partner", "form": "Form", "until": "Bis"},
                             ("to_id", "form", "since", "until", "fields"), ("Beendet am", "Kooperation beenden")),
    "networks": ListSpec("Netzwerke", "Netzwerk", {"name": "Name", "topic": "Thema"}, ("name", "topic", "until"),
                         ("Beendet am", "Netzwerk beenden")),
    "network_members": ListSpec("Netzwerkmitglieder", "Netzwerkmitglied",
                                {"network": "Netzwerk", "organisation": "Organisation"},
                                ("network_id", "organisation_id", "since", "until"),
                                ("Ausgetreten am", "Austritt eintragen")),
    "offers": ListSpec("Angebote", "Angebot", {"title": "Titel", "task": "Aufgabe"},
                       ("title", "task", "stages", "until"), ("Beendet am", "Angebot beenden")),
    "positions": ListSpec("Stellen", "Stelle", {"profession": "Profession", "holder": "Person", "role": "Rolle"},
                          ("profession", "fte", "funding", "role", "person_id"), ("Endet am", "Stelle beenden")),
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
    active: int | None = None  # cooperations: how many of all are active on the day (``totals.ACTIVE_COOPERATIONS``)


def list_page(db: Database, centre: str, kind: str, *, q: str = "", sort: str = "", descending: bool = False,
              page: int = 1, per_page: int = PER_PAGE, day: dt.date | None = None) -> Page:
    spec = LISTS[kind]
    sort = sort if sort in spec.sorts else next(iter(spec.sorts))
    page = max(page, 1)
    day = day or dt.date.today()
    # Persons of partners elsewhere: as far as the centre's staff may see them.
    sight = visibility.sight(db, visibility.Viewer("centre_staff", (centre,)), day) if kind == "persons" else None
    found = db.read(f"records/workspace/{kind}", centre=centre, q=q.strip(), sort=sort, day=day,
                    **(sight.parameters() if sight else {}))
    rows = ordered(found[0]["rows"] if found else [], SORTED_BY_LABEL.get((kind, sort)), descending)
    total = len(rows)
    pages = max(1, -(-total // per_page))
    page = min(page, pages)
    records = edits.get_many(db, kind, [row[0] for row in rows[(page - 1) * per_page:page * per_page]])
    foreign = frozenset(found[0].get("foreign") or ()) if found else frozenset()
    if sight is not None:  # the query already left out whom they may not see; this keeps it so
        records = [r for r in records if r["id"] not in foreign or sight.may_see(r["consent"], r["organisation_id"])]
    return Page(records, total, page, pages, sort, descending, q, foreign, found[0].get("active") if found else None)


# Sorts by a vocabulary's key go by its German label, as the list shows it.
SORTED_BY_LABEL = {("organisations", "type"): "organisation_types", ("persons", "consent"): "consent_levels",
                   ("cooperations", "form"): "cooperation_forms", ("positions", "profession"): "professions",
                   ("positions", "role"): "position_roles", ("offers", "task"): "tasks"}


def ordered(rows: list[list], vocabulary_name: str | None, descending: bool) -> list[list]:
    """Rows ``[key, sort value, name]`` in German list order (``german.sort_key``): by the
    value, then the name; rows without a value last in either direction."""
    words = vocabulary(vocabulary_name) if vocabulary_name else None

    def value(row):
        text = words.german(row[1]) if words and row[1] is not None else row[1]
        return german.sort_key(text) if isinstance(text, str) else text

    def name(row):
        return german.sort_key(str(row[2] or ""))

    known = sorted((row for row in rows if row[1] is not None), key=name)
    known.sort(key=value, reverse=descending)  # stable: the same value keeps names in order
    return known + sorted((row for row in rows if row[1] is None), key=name)


def choices(db: Database, centre: str) -> dict[str, list[tuple[str, str]]]:
    """What the centre's forms offer to choose from, as (value, German label) pairs."""
    rows = db.read("records/workspace/choices", centre=centre)
    if not rows:
        return {}
    return {name: sorted(_told_apart(pairs), key=lambda pair: german.sort_key(pair[1]))
            for name, pairs in rows[0].items()}


def _told_apart(pairs: list[list]) -> list[tuple[str, str]]:
    """(value, label) pairs; two of the same name are told apart by their place (the third item)."""
    counts: dict[str, int] = {}
    for pair in pairs:
        counts[pair[1]] = counts.get(pair[1], 0) + 1
    return [(pair[0], f"{pair[1]} ({pair[2]})" if counts[pair[1]] > 1 and len(pair) > 2 and pair[2] else pair[1])
            for pair in pairs]
