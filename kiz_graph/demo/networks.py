"""The networks a centre runs (seeds/demo/networks.csv) and their members."""

from __future__ import annotations

from datetime import date, timedelta

from .builder import RegionBuilder
from .draw import early_date, rand_date
from .vocabulary import LAST_DAY


def build_networks(builder: RegionBuilder):
    rng, reg = builder.rng, builder.reg
    n_orgs = len(builder.orgs)
    wanted = 3 + round(n_orgs / 75) + (3 if builder.showcase else 0)
    templates = builder.pools.networks
    combos = []
    local = [t for t in templates if not t.region_wide]
    order = list(range(len(templates)))
    rng.shuffle(order)
    for i in order:  # each template once for the whole region first
        combos.append((templates[i], None))
    for place in builder.places:  # then local ones per municipality / quarter
        for t in local:
            combos.append((t, place))
    tail = combos[len(templates):]
    rng.shuffle(tail)
    combos = combos[: len(templates)] + tail
    wanted = min(wanted, 40, len(combos))
    total_members = round(n_orgs * 1.1 * builder.boost)
    per = max(5, total_members // max(1, wanted))
    names: set = set()
    for template, place in combos[:wanted]:
        if place is None:
            name = template.name if rng.random() < 0.3 else f"{template.name} {reg.label}"
        else:
            name = f"{template.name} {place.label}"
        if name in names:
            continue
        names.add(name)
        nid = f"net-{reg.ags}-{len(names)}"
        builder.out["networks"].append(
            {"id": nid, "name": name, "centre_id": reg.centre_id, "topic": template.topic}
        )
        start = early_date(rng, max(builder.centre["opened_on"], date(2013, 1, 1)), date(2024, 12, 31))
        candidates = [o for t in template.members for o in builder.by_type[t]]
        if place is not None:
            near = [o for o in candidates if o["municipality"] == place.ags]
            if place.label != place.city:  # a city quarter: stay a sample
                near = near[: max(1, len(near) // 3)]
            candidates = near if len(near) >= 5 else candidates
        k = min(len(candidates), max(4, round(per * rng.uniform(0.5, 1.5))))
        for org in rng.sample(candidates, k):
            s = rand_date(rng, start, LAST_DAY - timedelta(days=10))
            until = None
            if rng.random() < 0.1:
                until = rand_date(rng, min(s + timedelta(days=90), LAST_DAY), LAST_DAY)
            builder.out["network_members"].append(
                {"network_id": nid, "organisation_id": org["id"], "since": s, "until": until}
            )
