"""Finding organisations, persons and centres by name, with the German full-text index."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiz_graph import german
from kiz_graph.records import visibility
from kiz_graph.store import versions
from kiz_graph.store.db import Database

# Lucene query syntax characters: a user's text is searched as words, never as syntax.
_SYNTAX = re.compile(r'[+\-&|!(){}\[\]^"~*?:\\/]')
_OPERATORS = {"AND", "OR", "NOT", "TO"}


def lucene_terms(text: str) -> str:
    """The words of ``text`` as a Lucene query that requires each of them.

    The last word may also be the start of a word (typing "Stadtp" finds "Stadtpark"); it is
    asked for whole too, since Lucene does not fold umlauts in a prefix ("Mueller*").
    """
    words = [word.lower() for word in _SYNTAX.sub(" ", text).split() if word not in _OPERATORS]
    if not words:
        return ""
    last = words[-1]
    return " AND ".join([*words[:-1], f"({last} OR {last}*)"])


def names(db: Database, text: str, limit: int = 20) -> list[dict]:
    query = lucene_terms(text)
    if not query:
        return []
    return db.read("records/search/names", query=query, limit=limit)


@dataclass(frozen=True)
class DirectoryFilters:
    """What the directory is narrowed to, as keys (``None``: no narrowing)."""

    field: str | None = None      # fields_of_action key, of the organisation (a person's workplace)
    stage: str | None = None      # education_stages key, likewise
    place: str | None = None      # AGS of a region or municipality, likewise
    language: str | None = None   # languages key, of the organisation or the person themself
    org_type: str | None = None   # organisation_types key, likewise
    kind: str | None = None       # "organisation" or "person"

    def active(self) -> bool:
        """Whether something narrows the directory down; "only persons" alone does not (it
        would list everyone of a kind)."""
        return any((self.field, self.stage, self.place, self.language, self.org_type))


DIRECTORY_KINDS = ("organisation", "person")


def directory(db: Database, text: str, viewer, limit: int = 50, *,
              filters: DirectoryFilters | None = None) -> list[dict]:
    """Organisations and contact persons by name and filters; a person only as far as
    ``viewer`` (a ``visibility.Viewer``, a ``users.User`` or a role) may see them
    (``visibility.CONSENT_VISIBLE_TO``: ``internal`` only within the network of the viewer's
    centres). Without a name, a filter is needed (no full-text call then); with neither,
    nothing is found."""
    filters = filters or DirectoryFilters()
    query = lucene_terms(text)
    if not query and not filters.active():
        return []
    if filters.kind is not None and filters.kind not in DIRECTORY_KINDS:
        raise ValueError(f"unknown kind {filters.kind!r}")
    sight = visibility.sight(db, viewer)
    rows = db.read("records/search/directory", **directory_parameters(text, sight, limit, filters))
    # The query already leaves out whom the viewer may not see; this keeps it so if it ever changes.
    rows = [row for row in rows if row["kind"] == "organisation" or sight.may_see(row["consent"], row["workplace_id"])]
    # The best matches first; among equally good ones, names in German list order.
    return sorted(rows, key=lambda row: (-(row["score"] or 0), german.sort_key(row["name"]), row["kind"], row["id"]))


def directory_parameters(text: str, sight: visibility.Sight, limit: int, filters: DirectoryFilters) -> dict:
    """The parameters of ``records/search/directory`` (the query plans' test profiles the same)."""
    return {"query": lucene_terms(text) or None, "limit": limit, **sight.parameters(),
            "field": filters.field, "stage": filters.stage, "place": filters.place,
            "language": filters.language, "type": filters.org_type, "kind": filters.kind}


def _place_sort_key(name: str) -> str:
    name = re.sub(r"^(Kreis|StädteRegion|Stadt|Rhein-Kreis)\s+", "", name or "")
    return german.sort_key(name)


_places = versions.Cache(size=1)


def directory_places(db: Database) -> list[dict]:
    """Regions (with their municipalities) to narrow the directory by, in alphabetical order;
    read once per state of the data (the list is on every directory page)."""
    return _places.get(db, "places", lambda: sorted(db.read("records/search/directory_places"),
                                                    key=lambda region: _place_sort_key(region["name"])))


def resolve_place(places: list[dict], value: str) -> str | None:
    """The AGS of a region or municipality given by AGS or name; None when there is none."""
    value = value.strip()
    if not value:
        return None
    folded = value.casefold()
    for region in places:
        if value == region["ags"]:
            return region["ags"]
        for municipality in region["municipalities"]:
            if value == municipality["ags"]:
                return municipality["ags"]
    for region in places:
        if folded == (region["name"] or "").casefold():
            return region["ags"]
    for region in places:
        for municipality in region["municipalities"]:
            if folded == (municipality["name"] or "").casefold():
                return municipality["ags"]
    return None
