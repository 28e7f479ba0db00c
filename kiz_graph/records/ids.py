"""New ids, made for people who never type one: ``org-05978-00313``, ``per-05978-00042``,
``pos-05978-7``, ``net-05978-3``, ``off-05978-12``.

An id continues the running number of its kind and owner (an organisation's region, the
centre of a post or a network, the acting centre of a person or an offer; ``nrw`` without one).
The import (``kiz_graph.exchange.resolve``) and the forms (``kiz_graph.records.edits``) make
them here alike.
"""

from __future__ import annotations

from kiz_graph.store.db import Database

# kind: (label, prefix, width of the running number; 0 for no zeros in front)
NEW_ID = {"organisations": ("Organisation", "org", 5), "persons": ("Person", "per", 5),
          "positions": ("Position", "pos", 0), "networks": ("Network", "net", 0), "offers": ("Offer", "off", 0)}


def prefix(kind: str, owner: str) -> str:
    return f"{NEW_ID[kind][1]}-{owner.removeprefix('ki-') or 'nrw'}-"


def last_number(db: Database, kind: str, owner: str, also: list[str] = ()) -> int:
    """The highest running number in use under the kind's prefix for ``owner`` (0 for none),
    in the graph or among ``also`` (ids about to be written)."""
    start = prefix(kind, owner)
    taken = [row["id"] for row in db.read("records/ids/taken",
                                           prefixes=[{"label": NEW_ID[kind][0], "prefix": start}])]
    return max((int(id_[len(start):]) for id_ in [*taken, *also]
                if id_.startswith(start) and id_[len(start):].isdigit()), default=0)


def make(kind: str, owner: str, number: int) -> str:
    return f"{prefix(kind, owner)}{number:0{NEW_ID[kind][2]}d}"


def owner(kind: str, record: dict, for_centre: str | None) -> str:
    """Whose running number a new record of a form continues."""
    if kind == "organisations":
        return str(record.get("region") or "")
    if kind in ("positions", "networks"):
        return str(record.get("centre_id") or for_centre or "")
    return for_centre or ""
