"""Network analytics with networkx: where a centre's network is strong, where thin, whom it
should talk to next, and how it changed.

Everything here is a pure function of a graph from ``read.network`` (one centre's scope or
the whole state), so the same code answers for one centre and for all 54, and tests can
hand it small graphs; only :func:`compare` and :func:`statewide_analysis` read.

A centre's *partner network* is the subgraph of the organisations it actively cooperates
with, without the centre itself: the centre touches every partner, so with it every
measure would only say "the centre is central". Measures on it:

- key partners: degree (partners a partner cooperates with) and betweenness, exact up to
  :data:`BETWEENNESS_EXACT_UP_TO` nodes and sampled with :data:`BETWEENNESS_SAMPLES`
  seeded samples above;
- communities: Louvain (igraph's), seeded (:data:`SEED`), so the same network gives the same result;
- brokers: partners whose cooperations reach into other communities than their own;
- isolated partners (tied only to the centre) and weakly tied ones (only ``informell`` or
  ``Netzwerk`` ties);
- stale cooperations: the centre's active ones without contact for 12 months;
- density.

Link suggestions rank candidates by network proximity: common neighbours and the
Adamic–Adar index (each common neighbour ``w`` adds ``1 / log(degree(w))``, so a shared
partner who knows few counts more than a hub). The degree is the statewide one from the
database, so a centre's scope and the whole state rank alike.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kiz_graph import german
from kiz_graph.check import requirement, rules
from kiz_graph.days import months_before
from kiz_graph.network import read, seeded
from kiz_graph.records.vocabulary import CENTRE_TYPE as CENTRE, type_name
from kiz_graph.store.db import Database

__all__ = [
    "BETWEENNESS_EXACT_UP_TO", "BETWEENNESS_SAMPLES", "MEASURES", "SEED", "STALE_AFTER_MONTHS",
    "analyse_centre", "as_json", "centre_measures", "as_table", "change", "compare", "gap_suggestions",
    "local_suggestions", "months_before", "multi_region_partners", "partner_network", "partners",
    "proximity", "statewide", "statewide_analysis",
]

SEED = 42
BETWEENNESS_EXACT_UP_TO = 300
BETWEENNESS_SAMPLES = 200
STALE_AFTER_MONTHS = 12
#: Cooperation forms that tie loosely: a partner with only these is "weakly tied".
WEAK_FORMS = frozenset({"informell", "Netzwerk"})
#: Organisation types whose unconnected pairs in one municipality are suggested to each
#: other: the transitions Kita–Grundschule and the parents' work of MSOs.
LOCAL_TYPES = ("School", "Daycare", "MigrantOrganisation")
TOP = 10
LOCAL_PER_ORGANISATION = 2
CANDIDATES_PER_GAP = 5

#: Measures that two days cannot be compared on: only the latest contact is recorded, so an
#: earlier day would be judged by later contacts.
NOT_COMPARED = ("stale",)
#: The per-centre measures, with their German names, in the order tables show them.
MEASURES = {
    "partners": "Partner",
    "cooperations": "aktive Kooperationen des Zentrums",
    "ties_among_partners": "Verbindungen unter Partnern",
    "density": "Dichte",
    "communities": "Gemeinschaften",
    "isolated": "nur über das Zentrum verbunden",
    "weakly_tied": "nur lose verbunden",
    "stale": "ohne Kontakt seit 12 Monaten",
}


# The partner network ------------------------------------------------------------------------

def partners(g: nx.Graph, centre: str) -> list[str]:
    """The organisations the centre actively cooperates with, in id order."""
    return sorted(n for n in g[centre] if g.nodes[n].get("type") != CENTRE)


def partner_network(g: nx.Graph, centre: str) -> nx.Graph:
    """The graph of the centre's partners and their ties, without the centre: a new graph
    with nodes and edges in id order, because Louvain and sampled betweenness draw from the
    node order, and a subgraph view of ``g`` would iterate a set (whose order of strings
    changes with every process), so results would not repeat."""
    members = partners(g, centre)
    among = set(members)
    p = nx.Graph()
    p.add_nodes_from(members)
    p.add_edges_from(sorted((u, v) for u in members for v in g[u] if v in among and u < v))
    return p


# Proximity ----------------------------------------------------------------------------------

def proximity(g: nx.Graph, u: str, v: str, *, without: Iterable[str] = ()) -> tuple[list[str], float]:
    """Common neighbours of ``u`` and ``v`` (in id order, leaving out ``without``) and their
    Adamic–Adar index, with each neighbour's statewide ``degree`` attribute (its degree in
    ``g`` where the attribute is missing)."""
    skip = set(without)
    common = sorted(w for w in nx.common_neighbors(g, u, v) if w not in skip)
    score = 0.0
    for w in common:
        degree = g.nodes[w].get("degree") or g.degree(w)
        if degree > 1:
            score += 1 / math.log(degree)
    return common, score


# One centre ---------------------------------------------------------------------------------

def stale_before(day: dt.date) -> dt.date:
    """A cooperation whose last contact lies before this day (or is unknown) is stale on ``day``."""
    return months_before(day, STALE_AFTER_MONTHS)


def analyse_centre(g: nx.Graph, centre: str, day: dt.date, gaps: Iterable[requirement.Finding] = (), *,
                   suggestions: bool = True, betweenness: bool = True) -> dict[str, Any]:
    """The analysis of one centre on a graph from ``read.network`` (its scope or the state's).

    ``gaps`` are the centre's open Pflicht findings of the check; those of the partner rules
    (:data:`PARTNER_RULE_KINDS`) get candidates. Returns a JSON-ready dict (dates stay dates):
    ``centre``, ``day``, ``measures`` (see :data:`MEASURES`), ``key_partners``,
    ``communities``, ``brokers``, ``isolated``, ``weakly_tied``, ``stale`` and
    ``suggestions``. ``suggestions=False`` and ``betweenness=False`` leave out the costly
    parts; :func:`centre_measures` gives the measures alone.
    """
    p = partner_network(g, centre)
    communities = _communities(p)
    community_of = {node: number for number, members in enumerate(communities, 1) for node in members}
    between = _betweenness(p) if betweenness else {}
    isolated, weakly_tied, stale = _loose_ends(g, centre, p, day)
    isolated.sort(key=lambda n: _name_key(g, n))
    weakly_tied.sort(key=lambda n: _name_key(g, n))
    stale = [k | {"partner": _node(g, k["target"])} for k in stale]
    stale.sort(key=lambda k: (k["last_contact"] or dt.date.min, german.sort_key(k["partner"]["name"])))

    between = {n: round(value, 4) for n, value in between.items()}  # float noise must not break ties
    key_partners = sorted(p, key=lambda n: (-p.degree(n), -between.get(n, 0.0), _name_key(g, n)))[:TOP]
    brokers = []
    for n in p:
        reached = {community_of[nb] for nb in p[n]} - {community_of[n]}
        if reached:
            brokers.append((n, len(reached)))
    brokers.sort(key=lambda item: (-item[1], -between.get(item[0], 0.0), _name_key(g, item[0])))

    result = {
        "centre": _node(g, centre),
        "day": day,
        "measures": _measures(g, centre, p, communities, isolated, weakly_tied, stale),
        "key_partners": [_node(g, n) | {"degree": p.degree(n), "betweenness": between.get(n, 0.0)}
                         for n in key_partners if p.degree(n) > 0],
        "communities": [_community(g, p, number, members) for number, members in enumerate(communities, 1)
                        if len(members) > 1],
        "brokers": [_node(g, n) | {"communities_reached": reached, "betweenness": between.get(n, 0.0)}
                    for n, reached in brokers[:TOP]],
        "isolated": _nodes(g, isolated),
        "weakly_tied": _nodes(g, weakly_tied),
        "stale": stale,
        "suggestions": [],
    }
    if suggestions:
        result["suggestions"] = gap_suggestions(g, centre, gaps) + local_suggestions(g, centre)
    return result


def centre_measures(g: nx.Graph, centre: str, day: dt.date) -> dict[str, Any]:
    """The :data:`MEASURES` of :func:`analyse_centre` alone, without the lists they count (what
    the statewide comparison and the change between two days need)."""
    p = partner_network(g, centre)
    return _measures(g, centre, p, _communities(p), *_loose_ends(g, centre, p, day))


def _measures(g: nx.Graph, centre: str, p: nx.Graph, communities: list[list[str]], isolated: list,
              weakly_tied: list, stale: list) -> dict[str, Any]:
    return {
        "partners": p.number_of_nodes(),
        "cooperations": sum(1 for n in p for k in g.edges[centre, n]["cooperations"] if k["source"] == centre),
        "ties_among_partners": p.number_of_edges(),
        "density": round(nx.density(p), 4) if p.number_of_nodes() > 1 else 0.0,
        "communities": sum(1 for c in communities if len(c) > 1),
        "isolated": len(isolated),
        "weakly_tied": len(weakly_tied),
        "stale": len(stale),
    }


def _loose_ends(g: nx.Graph, centre: str, p: nx.Graph, day: dt.date) -> tuple[list[str], list[str], list[dict]]:
    """The partners tied to no other partner, those tied only loosely (:data:`WEAK_FORMS`),
    and the centre's cooperations without contact since :func:`stale_before` the day; in id
    order."""
    stale_since = stale_before(day)
    isolated = [n for n in p if p.degree(n) == 0]
    weakly_tied = [n for n in p if all(k["form"] in WEAK_FORMS
                                       for nb in g[n] if nb == centre or nb in p
                                       for k in g.edges[n, nb]["cooperations"])]
    stale = [k for n in p for k in g.edges[centre, n]["cooperations"]
             if k["source"] == centre and (k["last_contact"] is None or k["last_contact"] < stale_since)]
    return isolated, weakly_tied, stale


def _betweenness(p: nx.Graph) -> dict[str, float]:
    n = p.number_of_nodes()
    if n <= 2:
        return {node: 0.0 for node in p}
    k = None if n <= BETWEENNESS_EXACT_UP_TO else BETWEENNESS_SAMPLES
    return nx.betweenness_centrality(p, k=k, seed=SEED if k else None)


def _communities(p: nx.Graph) -> list[list[str]]:
    """Louvain communities of the partner network (igraph's multilevel algorithm in C, seeded:
    networkx's own took 2.4 s for the state's 54 networks), largest first, members in id order."""
    if p.number_of_nodes() == 0:
        return []
    graph, nodes = seeded.as_igraph(p)
    with seeded.random_source(SEED):
        membership = graph.community_multilevel().membership
    found: dict[int, list[str]] = {}
    for node, number in zip(nodes, membership):  # nodes in id order, so members stay in it
        found.setdefault(number, []).append(node)
    return sorted(found.values(), key=lambda c: (-len(c), c[0]))


def _community(g: nx.Graph, p: nx.Graph, number: int, members: list[str]) -> dict[str, Any]:
    types = Counter(g.nodes[n].get("type") for n in members)
    places = Counter(g.nodes[n].get("place") for n in members if g.nodes[n].get("place"))
    central = sorted(members, key=lambda n: (-p.degree(n), _name_key(g, n)))
    return {
        "number": number,
        "size": len(members),
        "types": dict(types.most_common()),
        "places": [place for place, _ in places.most_common(3)],
        "central": _nodes(g, central[:5]),
        "members": list(members),
    }


# Link suggestions ---------------------------------------------------------------------------

def gap_suggestions(g: nx.Graph, centre: str, gaps: Iterable[requirement.Finding]) -> list[dict[str, Any]]:
    """Candidates for the centre's open Pflicht gaps about partners: organisations of the
    missing type not yet cooperating with the centre, by common partners, then Adamic–Adar,
    then those of the centre's region first."""
    region = g.nodes[centre].get("region")
    result = []
    for finding in gaps:
        if finding.rule.kind not in requirement.PARTNER_RULE_KINDS:
            continue
        wanted = _missing_types(finding)
        if finding.rule.kind == "involved_from_start":  # a partner of the type now: nothing to suggest
            wanted -= {g.nodes[n].get("type") for n in g[centre]}
        # KI-07 asks for every organisation of the type in the centre's region: only those close it
        region_only = finding.rule.kind == "cooperates_with_all_of_type"
        candidates = []
        for n, data in g.nodes(data=True):
            if data.get("type") not in wanted or data.get("ended") or g.has_edge(centre, n):
                continue
            in_region = data.get("region") == region
            if region_only and not in_region:
                continue
            common, score = proximity(g, centre, n)
            if common or in_region:
                candidates.append((n, common, score, in_region))
        candidates.sort(key=lambda c: (-len(c[1]), -c[2], not c[3], _name_key(g, c[0])))
        for n, common, score, in_region in candidates[:CANDIDATES_PER_GAP]:
            kind = type_name(g.nodes[n].get("type"))
            reason = f"{finding.rule.id} ({finding.rule.title}) ist offen; {kind}"
            reason += " in der Region" if in_region else " außerhalb der Region"
            reason += "; " + _common_words(g, common)
            result.append({"kind": "gap", "rule": finding.rule.id, "from": _node(g, centre), "to": _node(g, n),
                           "common": _nodes(g, common), "common_neighbours": len(common),
                           "adamic_adar": round(score, 4), "reason": reason})
    return result


def _missing_types(finding: requirement.Finding) -> set[str]:
    params = finding.rule.params
    if "types" in params:  # involved_from_start: the types without a cooperation from the start
        involved = {e.get("partner_type") for e in finding.outcome.evidence if e.get("note") == rules.FROM_START}
        return set(params["types"]) - involved
    return {params["type"]}


def local_suggestions(g: nx.Graph, centre: str) -> list[dict[str, Any]]:
    """Pairs of the centre's partners of different :data:`LOCAL_TYPES` in the same
    municipality that do not cooperate yet, by common partners (the centre aside, since
    every pair shares it), then Adamic–Adar, then by name (each pair in name order); the
    :data:`TOP` first, with no organisation in more than :data:`LOCAL_PER_ORGANISATION` of
    them (else one name fills the list).

    Only pairs with a common partner are scored, found through the partners themselves;
    the rest, all equal, are taken by name until the list is full, so a municipality of a
    thousand schools and Kitas costs no million proximity calls.
    """
    place: dict[str, str] = {}
    for n in partners(g, centre):
        data = g.nodes[n]
        if data.get("type") in LOCAL_TYPES and data.get("municipality") and not data.get("ended"):
            place[n] = data["municipality"]

    def suggestable(u: str, v: str) -> bool:
        return (u != v and place.get(v) == place[u] and g.nodes[u]["type"] != g.nodes[v]["type"]
                and not g.has_edge(u, v))

    def ordered(u: str, v: str) -> tuple[str, str]:
        return (u, v) if _name_key(g, u) <= _name_key(g, v) else (v, u)

    near = {ordered(u, v) for u in place for w in g[u] if w != centre for v in g[w] if v in place and suggestable(u, v)}
    scored = sorted(((u, v, *proximity(g, u, v, without=[centre])) for u, v in near),
                    key=lambda pair: (-len(pair[2]), -pair[3], _name_key(g, pair[0]), _name_key(g, pair[1])))
    chosen, times = [], Counter()

    def take(u: str, v: str, common: list[str], score: float) -> None:
        if times[u] < LOCAL_PER_ORGANISATION and times[v] < LOCAL_PER_ORGANISATION:
            chosen.append((u, v, common, score))
            times.update((u, v))

    for pair in scored:
        if len(chosen) == TOP:
            break
        take(*pair)
    by_name = sorted(place, key=lambda n: _name_key(g, n))
    same_place: dict[str, list[str]] = {}
    for n in by_name:
        same_place.setdefault(place[n], []).append(n)
    for u in by_name:
        members = same_place[place[u]]
        for v in members[members.index(u) + 1:]:
            if len(chosen) == TOP or times[u] >= LOCAL_PER_ORGANISATION:
                break
            if suggestable(u, v) and (u, v) not in near:
                take(u, v, [], 0.0)
    result = []
    for u, v, common, score in chosen:
        where = g.nodes[u].get("place")
        reason = (f"{type_name(g.nodes[u]['type'])} und {type_name(g.nodes[v]['type'])} in {where}, "
                  f"noch ohne Kooperation; {_common_words(g, common)}")
        result.append({"kind": "local", "rule": None, "from": _node(g, u), "to": _node(g, v),
                       "common": _nodes(g, common), "common_neighbours": len(common),
                       "adamic_adar": round(score, 4), "reason": reason})
    return result


def _common_words(g: nx.Graph, common: list[str]) -> str:
    if not common:
        return "noch kein gemeinsamer Partner"
    names = ", ".join(g.nodes[n].get("name") or n for n in common[:3])
    more = f" und {len(common) - 3} weitere" if len(common) > 3 else ""
    return f"{len(common)} gemeinsame{'r' if len(common) == 1 else ''} Partner: {names}{more}"


# Change between two days ----------------------------------------------------------------------

def change(before: nx.Graph, after: nx.Graph, centre: str) -> dict[str, Any]:
    """What changed in the centre's network from ``before``'s day to ``after``'s: the
    cooperations (of the centre and among its partners) that began after the first day and
    those that ended before the second, partners gained and lost, and each measure's move
    (but :data:`NOT_COMPARED`). A cooperation that only came into view because
    its partner joined the network is not new."""
    first, last = before.graph["day"], after.graph["day"]

    def cooperations(g: nx.Graph) -> list[dict]:
        scope = set(partners(g, centre)) | {centre}
        return [k for _, _, data in g.subgraph(scope).edges(data=True) for k in data["cooperations"]]

    old_partners, new_partners = set(partners(before, centre)), set(partners(after, centre))
    measures_before = centre_measures(before, centre, first)
    measures_after = centre_measures(after, centre, last)

    def described(g: nx.Graph, k: dict) -> dict:
        return {"from": _node(g, k["source"]), "to": _node(g, k["target"]), "form": k["form"],
                "since": k["since"], "until": k["until"]}

    def by_names(items: list[dict]) -> list[dict]:
        return sorted(items, key=lambda k: (german.sort_key(k["from"]["name"]), german.sort_key(k["to"]["name"])))

    return {
        "centre": _node(after, centre),
        "from_day": first,
        "to_day": last,
        "new_cooperations": by_names([described(after, k) for k in cooperations(after) if k["since"] > first]),
        "ended_cooperations": by_names([described(before, k) for k in cooperations(before)
                                        if k["until"] is not None and k["until"] < last]),
        "partners_gained": _nodes(after, sorted(new_partners - old_partners, key=lambda n: _name_key(after, n))),
        "partners_lost": _nodes(before, sorted(old_partners - new_partners, key=lambda n: _name_key(before, n))),
        "measures": {name: {"from": measures_before[name], "to": measures_after[name],
                            "change": round(measures_after[name] - measures_before[name], 4)}
                     for name in MEASURES if name not in NOT_COMPARED},
    }


# Reading and analysing in one call ----------------------------------------------------------

def compare(db: Database, centre: str | None, day: dt.date, other: dt.date, *,
            day_network: nx.Graph | None = None) -> dict[str, Any]:
    """The change between two days (the earlier first), for one centre or, with
    ``centre=None``, for every centre (``{"from_day", "to_day", "centres": [...]}``).
    ``day_network``: the ``read.network`` of ``day`` in the same scope, if the caller has it."""
    first, last = sorted((day, other))
    graphs = {day: day_network} if day_network is not None else {}
    for when in (first, last):
        if when not in graphs:
            graphs[when] = read.network(db, when, centre)
    before, after = graphs[first], graphs[last]
    if centre is not None:
        return change(before, after, centre)
    centres = sorted(n for n, data in after.nodes(data=True) if data.get("type") == CENTRE)
    changes = []
    for c in centres:
        moved = change(before, after, c)
        changes.append({"centre": moved["centre"], "new_cooperations": len(moved["new_cooperations"]),
                        "ended_cooperations": len(moved["ended_cooperations"]),
                        "partners_gained": len(moved["partners_gained"]),
                        "partners_lost": len(moved["partners_lost"]), "measures": moved["measures"]})
    return {"from_day": first, "to_day": last, "centres": changes}


# Statewide ----------------------------------------------------------------------------------

def statewide(g: nx.Graph, day: dt.date, *, far: int = 3) -> dict[str, Any]:
    """The statewide analysis on the state's graph: per-centre measures, their medians, the
    ``far`` centres furthest from the median on each measure (the concept's "möglichst
    gleicher qualitativer Standard"), and organisations that cooperate with centres of
    several regions."""
    centres = sorted((n for n, data in g.nodes(data=True) if data.get("type") == CENTRE),
                     key=lambda n: _name_key(g, n))
    rows = [{"centre": _node(g, c), "measures": centre_measures(g, c, day)} for c in centres]
    medians = {name: german.median([row["measures"][name] for row in rows]) for name in MEASURES}
    furthest = {}
    for name in MEASURES:
        ranked = sorted(rows, key=lambda row: (-abs(row["measures"][name] - medians[name]),
                                               german.sort_key(row["centre"]["name"])))
        furthest[name] = [{"centre": row["centre"], "value": row["measures"][name],
                           "difference": round(row["measures"][name] - medians[name], 4)}
                          for row in ranked[:far] if row["measures"][name] != medians[name]]
    return {"day": day, "centres": rows, "medians": medians, "furthest_from_median": furthest,
            "multi_region_partners": multi_region_partners(g)}


def multi_region_partners(g: nx.Graph, limit: int = 20) -> dict[str, Any]:
    """Organisations that actively cooperate with the centres of two or more regions:
    ``count`` of them all and the ``limit`` with the most centres."""
    found = []
    for n, data in g.nodes(data=True):
        if data.get("type") == CENTRE:
            continue
        centres = [c for c in g[n] if g.nodes[c].get("type") == CENTRE]
        if len({g.nodes[c].get("region") for c in centres}) >= 2:
            found.append((n, sorted(centres, key=lambda c: _name_key(g, c))))
    found.sort(key=lambda item: (-len(item[1]), _name_key(g, item[0])))
    return {"count": len(found),
            "partners": [_node(g, n) | {"centres": _nodes(g, centres)} for n, centres in found[:limit]]}


def statewide_analysis(db: Database, day: dt.date, *, compare_day: dt.date | None = None) -> dict[str, Any]:
    """:func:`statewide` on the state's graph read as of ``day``, with the change since or
    until ``compare_day`` (key ``change``) if one is given."""
    state = read.network(db, day)
    result = statewide(state, day)
    if compare_day:
        result["change"] = compare(db, None, day, compare_day, day_network=state)
    return result


# Small helpers ------------------------------------------------------------------------------

def _node(g: nx.Graph, n: str) -> dict[str, Any]:
    data = g.nodes[n]
    return {"id": n, "name": data.get("name") or n, "type": data.get("type"), "place": data.get("place")}


def _nodes(g: nx.Graph, ns: Iterable[str]) -> list[dict[str, Any]]:
    return [_node(g, n) for n in ns]


def _name_key(g: nx.Graph, n: str) -> tuple[str, str]:
    return (german.quick_key(str(g.nodes[n].get("name") or n)), n)


# Output -------------------------------------------------------------------------------------

def as_json(result: dict[str, Any]) -> str:
    """The result as JSON, days as ``YYYY-MM-DD``."""
    import json

    return json.dumps(result, ensure_ascii=False, indent=2,
                      default=lambda value: value.isoformat() if isinstance(value, dt.date) else str(value))


def as_table(result: dict[str, Any]) -> str:
    """The result as German text for a terminal: a centre's analysis or the statewide one,
    with the change if the result has one (key ``change``)."""
    lines = _centre_lines(result) if "measures" in result else _statewide_lines(result)
    if result.get("change"):
        lines += [""] + (_change_lines(result["change"]) if "centre" in result["change"]
                         else _statewide_change_lines(result["change"]))
    return "\n".join(lines)


def _named(node: dict) -> str:
    return f"{node['name']} ({type_name(node['type'])})"


def _centre_lines(a: dict) -> list[str]:
    width = max(len(name) for name in MEASURES.values())
    lines = [f"Netzwerkanalyse {a['centre']['name']} ({a['centre']['id']}), Stand {german.date(a['day'])}", "", "Kennzahlen"]
    lines += [f"  {MEASURES[key]:<{width}}  {german.number(value)}" for key, value in a["measures"].items()]
    lines += ["", "Schlüsselpartner (Partner im Netz, Zwischenzentralität)"]
    lines += [f"  {_named(k)}: {k['degree']}, {german.number(k['betweenness'])}" for k in a["key_partners"]] or ["  keine"]
    lines += ["", "Gemeinschaften (Louvain)"]
    for c in a["communities"]:
        types = ", ".join(f"{type_name(t)} {n}" for t, n in c["types"].items())
        central = ", ".join(n["name"] for n in c["central"][:3])
        lines.append(f"  {c['number']}: {c['size']} Partner ({types}); zentral: {central}")
    if not a["communities"]:
        lines.append("  keine")
    lines += ["", "Vermittler zwischen Gemeinschaften"]
    lines += [f"  {_named(b)}: erreicht {b['communities_reached']} weitere" for b in a["brokers"]] or ["  keine"]
    for key, title in (("isolated", "Nur über das Zentrum verbunden"), ("weakly_tied", "Nur lose verbunden")):
        names = ", ".join(n["name"] for n in a[key][:TOP])
        more = f" und {len(a[key]) - TOP} weitere" if len(a[key]) > TOP else ""
        lines += ["", f"{title}: {len(a[key])}" + (f"\n  {names}{more}" if names else "")]
    lines += ["", f"Kooperationen ohne Kontakt seit {STALE_AFTER_MONTHS} Monaten: {len(a['stale'])}"]
    lines += [f"  {_named(k['partner'])}: " + (f"letzter Kontakt {german.date(k['last_contact'])}" if k["last_contact"]
                                                else "kein Kontakt erfasst") for k in a["stale"]]
    lines += ["", "Vorschläge"]
    for number, s in enumerate(a["suggestions"], 1):
        lines.append(f"  {number}. {s['from']['name']} – {s['to']['name']}: {s['reason']} "
                     f"(Adamic-Adar {german.number(s['adamic_adar'])})")
    if not a["suggestions"]:
        lines.append("  keine")
    return lines


def _change_lines(c: dict) -> list[str]:
    lines = [f"Veränderung {german.date(c['from_day'])} → {german.date(c['to_day'])}"]
    for key, title in (("new_cooperations", "Neue Kooperationen"), ("ended_cooperations", "Beendete Kooperationen")):
        lines.append(f"  {title}: {len(c[key])}")
        lines += [f"    {k['from']['name']} – {k['to']['name']} ({k['form']}, seit {german.date(k['since'])}"
                  + (f", bis {german.date(k['until'])}" if k["until"] else "") + ")" for k in c[key]]
    for key, title in (("partners_gained", "Neue Partner"), ("partners_lost", "Verlorene Partner")):
        lines.append(f"  {title}: {len(c[key])}" + (": " + ", ".join(n["name"] for n in c[key]) if c[key] else ""))
    lines.append("  Kennzahlen")
    lines += [f"    {MEASURES[key]}: {german.number(m['from'])} → {german.number(m['to'])} ({german.signed(m['change'])})"
              for key, m in c["measures"].items()]
    return lines


def _statewide_lines(s: dict) -> list[str]:
    keys = list(MEASURES)
    header = ["Zentrum"] + [MEASURES[k] for k in keys]
    rows = [[row["centre"]["name"]] + [german.number(row["measures"][k]) for k in keys] for row in s["centres"]]
    rows.append(["Median"] + [german.number(s["medians"][k]) for k in keys])
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    lines = [f"Netzwerkanalyse aller Zentren, Stand {german.date(s['day'])}", ""]
    lines += ["  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(r))
              for r in [header] + rows]
    lines += ["", "Am weitesten vom Median"]
    for key, far in s["furthest_from_median"].items():
        found = ", ".join(f"{f['centre']['name']} {german.number(f['value'])} ({german.signed(f['difference'])})" for f in far)
        lines.append(f"  {MEASURES[key]}: {found or 'alle am Median'}")
    multi = s["multi_region_partners"]
    lines += ["", f"Partner von Zentren mehrerer Regionen: {multi['count']}"]
    lines += [f"  {_named(p)}: " + ", ".join(c["name"] for c in p["centres"]) for p in multi["partners"]]
    return lines


def _statewide_change_lines(c: dict) -> list[str]:
    lines = [f"Veränderung {german.date(c['from_day'])} → {german.date(c['to_day'])}",
             "  Zentrum: neue/beendete Kooperationen, neue/verlorene Partner"]
    lines += [f"  {row['centre']['name']}: +{row['new_cooperations']}/-{row['ended_cooperations']}, "
              f"+{row['partners_gained']}/-{row['partners_lost']}" for row in c["centres"]]
    return lines
