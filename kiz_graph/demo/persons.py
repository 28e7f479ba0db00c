"""Contact persons of the organisations, and the centre's own staff and positions."""

from __future__ import annotations

from .builder import RegionBuilder
from .draw import Weighted, rand_date
from .names import domain
from .vocabulary import GDPR_DAY, LAST_DAY

# per mille, as the former thresholds 0.4 and 0.8 (see builder._COOPERATION_FORMS)
_CONSENT = Weighted(("public", "internal", "none"), (400, 400, 200))
_LEAD_PROFESSION = Weighted(("teacher", "educator", "administration"), (450, 400, 150))

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
    rng, prof, reg = builder.rng, builder.prof, builder.reg
    gap4, gap5 = prof.gaps.get("KI-04"), prof.gaps.get("KI-05")
    posts = []  # [profession, fte, funding]
    if gap4 == "one_teacher":
        teachers = (1.0,)
    else:
        teachers = builder.pick(((1.0, 1.0), (1.0, 1.0), (1.0, 1.0), (1.0, 0.5, 0.5), (1.0, 1.0, 0.5)))
    for fte in teachers:
        posts.append(["teacher", fte, "state_secondment"])
    if gap4 == "grant_over":
        grant = (("educator", 1.0), ("educator", 1.0), ("educator", 0.5),
                 ("administration", 1.0), ("assistant", 0.5))
    else:
        grant = [("educator", 1.0), ("educator", 1.0), ("administration", 1.0)]
        if rng.random() < 0.8:
            grant.append(("assistant", 0.5))
    for profession, fte in grant:
        posts.append([profession, fte, "state_grant"])
    n_municipal = rng.randint(0, 2) + (reg.weight > 0.02) + (2 if builder.showcase else 0)
    for _ in range(n_municipal):
        profession = "educator" if rng.random() < 0.7 else "administration"
        posts.append([profession, builder.pick((1.0, 0.5, 0.75)), "municipal"])

    def first(profession, skip=-1):
        for i, post in enumerate(posts):
            if post[0] == profession and i != skip and post[2] != "municipal":
                return i
        return None

    if gap5 == "same_profession":
        lead = first("educator")
        deputy = first("educator", skip=lead)
    else:
        lead_prof = _LEAD_PROFESSION.pick(rng)
        lead = first(lead_prof)
        deputy = None
        if gap5 != "no_deputy":
            deputy = first(builder.pick([p for p in ("teacher", "educator", "administration") if p != lead_prof]))
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
