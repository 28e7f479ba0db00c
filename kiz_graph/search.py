"""Finding organisations, persons and centres by name, with the German full-text index."""

from __future__ import annotations

import re

from kiz_graph.db import Graph

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


def names(graph: Graph, text: str, limit: int = 20) -> list[dict]:
    query = lucene_terms(text)
    if not query:
        return []
    return graph.read("search/names", query=query, limit=limit)


# Who may see a contact person, by consent level: the roles that may.
CONSENT_VISIBLE_TO = {
    "public": {"coordination", "centre_staff", "partner"},
    "internal": {"coordination", "centre_staff"},
    "none": set(),
}


def directory(graph: Graph, text: str, role: str, limit: int = 50) -> list[dict]:
    """Organisations and contact persons by name; a person only as far as their consent allows
    (``public``: everyone signed in; ``internal``: staff and coordination; ``none``: nobody)."""
    query = lucene_terms(text)
    if not query:
        return []
    rows = graph.read("search/directory", query=query, limit=limit)
    return [row for row in rows
            if row["kind"] == "organisation" or role in CONSENT_VISIBLE_TO.get(row["consent"] or "none", set())]
