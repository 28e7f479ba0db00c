"""A centre's network page in one call: what the web page, ``kiz-graph analyse --centre``
and the bench show of one centre's network on a day.

:func:`network_page` sends each query it needs once: the check's five fact queries (the
centre's own row among them, which is the page's header) and the two of the network's
reader; a comparison with another day reads that day's network too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kiz_graph import german
from kiz_graph.check import requirement
from kiz_graph.check.rules import in_force, load_rule_set
from kiz_graph.errors import UnknownCentreError
from kiz_graph.network import analytics, picture, read
from kiz_graph.store import versions
from kiz_graph.store.db import Database


@dataclass
class NetworkPage:
    centre: dict  # the centre's own row: id, name, region, district, ...
    day: dt.date
    network: nx.Graph  # what the page draws: the centre and its partners, filtered
    gaps: list[requirement.Finding]  # open Pflicht gaps about partners
    analysis: dict[str, Any]  # ``analytics.analyse_centre`` of the whole scope
    compare_day: dt.date | None = None
    change: dict[str, Any] | None = None  # ``analytics.compare`` with ``compare_day``
    filters: dict[str, Any] = field(default_factory=dict)
    _drawn: dict | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def partners(self) -> int:
        return self.network.number_of_nodes() - 1

    def drawing(self) -> dict[str, list]:
        """Nodes and edges for vis-network, laid out, and the names to find one by (made once
        per page; the layout is also kept in memory by the network's fingerprint)."""
        if self._drawn is None:
            self._drawn = {**picture.vis_data(self.network, picture.layout(self.network)), "names": self.names()}
        return self._drawn

    def names(self) -> list[str]:
        """The names of the organisations drawn, in German order (to find one by name)."""
        return sorted({data.get("name") or node for node, data in self.network.nodes(data=True)},
                      key=german.sort_key)

    def rows(self) -> list[dict[str, Any]]:
        return picture.table_rows(self.network)


_pages = versions.Cache(size=16)


def cached_network_page(db: Database, centre: str, day: dt.date, *, types: Iterable[str] = (),
                        field: str | None = None, stage: str | None = None,
                        compare_day: dt.date | None = None) -> NetworkPage:
    """:func:`network_page`, computed once per state of the data (the page and its drawing's
    data are two requests; many people open the same centre)."""
    key = (centre, day, tuple(types), field, stage, compare_day)
    return _pages.get(db, key, lambda: network_page(db, centre, day, types=types, field=field, stage=stage,
                                                   compare_day=compare_day))


def network_page(db: Database, centre: str, day: dt.date, *, types: Iterable[str] = (), field: str | None = None,
                 stage: str | None = None, compare_day: dt.date | None = None,
                 rule_set: str | None = None) -> NetworkPage:
    """Everything the centre's network page shows on ``day``.

    Raises :class:`~kiz_graph.errors.UnknownCentreError` for an unknown centre and
    ``ValueError`` for a type, field or stage outside its vocabulary.
    """
    rules = load_rule_set(rule_set) if rule_set else in_force(day)
    facts = requirement.gather_facts(db, rules, day, centre)
    if not facts:
        raise UnknownCentreError(f"unknown centre {centre!r}")
    gaps = requirement.evaluate(rules, facts[0], day).partner_gaps()
    scope = read.network(db, day, centre)
    shown = picture.centre_network(scope, types=types, field=field, stage=stage)
    return NetworkPage(
        centre=facts[0].centre, day=day, network=shown, gaps=gaps,
        analysis=analytics.analyse_centre(scope, centre, day, gaps), compare_day=compare_day,
        change=analytics.compare(db, centre, day, compare_day, day_network=scope) if compare_day else None,
        filters={"types": shown.graph["types"], "field": field, "stage": stage},
    )
