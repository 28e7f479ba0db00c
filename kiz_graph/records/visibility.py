"""Who may see a contact person: the one rule for every place persons leave the database.

A person's consent level decides, with the viewer's role and, for ``internal``, the viewer's
centres:

============  ==============  ==========================================  =========
consent       coordination    centre staff                                partner
============  ==============  ==========================================  =========
``public``    yes             yes                                         yes
``internal``  yes             only within the network of their centre(s)  no
``none``      no              no                                          no
============  ==============  ==========================================  =========

(A missing level counts as ``none``.) **The network of a centre** on a day is the centre
itself (its own staff) and every organisation located in a region it serves (its own
records, which its staff keep), every organisation it has a cooperation with that is active
on the day, and every member, on the day, of a network it coordinates. The query
``cypher/records/visibility/network.cypher`` is its one definition; a person is within the
network when their workplace is.

Queries take the rule as parameters (:meth:`Sight.parameters`): ``$consents`` (levels seen
everywhere), ``$network_consents`` (levels seen only within the network) and ``$network``
(the ids of the network's centres and organisations), and filter with
``coalesce(p.consent, 'none') IN $consents OR (coalesce(p.consent, 'none') IN
$network_consents AND workplace.id IN $network)``; the Python side checks the rows again
with :meth:`Sight.may_see`.

The centre's own lists show every person of its own records whatever their consent (its
staff keep them); the network page's hover cards and its GraphML/GEXF show ``public``
contacts only, which is within this rule for every role that may open the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiz_graph.store import versions
from kiz_graph.store.db import Database

__all__ = ["CONSENT_VISIBLE_TO", "EVERYWHERE", "IN_NETWORK", "Sight", "Viewer", "may_see_person", "network",
           "network_consents", "sight", "visible_consents"]

EVERYWHERE = "everywhere"
IN_NETWORK = "in_network"

# Consent level -> role -> where that role sees persons of that level.
CONSENT_VISIBLE_TO: dict[str, dict[str, str]] = {
    "public": {"coordination": EVERYWHERE, "centre_staff": EVERYWHERE, "partner": EVERYWHERE},
    "internal": {"coordination": EVERYWHERE, "centre_staff": IN_NETWORK},
    "none": {},
}


@dataclass(frozen=True)
class Viewer:
    """Who looks: a role and, for centre staff, their centres."""

    role: str | None
    centres: tuple[str, ...] = ()

    @classmethod
    def of(cls, user) -> "Viewer":
        """The viewer of a signed-in ``users.User`` (or a role given as text; None: nobody)."""
        if user is None or isinstance(user, str):
            return cls(user)
        return cls(user.role, tuple(user.centres))


def visible_consents(role: str | None) -> list[str]:
    """The consent levels whose persons ``role`` sees wherever they work."""
    return sorted(level for level, roles in CONSENT_VISIBLE_TO.items() if roles.get(role) == EVERYWHERE)


def network_consents(role: str | None) -> list[str]:
    """The consent levels whose persons ``role`` sees only within the network of its centres."""
    return sorted(level for level, roles in CONSENT_VISIBLE_TO.items() if roles.get(role) == IN_NETWORK)


def network(db: Database, centres, day: dt.date | None = None) -> frozenset[str]:
    """The ids of the centres ``centres`` and of every organisation in their network on ``day``
    (default today); see the module's docstring."""
    centres = tuple(sorted(set(centres)))
    if not centres:
        return frozenset()
    day = day or dt.date.today()

    def read() -> frozenset[str]:
        rows = db.read("records/visibility/network", centres=list(centres), day=day)
        return frozenset(rows[0]["ids"]) if rows else frozenset()

    # Kept per state of the data: staff's directory and lists ask for it on every request.
    return _networks.get(db, (centres, day), read)


_networks = versions.Cache(size=64)


@dataclass(frozen=True)
class Sight:
    """What one viewer may see, ready for a query and for checking its rows again."""

    consents: tuple[str, ...]
    network_consents: tuple[str, ...] = ()
    network: frozenset[str] = frozenset()

    def parameters(self) -> dict:
        return {"consents": list(self.consents), "network_consents": list(self.network_consents),
                "network": sorted(self.network)}

    def may_see(self, consent: str | None, workplace_id: str | None) -> bool:
        level = consent or "none"
        return level in self.consents or (level in self.network_consents and workplace_id in self.network)


def sight(db: Database, viewer, day: dt.date | None = None) -> Sight:
    """The :class:`Sight` of ``viewer`` (a :class:`Viewer`, a ``users.User`` or a role) on ``day``;
    the network is read only when the role needs it."""
    viewer = viewer if isinstance(viewer, Viewer) else Viewer.of(viewer)
    bound = tuple(network_consents(viewer.role))
    ids = network(db, viewer.centres, day) if bound else frozenset()
    return Sight(tuple(visible_consents(viewer.role)), bound, ids)


def may_see_person(db: Database, viewer, consent: str | None, workplace_id: str | None) -> bool:
    """Whether ``viewer`` may see one person (by consent and workplace) today."""
    return sight(db, viewer).may_see(consent, workplace_id)
