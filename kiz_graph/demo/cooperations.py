"""Cooperations: the centre's with the partners the rules ask for and with everyone else,
between organisations, and across regions (district projects)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from . import gaps
from .builder import RegionBuilder
from .draw import early_date, rand_date
from .vocabulary import FIELDS, LAST_DAY

#: The note of a cooperation across regions (see :func:`district_projects`).
DISTRICT_PROJECT = "Bezirksweites Projekt"

# Share of the organisations of a type the centre cooperates with (besides the rules' partners).
_SHARES = {"School": 0.8, "Daycare": 0.5, "EducationProvider": 0.75, "Other": 0.55,
           "Authority": 0.75, "CoordinationOffice": 0.9}


def build_cooperations(builder: RegionBuilder):
    """The centre's cooperations: first with the partners the rules ask for (in this order),
    then with a share of everyone else."""
    gaps.involvement_cooperations(builder)  # KI-10
    gaps.welfare_cooperations(builder)  # KI-08
    gaps.bamf_cooperation(builder)  # KI-09
    gaps.funded_structure_cooperations(builder)  # KI-07
    gaps.migrant_organisation_cooperations(builder)  # KI-06
    rng, cid = builder.rng, builder.reg.centre_id
    coop, form, fields_of = builder.cooperation, builder.form, builder.coop_fields
    for type_, share in _SHARES.items():
        for org in builder.by_type[type_]:
            if rng.random() < share:
                s = builder.since_after()
                until = builder.ended(s) if rng.random() < 0.12 else None
                coop(cid, org, form(), s, until, fields_of(org))
                if until is not None and rng.random() < 0.35 and until < LAST_DAY - timedelta(days=60):
                    # taken up again later in another form (builder.cooperation: one per pair and form)
                    s2 = rand_date(rng, until + timedelta(days=30), LAST_DAY - timedelta(days=20))
                    coop(cid, org, form(), s2, None, fields_of(org))


def build_org_cooperations(builder: RegionBuilder):
    """Cooperations between the region's organisations (seeds/demo/partner_cooperations.csv)."""
    rng, by_type = builder.rng, builder.by_type
    for _ in range(round(len(builder.orgs) * 0.38)):
        a, b, form, fields = builder.pools.partner_cooperations.pick(rng)
        froms, tos = by_type[a], by_type[b]
        if not froms or not tos:
            continue
        x, y = builder.pick(froms), builder.pick(tos)
        if x is y:
            continue
        if a == "School" and b == "Daycare" and x["school_form"] != "Grundschule":
            continue
        s = early_date(rng, date(2010, 1, 1), LAST_DAY - timedelta(days=20))
        until = None
        if rng.random() < 0.12:
            until = rand_date(rng, min(s + timedelta(days=120), LAST_DAY), LAST_DAY)
        builder.cooperation(x["id"], y, form, s, until, fields)


def district_projects(regs: list, profiles: dict, organisations: list[dict], seed) -> list[dict]:
    """Partners beyond their region, as real ones are: in each Regierungsbezirk two
    education providers of one region run a project with the centres of up to three other
    regions of the district. Education providers, so that no rule's outcome changes, and
    without a centre's deliberately missing core field."""
    rng = random.Random(f"{seed}-district-projects")
    providers: dict[str, list[dict]] = {}
    for o in organisations:
        if o["type"] == "EducationProvider":
            providers.setdefault(o["region"], []).append(o)
    records, keys = [], set()
    for district in sorted({r.district for r in regs}):
        regions = sorted((r for r in regs if r.district == district), key=lambda r: r.ags)
        homes = [r for r in regions if providers.get(r.ags)]
        if len(regions) < 2 or not homes:
            continue
        for _ in range(2):
            home = rng.choice(homes)
            provider = rng.choice(providers[home.ags])
            since = date(rng.randint(2018, 2024), rng.choice((2, 8)), 1)
            for reg in rng.sample([r for r in regions if r is not home], min(3, len(regions) - 1)):
                key = (reg.centre_id, provider["id"])
                if key in keys:
                    continue
                keys.add(key)
                fields = gaps.without_missing_field(profiles[reg.centre_id], provider["fields"])  # KI-12
                records.append({
                    "from_id": reg.centre_id, "to_id": provider["id"], "form": "Projekt", "since": since,
                    "until": None, "fields": [f for f in FIELDS if f in fields],
                    "agreement": f"Projektvertrag {since.year}",
                    "last_contact": min(since + timedelta(days=rng.randint(30, 900)), LAST_DAY),
                    "note": DISTRICT_PROJECT,
                })
    return records
