"""Who took contact data away: every download that contains contact persons is recorded.

``(:Download {id, at, user, kind, what, centre, persons})-[:INCLUDED]->(:Person)``: who (a
user name, or ``CLI`` for the command line), when, which download (``kind``, one of
:data:`KINDS`, and ``what``, the selection in German: filters or centre, never a search text,
which could be a person's name), and how many persons it held. The persons themselves are
only linked, so the access report (Art. 15) finds every download that included a person,
and a person who is erased leaves nothing here: the relationship goes with the node, the
count stays.

A download is no change of the network: recording it renews no data version (the caches of
the statewide and network pages stay valid), as sign-ins and sessions do not.
"""

from __future__ import annotations

import uuid

from kiz_graph.store.db import Database

__all__ = ["CLI_USER", "KINDS", "kind_name", "of_person", "recent", "record"]

CLI_USER = "CLI"

KINDS = {
    "directory_csv": "Verzeichnis als CSV",
    "directory_vcard": "Verzeichnis als vCard",
    "network_graphml": "Netzwerk als GraphML",
    "network_gexf": "Netzwerk als GEXF",
    "network_share": "Netzwerk zum Teilen (HTML)",
    "export_csv": "Export im Austauschformat (CSV)",
    "export_xlsx": "Export im Austauschformat (Excel)",
    "export_graphml": "Export als GraphML",
    "export_gexf": "Export als GEXF",
    "export_json": "Export als JSON",
}


def kind_name(kind: str) -> str:
    return KINDS.get(kind, kind)


def record(db: Database, *, user: str, kind: str, what: str, person_ids, centre: str | None = None) -> str | None:
    """Record one download that held the persons ``person_ids``; nothing when it held none.
    Returns the record's id."""
    if kind not in KINDS:
        raise ValueError(f"unknown download kind {kind!r}")
    persons = sorted({person for person in person_ids if person})
    if not persons:
        return None
    download_id = str(uuid.uuid4())
    db.write("records/downloads/record", id=download_id, user=user, kind=kind, what=what, centre=centre,
             persons=persons)
    return download_id


def recent(db: Database, limit: int = 200) -> list[dict]:
    """The latest recorded downloads, newest first (``still_held``: how many of their persons
    the graph still holds)."""
    return db.read("records/downloads/recent", limit=limit)


def of_person(db: Database, person_id: str) -> list[dict]:
    """Every recorded download that included the person, newest first."""
    return db.read("records/downloads/of_person", id=person_id)
