"""The centres' own records: when they applied and opened, their RAA, concept and grant."""

from __future__ import annotations

import random
from datetime import date, timedelta

from . import gaps
from .draw import rand_date
from .gaps import Profile
from .regions import LATE_CENTRES, OPENED_KNOWN, Region
from .vocabulary import SHOWCASE_CENTRE


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
    raa_on, opened = gaps.raa_integrated_on(rng, reg, prof, opened)  # KI-11
    return {
        "id": cid,
        "applied_on": applied,
        "opened_on": opened,
        "raa_predecessor": prof.raa,
        "raa_integrated_on": raa_on,
        **gaps.concept(rng, reg, prof, applied),  # KI-01, KI-02
        "granted_by": gaps.granted_by(prof),  # KI-03
    }
