"""Headline numbers of the graph."""

from __future__ import annotations

from kiz_graph.store.db import Database


def counts(db: Database) -> dict[str, int]:
    """How many centres, regions, organisations, persons and cooperations the graph holds."""
    return db.read("records/totals/counts")[0]


#: What every page means by "aktive Kooperationen des Zentrums" (the dashboard, the list of
#: cooperations, the network page and its analysis count alike), in the words they show.
ACTIVE_COOPERATIONS = ("Aktiv sind die Kooperationen, die das Zentrum selbst eingegangen ist, die am Stichtag "
                       "begonnen haben und an ihm noch laufen. Der Tag im Feld „Bis“ zählt noch mit: eine heute "
                       "beendete Kooperation zählt ab morgen nicht mehr.")
