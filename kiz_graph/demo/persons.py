"""Contact persons of the organisations, and the centre's own staff and positions."""

from __future__ import annotations

from . import gaps
from .builder import RegionBuilder
from .draw import Weighted, rand_date
from .names import domain
from .vocabulary import GDPR_DAY, LAST_DAY

_CONSENT = Weighted(("public", "internal", "none"), (400, 400, 200))

# function of a centre's staff member by profession (female, male)
_STAFF_FUNCTIONS = {
    "teacher": ("Lehrkraft (abgeordnet)", "Lehrkraft (abgeordnet)"),
    "educator": ("Pädagogische Fachkraft", "Pädagogische Fachkraft"),
    "administration": ("Verwaltungsfachkraft", "Verwaltungsfachkraft"),
    "assistant": ("Assistenz", "Assistenz"),
}


def person(builder: RegionBuilder, org_id: str, web: str, area: str, function_pair, origin=None) -> dict:
    """Adds a person of org_id; origin (of a migrant organisation's members) is kept mostly."""
    rng, pools = builder.rng, builder.pools
    if origin is None or rng.random() < 0.15:
        origin = pools.origins.pick(rng)
    gender = "f" if rng.random() < 0.64 else "m"
    given, given_slug = builder.pick(pools.given[(origin, gender)])
    male, female, male_slug, female_slug = builder.pick(pools.surnames[origin])
    surname, surname_slug = (female, female_slug) if gender == "f" else (male, male_slug)
    langs = []
    own = pools.origin_languages[origin]
    if own and rng.random() < 0.85:
        langs.append(own[0])
        if len(own) > 1 and rng.random() < 0.3:
            langs.append(own[1])
    r = rng.random()
    if r < 0.3 and "en" not in langs:
        langs.append("en")
    elif r > 0.95 and "fr" not in langs:
        langs.append("fr")
    consent = _CONSENT.pick(rng)
    builder.n_person += 1
    rec = {
        "id": f"per-{builder.reg.ags}-{builder.n_person:05d}",
        "name": f"{given} {surname}",
        "organisation_id": org_id,
        "function": function_pair[0 if gender == "f" else 1],
        "email": f"{given_slug}.{surname_slug}@{web}",
        "phone": f"{area} 555-{rng.randint(0, 9999):04d}",
        "languages": langs,
        "consent": consent,
        "consent_date": None if consent == "none" else rand_date(rng, GDPR_DAY, LAST_DAY),
    }
    builder.out["persons"].append(rec)
    return rec


def build_persons(builder: RegionBuilder):
    """The contact persons of every organisation, its head first."""
    rng, pools = builder.rng, builder.pools
    for org in builder.orgs:
        meta = builder.org_meta[org["id"]]
        type_ = org["type"]
        mean = pools.persons_per_org[type_]
        k = int(mean) + (rng.random() < mean - int(mean))
        head, *others = pools.functions[type_]
        for i in range(k):
            function_pair = head if i == 0 else builder.pick(others)
            person(builder, org["id"], meta.domain, meta.place.area, function_pair,
                   meta.origin if type_ == "MigrantOrganisation" else None)


def build_positions(builder: RegionBuilder):
    """The centre's positions (teachers, grant and municipal staff), lead and deputy."""
    rng, reg = builder.rng, builder.reg
    posts = gaps.state_posts(builder)  # KI-04
    n_municipal = rng.randint(0, 2) + (reg.weight > 0.02) + (2 if builder.showcase else 0)
    for _ in range(n_municipal):
        profession = "educator" if rng.random() < 0.7 else "administration"
        posts.append([profession, builder.pick((1.0, 0.5, 0.75)), "municipal"])
    lead, deputy = gaps.lead_and_deputy(builder, posts)  # KI-05
    web = domain("ki-" + reg.label)
    for i, (profession, fte, funding) in enumerate(posts):
        role = "lead" if i == lead else ("deputy" if i == deputy else None)
        person_id = None
        vacant = role is None and profession != "teacher" and rng.random() < 0.12
        if not vacant:
            if role == "lead":
                fn = ("Leitung des Kommunalen Integrationszentrums",) * 2
            elif role == "deputy":
                fn = ("Stellvertretende Leitung", "Stellvertretende Leitung")
            else:
                fn = _STAFF_FUNCTIONS[profession]
            person_id = person(builder, reg.centre_id, web, builder.seat.area, fn)["id"]
        builder.out["positions"].append({
            "id": f"pos-{reg.ags}-{i + 1}",
            "centre_id": reg.centre_id,
            "profession": profession,
            "fte": float(fte),
            "funding": funding,
            "role": role,
            "person_id": person_id,
        })
    # the Integrationsbeauftragte of the council often sits with the centre
    if rng.random() < 0.5:
        person(builder, reg.centre_id, web, builder.seat.area,
               ("Integrationsbeauftragte", "Integrationsbeauftragter"))
