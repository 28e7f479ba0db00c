"""Cooperations: the centre's with the partners the rules ask for and with everyone else,
between organisations, and across regions (district projects)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from .builder import RegionBuilder
from .draw import early_date, rand_date
from .profiles import KI10_TYPES
from .vocabulary import DAY, FIELDS, LAST_DAY, PLANNED_DAY

#: The note of a cooperation across regions (see :func:`district_projects`).
DISTRICT_PROJECT = "Bezirksweites Projekt"

# Share of the organisations of a type the centre cooperates with (besides the rules' partners).
_SHARES = {"School": 0.8, "Daycare": 0.5, "EducationProvider": 0.75, "Other": 0.55,
           "Authority": 0.75, "CoordinationOffice": 0.9}


def build_cooperations(builder: RegionBuilder):
    rng, reg, prof, centre = builder.rng, builder.reg, builder.prof, builder.centre
    coop, form, fields_of = builder.cooperation, builder.form, builder.coop_fields
    since_after, ended = builder.since_after, builder.ended
    by_type = builder.by_type
    cid = reg.centre_id
    gaps = prof.gaps
    applied = centre["applied_on"]
    opened = centre["opened_on"]
    concept = centre["concept_adopted_on"] or applied - timedelta(days=300)
    late_type = prof.ki10_type if gaps.get("KI-10") == "late" else None
    never_type = prof.ki10_type if gaps.get("KI-10") == "never" else None

    # KI-10: involved from the start (Beteiligung), one each of the main structures
    for type_ in KI10_TYPES:
        if type_ == never_type:
            continue
        main = by_type[type_][0]
        if type_ == late_type:
            since = applied + timedelta(days=rng.randint(30, 500))
        else:
            since = rand_date(rng, concept, applied)
        coop(cid, main, "Beteiligung", since, None, fields_of(main))
        if rng.random() < 0.6:  # later written agreements with the same office
            coop(cid, main, "Kooperationsvereinbarung", since_after(max(since, opened) + DAY), None, fields_of(main))
        for other in by_type[type_][1:]:
            if rng.random() < 0.55:
                coop(cid, other, form(), since_after(), None, fields_of(other))

    # welfare associations (KI-08 and KI-10)
    welfare = by_type["WelfareAssociation"]
    gap8 = gaps.get("KI-08")
    branch = welfare[0]
    since = rand_date(rng, concept, applied)
    until = None
    if gap8:
        until = rand_date(rng, date(2015, 1, 1), date(2023, 12, 31))
    coop(cid, branch, "Beteiligung", since, until, fields_of(branch))
    for org in welfare[1:]:
        if gap8 == "welfare_lapsed":
            break
        if gap8 == "welfare_ended":
            if rng.random() < 0.5:
                s = since_after(hi=date(2021, 12, 31))
                coop(cid, org, form(), s, ended(s), fields_of(org))
            continue
        if rng.random() < 0.7:
            s = since_after()
            coop(cid, org, form(), s, ended(s) if rng.random() < 0.1 else None, fields_of(org))

    # BAMF (KI-09)
    bamf = by_type["BamfCoordinator"][0]
    gap9 = gaps.get("KI-09")
    if gap9 == "bamf_planned":
        coop(cid, bamf, "Kooperationsvereinbarung", PLANNED_DAY, None, fields_of(bamf),
             note="Vereinbarung unterschrieben, Beginn am 01.01.2027")
    elif gap9 is None:
        coop(cid, bamf, "Netzwerk" if rng.random() < 0.5 else "Kooperationsvereinbarung",
             since_after(hi=date(2022, 12, 31)), None, fields_of(bamf))

    # funded structures (KI-07): every one, except the deliberate gap
    funded = by_type["FundedStructure"]
    skip = None
    if gaps.get("KI-07") == "funded_missing" and funded:
        skip = funded[-1]["id"]
    for org in funded:
        start = builder.org_meta[org["id"]].start or opened
        if org["id"] == skip:
            if rng.random() < 0.5:
                s = since_after(lo=start, hi=date(2020, 12, 31))
                coop(cid, org, "Projekt", s, ended(s), fields_of(org))
            continue
        if rng.random() < 0.2 and start < date(2019, 1, 1):  # history: an earlier project
            s = since_after(lo=start, hi=date(2018, 12, 31))
            e = ended(s)
            if e < LAST_DAY - timedelta(days=60):
                coop(cid, org, "Projekt", s, e, fields_of(org))
        coop(cid, org, form(), since_after(lo=start), None, fields_of(org))

    # migrant organisations (KI-06)
    gap6 = gaps.get("KI-06")
    if gap6 != "mso_none":
        for i, org in enumerate(by_type["MigrantOrganisation"]):
            if i > 0 and rng.random() > 0.85:
                continue
            if gap6 == "mso_ended":
                s = since_after(hi=date(2022, 12, 31))
                coop(cid, org, form(), s, ended(s), fields_of(org))
                continue
            s = since_after()
            until = ended(s) if (i > 0 and rng.random() < 0.12) else None
            coop(cid, org, form(), s, until, fields_of(org))

    # everyone else
    for type_, share in _SHARES.items():
        for org in by_type[type_]:
            if rng.random() < share:
                s = since_after()
                until = ended(s) if rng.random() < 0.12 else None
                coop(cid, org, form(), s, until, fields_of(org))
                if until is not None and rng.random() < 0.35 and until < LAST_DAY - timedelta(days=60):
                    # taken up again later: history stays, a new cooperation starts
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
                missing = profiles[reg.centre_id].missing_field
                records.append({
                    "from_id": reg.centre_id, "to_id": provider["id"], "form": "Projekt", "since": since,
                    "until": None, "fields": [f for f in FIELDS if f in provider["fields"] and f != missing],
                    "agreement": f"Projektvertrag {since.year}",
                    "last_contact": min(since + timedelta(days=rng.randint(30, 900)), LAST_DAY),
                    "note": DISTRICT_PROJECT,
                })
    return records
