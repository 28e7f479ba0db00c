"""The centres' own records: when they applied and opened, their RAA, concept and grant."""

from __future__ import annotations

import random
from datetime import date, timedelta

from .draw import rand_date
from .profiles import Profile
from .regions import LATE_CENTRES, OPENED_KNOWN, RAA_DATE_KNOWN, Region
from .vocabulary import DAY, GRANTING_AUTHORITY, KI11_DEADLINE, SHOWCASE_CENTRE


def centre_record(reg: Region, prof: Profile, seed) -> dict:
    rng = random.Random(f"kiz-demo-centre:{seed}:{reg.ags}")
    cid = reg.centre_id
    if cid in LATE_CENTRES:
        (a_lo, a_hi), (o_lo, o_hi) = LATE_CENTRES[cid]
        applied = rand_date(rng, a_lo, a_hi)
        opened = rand_date(rng, o_lo, o_hi)
    elif cid == SHOWCASE_CENTRE:  # recognised as KI at the turn of 2012/13
        applied = rand_date(rng, date(2012, 6, 1), date(2012, 9, 30))
        opened = date(2013, 1, 1)
    else:
        applied = rand_date(rng, date(2012, 6, 1), date(2013, 3, 31))
        opened = applied + timedelta(days=rng.randint(60, 240))
    if cid in OPENED_KNOWN:
        opened = OPENED_KNOWN[cid]
        if applied >= opened:
            applied = opened - timedelta(days=rng.randint(90, 200))
    raa_on = None
    if prof.raa:
        if cid in RAA_DATE_KNOWN:
            raa_on = RAA_DATE_KNOWN[cid]
        elif "KI-11" in prof.gaps:
            raa_on = opened if opened > KI11_DEADLINE else rand_date(rng, KI11_DEADLINE + DAY, date(2014, 7, 31))
        elif prof.raa_on is not None:
            raa_on = prof.raa_on
            if opened > raa_on:
                opened = raa_on
        else:
            raa_on = min(opened, KI11_DEADLINE)
    gaps = prof.gaps
    concept_on = applied - timedelta(days=rng.randint(30, 420))
    by = "Kreistag" if reg.is_kreis else "Rat"
    topics = ["bildung", "querschnitt"]
    if gaps.get("KI-02") == "only_bildung":
        topics = ["bildung"]
    elif gaps.get("KI-02") == "only_querschnitt":
        topics = ["querschnitt"]
    agreed = True if reg.is_kreis else None
    if gaps.get("KI-01") == "not_agreed":
        agreed = False
    if gaps.get("KI-01") == "no_concept":
        concept_on, by, topics = None, None, []
        agreed = False if reg.is_kreis else None
    return {
        "id": cid,
        "applied_on": applied,
        "opened_on": opened,
        "raa_predecessor": prof.raa,
        "raa_integrated_on": raa_on,
        "concept_adopted_on": concept_on,
        "concept_adopted_by": by,
        "concept_topics": topics,
        "municipalities_agreed": agreed,
        "granted_by": None if "KI-03" in gaps else GRANTING_AUTHORITY,
    }
