"""The statewide view for the coordination office: all centres side by side.

Four parts, each from set queries over all centres at once (never one query per centre):

- the check matrix (``kiz_graph.check.requirement``, five queries), filtered by Regierungsbezirk and
  sorted through fixed mappings;
- indicators per centre beside the statewide median (one query);
- white spots, the regions where a partner type the rules ask about is missing (one query);
- a tile map of the 54 regions with their open Pflicht gaps (from the matrix).

Everything here is a pure function of query rows or of the check report, except the three
functions that read (:func:`indicators`, :func:`white_spots`, :func:`overview`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from kiz_graph import german
from kiz_graph.check import requirement
from kiz_graph.check.requirement import CentreReport, Report
from kiz_graph.check.rules import in_force
from kiz_graph.network import analytics
from kiz_graph.network.analytics import stale_before
from kiz_graph.records.vocabulary import core_fields, education_chain
from kiz_graph.store import versions
from kiz_graph.store.db import Database

__all__ = [
    "DISTRICTS", "KEY_PARTNER_TYPES", "SORTS", "TILES", "Overview",
    "far_from_median", "indicators", "matrix", "medians", "overview", "state_indicators", "state_report", "tiles",
    "white_spots",
]

# The five Regierungsbezirke, north-west to south-east as people list them.
DISTRICTS = ("Düsseldorf", "Köln", "Münster", "Detmold", "Arnsberg")

# Partner types shown per centre beside the median.
KEY_PARTNER_TYPES = ("MigrantOrganisation", "FundedStructure", "WelfareAssociation", "School", "Daycare")


# The plain numbers of an indicator row (partners by type come as a dict beside them).
NUMBERS = ("active_cooperations", "core_fields", "stages", "stale_contacts")

UNDER, OVER = "deutlich unter dem Median", "deutlich über dem Median"



def _name_key(centre: CentreReport) -> str:
    return german.sort_key(centre.name)


# The sort keys the page offers (GET ``sort``): nothing else reaches ``sorted``.
SORTS = {
    "name": _name_key,
    "bezirk": lambda centre: german.sort_key(centre.district),
    "luecken": lambda centre: len(centre.open_pflicht_gaps()),
}

# The tile map: region key -> (short name, column, row) on a 9 × 9 grid. Hand-placed and
# only roughly geographic: Düsseldorf and Köln in the west (Köln to the south), Münster in
# the north, Detmold in the north-east, Arnsberg in the east and south-east; the dense Ruhr
# area is stretched and neighbours are not always adjacent. Long names carry soft hyphens
# (U+00AD) where they may break: never inside a syllable on a narrow tile.
TILES: dict[str, tuple[str, int, int]] = {
    # row 1
    "05154": ("Kleve", 1, 1), "05554": ("Borken", 2, 1), "05566": ("Stein\u00adfurt", 4, 1),
    "05770": ("Minden-Lüb\u00adbecke", 8, 1),
    # row 2
    "05170": ("Wesel", 1, 2), "05558": ("Coesfeld", 2, 2), "05515": ("Münster", 3, 2),
    "05570": ("Waren\u00addorf", 4, 2), "05711": ("Biele\u00adfeld", 7, 2), "05758": ("Herford", 8, 2),
    # row 3
    "05112": ("Duisburg", 1, 3), "05119": ("Ober\u00adhausen", 2, 3), "05512": ("Bottrop", 3, 3),
    "05562": ("Reckling\u00adhausen", 4, 3), "05915": ("Hamm", 5, 3), "05754": ("Güters\u00adloh", 7, 3),
    "05766": ("Lippe", 8, 3),
    # row 4
    "05114": ("Krefeld", 1, 4), "05117": ("Mülheim", 2, 4), "05113": ("Essen", 3, 4),
    "05513": ("Gelsen\u00adkirchen", 4, 4), "05916": ("Herne", 5, 4), "05978": ("Unna", 6, 4),
    "05974": ("Soest", 7, 4), "05774": ("Pader\u00adborn", 8, 4), "05762": ("Höxter", 9, 4),
    # row 5
    "05166": ("Viersen", 1, 5), "05111": ("Düssel\u00addorf", 2, 5), "05158": ("Mettmann", 3, 5),
    "05911": ("Bochum", 4, 5), "05913": ("Dortmund", 5, 5),
    # row 6
    "05116": ("Mönchen\u00adgladbach", 1, 6), "05162": ("Neuss", 2, 6), "05124": ("Wupper\u00adtal", 3, 6),
    "05954": ("Ennepe-Ruhr", 4, 6), "05914": ("Hagen", 5, 6), "05962": ("Märki\u00adscher Kreis", 6, 6),
    "05958": ("Hoch\u00adsauerland", 7, 6),
    # row 7
    "05370": ("Heins\u00adberg", 1, 7), "05316": ("Lever\u00adkusen", 2, 7), "05122": ("Solingen", 3, 7),
    "05120": ("Rem\u00adscheid", 4, 7), "05966": ("Olpe", 6, 7),
    # row 8
    "05334002": ("Aachen", 1, 8), "05362": ("Rhein-Erft", 2, 8), "05315": ("Köln", 3, 8),
    "05378": ("Rhein.-Berg. Kreis", 4, 8), "05374": ("Oberberg", 5, 8), "05970": ("Siegen-Witt\u00adgenstein", 7, 8),
    # row 9
    "05334": ("Städte\u00adRegion Aachen", 1, 9), "05358": ("Düren", 2, 9), "05366": ("Eus\u00adkirchen", 3, 9),
    "05314": ("Bonn", 4, 9), "05382": ("Rhein-Sieg", 5, 9),
}


# The matrix ----------------------------------------------------------------------------------

def matrix(report: Report, *, district: str | None = None, sort: str = "name",
           descending: bool = False) -> list[CentreReport]:
    """The centres of the report in one Regierungsbezirk (or all), sorted.

    An unknown ``district`` means all centres, an unknown ``sort`` means by name. Ties are
    broken by name, ascending, in either direction.
    """
    centres = [c for c in report.centres if district not in DISTRICTS or c.district == district]
    by_name = sorted(centres, key=_name_key)
    if sort not in SORTS or sort == "name":
        return by_name[::-1] if descending else by_name
    return sorted(by_name, key=SORTS[sort], reverse=descending)  # stable: names stay ascending


# Indicators ----------------------------------------------------------------------------------

def indicators(db: Database, day: dt.date) -> list[dict]:
    """Indicators of every centre as of ``day``, in centre id order, from one query.

    Each row: ``centre``, ``name``, ``region``, ``region_name``, ``district``, ``partners``
    (organisations actively cooperated with on the day, by type), ``active_cooperations``,
    ``core_fields`` (of the three core fields of action covered by current offers),
    ``stages`` (of the six stages of the Bildungskette), ``stale_contacts`` (active
    cooperations with no contact recorded since :func:`~analytics.stale_before` the day).
    """
    rows = db.read("statewide/indicators", day=day, stale_before=stale_before(day), core_fields=list(core_fields()),
                      stages=list(education_chain()))
    result = []
    for row in rows:
        types = row.pop("partner_types")
        result.append({**row, "partners": dict(Counter(types))})
    return result


def medians(rows: list[dict]) -> dict:
    """The statewide median of each indicator: ``{"partners": {type: m}, "active_cooperations": m, ...}``.

    Partner types are those of :data:`KEY_PARTNER_TYPES` and any other found; a centre
    without a partner of a type counts 0. No rows: every median is 0.
    """
    types = list(KEY_PARTNER_TYPES) + sorted({t for row in rows for t in row["partners"]} - set(KEY_PARTNER_TYPES))
    result: dict = {"partners": {t: german.median([row["partners"].get(t, 0) for row in rows]) for t in types}}
    for number in NUMBERS:
        result[number] = german.median([row[number] for row in rows])
    return result


def far_from_median(row: dict, median: dict) -> dict[str, str]:
    """Which values of a row are far from the median, in words.

    Keys are the indicator names, and ``partners.<type>`` for partners by type. A value is
    "deutlich unter dem Median" below half of a positive median and "deutlich über dem
    Median" above twice a positive median; beside a median of 0 nothing is far.
    """
    pairs = [(f"partners.{t}", row["partners"].get(t, 0), m) for t, m in median["partners"].items()]
    pairs += [(number, row[number], median[number]) for number in NUMBERS]
    found = {}
    for key, value, m in pairs:
        if m > 0 and value < m / 2:
            found[key] = UNDER
        elif m > 0 and value > 2 * m:
            found[key] = OVER
    return found


# White spots ---------------------------------------------------------------------------------

def white_spots(db: Database, types: list[str], day: dt.date | None = None) -> dict[str, list[dict]]:
    """For each type (those the rules ask about: ``RuleSet.partner_types``), the regions
    (``ags``, ``name``, ``district``, in key order) with no organisation of that type that
    exists on ``day`` (default today), where a rule cannot be met; one query."""
    rows = db.read("statewide/white_spots", types=list(types), day=day or dt.date.today())
    found = {row["type"]: row["regions"] for row in rows}
    return {t: found.get(t, []) for t in types}


# The tile map --------------------------------------------------------------------------------

def tiles(report: Report) -> list[dict]:
    """One tile per centre of the report whose region is on the map, in grid order.

    Each: ``centre``, ``name``, ``region``, ``short``, ``column``, ``row``, ``gaps`` (open
    Pflicht gaps) and ``level`` ("0", "1" or "2" for two and more).
    """
    result = []
    for centre in report.centres:
        if centre.region not in TILES:
            continue
        short, column, row = TILES[centre.region]
        gaps = len(centre.open_pflicht_gaps())
        result.append({"centre": centre.id, "name": centre.name, "region": centre.region, "short": short,
                       "column": column, "row": row, "gaps": gaps, "level": str(min(gaps, 2))})
    return sorted(result, key=lambda tile: (tile["row"], tile["column"]))


# The whole page --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Overview:
    day: dt.date
    report: Report
    centres: list[CentreReport]  # the matrix rows: filtered and sorted
    district: str | None
    sort: str
    descending: bool
    indicators: list[dict]  # same centres, same order, each with "far" (see far_from_median)
    medians: dict
    white_spots: dict[str, list[dict]]
    tiles: list[dict]
    regions: int  # how many regions there are (to say "alle")
    analysis: dict  # ``analytics.statewide_analysis``: network measures, medians, multi-region partners
    analysis_rows: list[dict]  # its per-centre measures for the matrix's centres, in the matrix's order


# What the whole state's figures cost to compute (seconds at statewide scale) is spent once per
# state of the data and day: kept per process, never stale (``kiz_graph.store.versions``).
_results = versions.Cache(size=32)


def state_report(db: Database, day: dt.date, token: str | None = None) -> Report:
    """The check of every centre on ``day``, computed once per state of the data (``token``:
    of the data as read before, when several results are taken at once)."""
    return _results.at(token or versions.current(db), ("report", day), lambda: requirement.check(db, as_of=day))


def state_indicators(db: Database, day: dt.date, token: str | None = None) -> list[dict]:
    """:func:`indicators` of ``day``, computed once per state of the data."""
    return _results.at(token or versions.current(db), ("indicators", day), lambda: indicators(db, day))


def _side_by_side(token: str, day: dt.date, jobs: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """Each job's result for ``day`` as kept for this state of the data, those not kept computed
    side by side: the database answers one job's queries while Python works on another's rows
    (after a change, the page came twice as fast so)."""
    missing = [name for name in jobs if not _results.has(token, (name, day))]
    if len(missing) > 1:  # warm, or one alone: no threads
        with ThreadPoolExecutor(max_workers=len(missing)) as pool:
            for future in [pool.submit(_results.at, token, (name, day), jobs[name]) for name in missing]:
                future.result()
    return {name: _results.at(token, (name, day), job) for name, job in jobs.items()}


def overview(db: Database, day: dt.date, *, district: str | None = None, sort: str = "name",
             descending: bool = False) -> Overview:
    """Everything the statewide page shows, in ten queries whatever the number of centres, and
    in one (the data's version) while the data has not changed since the last time."""
    district = district if district in DISTRICTS else None
    sort = sort if sort in SORTS else "name"
    found = _side_by_side(versions.current(db), day, {
        "report": lambda: requirement.check(db, as_of=day),
        "indicators": lambda: indicators(db, day),
        "analysis": lambda: analytics.statewide_analysis(db, day),
        "white_spots": lambda: white_spots(db, in_force(day).partner_types(), day),
    })
    report, rows, analysis = found["report"], found["indicators"], found["analysis"]
    centres = matrix(report, district=district, sort=sort, descending=descending)
    median = medians(rows)
    by_centre = {row["centre"]: row for row in rows}
    shown = [{**by_centre[c.id], "far": far_from_median(by_centre[c.id], median)}
             for c in centres if c.id in by_centre]
    measured = {row["centre"]["id"]: row for row in analysis["centres"]}
    return Overview(day=day, report=report, centres=centres, district=district, sort=sort,
                    descending=descending, indicators=shown, medians=median, white_spots=found["white_spots"],
                    tiles=tiles(report),
                    regions=len(report.centres), analysis=analysis,
                    analysis_rows=[measured[c.id] for c in centres if c.id in measured])
