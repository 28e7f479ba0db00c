"""Demo data: a fictional but realistic partner network for all 54 centres.

``generate(regions, municipalities, scale, seed)`` returns records in the exchange
format (``shared/domain/import-format.md``), one list of dicts per exchange file, with
Python types: dates are ``datetime.date``, lists are lists of keys, booleans are ``bool``,
``fte`` is ``float`` and an empty value is ``None``.

The data is deliberately uneven. Every centre gets a *profile*, chosen by a seeded
random generator, that says which rules of rule set ``konzept-2012`` (KI-01 .. KI-13,
``shared/domain/model.md``) it is meant to miss; about half the centres miss nothing.
``deliberate_gaps(regions, seed)`` returns that design, so a rule engine can be checked
against it. A "gap" is any finding other than ``met`` (and other than ``not_applicable``
for KI-11): ``not_met`` or ``unknown``. The profiles depend on the regions and the seed
only, never on the scale, so every rule has centres that meet it and centres that miss it
at every scale.

Everything is deterministic: the same arguments give the same records in the same order,
whatever ``PYTHONHASHSEED`` is. Randomness comes only from ``random.Random`` instances
seeded with strings (hashed with SHA-512 by the standard library), never from the global
generator or from today's date.

Names of people and organisations are invented from the pools in ``seeds/demo/``;
emails and websites use the reserved top-level domain ``.example``; phone numbers use
the fictional ``555`` block. Real facts about individual centres that the project's seeds
cite (Krefeld's RAA became its KI on 2013-08-01, the StädteRegion Aachen opened on
2013-07-01, Kreis Coesfeld and Kreis Steinfurt opened late, ...) are respected.

Beyond the exchange format, two keys follow the brief: ``centres`` records carry
``granted_by`` (``"bra-dez36"``, or ``None`` for a KI-03 gap) and ``positions`` records
carry an ``id`` (``"pos-05978-1"``). Organisation and person ``languages`` hold the
languages *besides German*.

How the package is laid out (the tables and name pools it draws from are in
``seeds/demo/``, see its README): ``profiles`` decides which centre misses which rule;
``gaps`` holds each rule's design, its variants and how a centre's records miss or meet
it; ``centres`` makes the centres' records; per region a ``builder.RegionBuilder``
carries the random generator and the records so far, and ``organisations``, ``persons``
(also the centre's positions), ``cooperations``, ``networks`` and ``offers`` add theirs,
in the order :func:`generate` calls them; ``since_2022`` adds last what the TIntG of 2021 asks
for (volunteer initiatives, freie Träger in the concept), so some centres meet ``tintg-2021``
and some do not.
"""

from __future__ import annotations

from .builder import RegionBuilder
from .centres import centre_record
from .cooperations import DISTRICT_PROJECT, build_cooperations, build_org_cooperations, district_projects
from .gaps import KI11_DEADLINE, PLANNED_DAY
from .networks import build_networks
from .offers import build_offers
from .organisations import build_organisations
from .persons import build_persons, build_positions
from .profiles import deliberate_gaps, profiles
from .regions import region_list
from .since_2022 import add_since_2022
from .vocabulary import (
    CORE_FIELDS,
    FIELDS,
    FILES,
    GRANTING_AUTHORITY,
    LAST_DAY,
    ORGANISATION_TYPES,
    RULES,
    SCALES,
    SHOWCASE_CENTRE,
    STAGES,
    TASKS,
)

__all__ = [
    "CORE_FIELDS",
    "DISTRICT_PROJECT",
    "FIELDS",
    "FILES",
    "GRANTING_AUTHORITY",
    "KI11_DEADLINE",
    "LAST_DAY",
    "ORGANISATION_TYPES",
    "PLANNED_DAY",
    "RULES",
    "SCALES",
    "SHOWCASE_CENTRE",
    "STAGES",
    "TASKS",
    "count_relationships",
    "deliberate_gaps",
    "generate",
]


def generate(regions, municipalities, scale="demo", seed=1) -> dict[str, list[dict]]:
    """Generate the demo network for the given regions.

    Parameters
    ----------
    regions : list of dict
        ``{"ags", "name", "kind", "district"}`` per region (``seeds/regions.csv``).
    municipalities : list of dict
        ``{"ags", "name", "region"}`` per Gemeinde (``seeds/municipalities.csv``).
    scale : {"demo", "statewide", "10x"}
        About 3,000 organisations, about 25,000 (the real size of NRW's partner
        landscape), or ten times that. Regions get a share by population.
    seed : int or str
        Seeds every random choice; the same arguments give identical output.

    Returns
    -------
    dict
        Exchange file name (without ``.csv``) -> list of records, see the module
        docstring. Ids are stable and readable: ``org-05978-00017``,
        ``per-05978-00042``, ``pos-05978-1``, ``net-05978-1``, ``off-05978-1``.

    Raises
    ------
    ValueError
        For an unknown ``scale``.
    """
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}; got {scale!r}")
    regs = region_list(regions, municipalities)
    designed = profiles(regs, seed)
    out: dict = {name: [] for name in FILES}
    schulnummern: dict = {}
    for reg in regs:
        prof = designed[reg.centre_id]
        centre = centre_record(reg, prof, seed)
        out["centres"].append(centre)
        builder = RegionBuilder(reg, prof, centre, SCALES[scale], seed, scale, out, schulnummern)
        build_positions(builder)
        build_organisations(builder)
        build_persons(builder)
        build_cooperations(builder)
        build_org_cooperations(builder)
        build_networks(builder)
        build_offers(builder)
    out["cooperations"] += district_projects(regs, designed, out["organisations"], seed)
    add_since_2022(out, seed)
    return out


def count_relationships(data: dict) -> int:
    """Relationships the records make in the graph, as the scale targets count them.

    Cooperations, person -> organisation, organisation -> place, network memberships,
    and offer -> field / stage links.
    """
    return (
        len(data["cooperations"])
        + len(data["persons"])
        + len(data["organisations"])
        + len(data["network_members"])
        + sum(len(o["fields"]) + len(o["stages"]) for o in data["offers"])
    )
