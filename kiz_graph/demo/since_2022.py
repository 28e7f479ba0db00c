"""What the TIntG of 2021 (rule set ``tintg-2021``, in force since 2022) asks beyond the
concept paper, in the demo: volunteer initiatives (§ 8 Abs. 1 Satz 3 Nr. 3) in about two of
three regions, most of them cooperating with their centre since 2022; an Integrationskonzept
that names the freie Träger (Satz 2) at about half the centres; at about half the centres an
administration post cut to the 0.5 of the 2015/2017 decrees (where that keeps konzept-2012's
verdict); and at about one centre in five the task of its qualification offers for staff
(Abs. 2) left unrecorded.

Drawn after everything else with a generator of its own, so the design for ``konzept-2012``
(``gaps``) and every other record stay exactly as they were.
"""

from __future__ import annotations

import random
from datetime import date

from .draw import rand_date
from .names import domain

_NAMES = ("Flüchtlingshilfe", "Willkommensinitiative", "Ehrenamtskreis Asyl", "Initiative Neue Nachbarn")
_FIRST, _LAST = date(2022, 1, 15), date(2024, 6, 30)


def add_since_2022(out: dict[str, list[dict]], seed) -> None:
    rng = random.Random(f"tintg-2021:{seed}")
    by_region: dict[str, list[dict]] = {}
    for o in out["organisations"]:
        by_region.setdefault(o["region"], []).append(o)
    for centre in out["centres"]:
        region = centre["id"].removeprefix("ki-")
        if rng.random() < 0.65:
            initiative = _initiative(rng, by_region[region])
            out["organisations"].append(initiative)
            if rng.random() < 0.75:
                since = rand_date(rng, _FIRST, _LAST)
                out["cooperations"].append({
                    "from_id": centre["id"], "to_id": initiative["id"], "form": "Projekt", "since": since,
                    "until": None, "fields": ["buergerschaftliches_engagement"], "agreement": None,
                    "last_contact": since, "note": None})
        if {"bildung", "querschnitt"} <= set(centre["concept_topics"]) and rng.random() < 0.5:
            centre["concept_topics"] = [*centre["concept_topics"], "freie_traeger"]
        if rng.random() < 0.5:
            _administration_as_decreed(out["positions"], centre["id"])
        if rng.random() < 0.2:
            for offer in out["offers"]:
                if offer["provider_id"] == centre["id"] and offer["task"] == "fortbildung":
                    offer["task"] = None


def _administration_as_decreed(positions: list[dict], centre_id: str) -> None:
    """The centre's state-funded administration post cut to 0.5, unless its state-funded posts
    already exceed konzept-2012's 3.5 (a designed gap that must stay)."""
    granted = [p for p in positions if p["centre_id"] == centre_id and p["funding"] == "state_grant"]
    if sum(p["fte"] for p in granted) <= 3.5:
        for p in granted:
            if p["profession"] == "administration" and p["fte"] > 0.5:
                p["fte"] = 0.5


def _initiative(rng: random.Random, region_orgs: list[dict]) -> dict:
    """A volunteer initiative at the place of one of the region's organisations."""
    place = rng.choice([o for o in region_orgs if o["city"]])
    names = {o["name"] for o in region_orgs}
    base = rng.choice(_NAMES)
    name = next(n for n in (f"{base} {place['city']}", f"{base} {place['city']} e.V.", f"{base} {place['postcode']}")
                if n not in names)
    number = max(int(o["id"].rsplit("-", 1)[1]) for o in region_orgs) + 1
    initiative = {key: None for key in region_orgs[0]}
    initiative.update(id=f"{region_orgs[0]['id'].rsplit('-', 1)[0]}-{number:05d}", name=name,
                      type="VolunteerInitiative", region=place["region"], municipality=place["municipality"],
                      languages=[], fields=["buergerschaftliches_engagement"], stages=[],
                      street=place["street"], postcode=place["postcode"], city=place["city"],
                      email=f"info@{domain(name)}", phone=f"{place['phone'].split()[0]} 555-{rng.randint(0, 9999):04d}")
    region_orgs.append(initiative)
    return initiative
