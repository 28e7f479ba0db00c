"""The region's organisations: the regional structures, welfare associations, funded
structures, migrant organisations, schools, Kitas and the other partners."""

from __future__ import annotations

import string
from datetime import date

from . import gaps
from .builder import OrgMeta, RegionBuilder
from .draw import rand_date
from .names import domain
from .places import Place
from .vocabulary import COMMON_LANGUAGES, FIELDS, STAGES

# Fields of the regional structures, which are made by name below.
_STRUCTURE_FIELDS = {
    "SchoolSupervision": ("bildung",),
    "SchoolAdministration": ("bildung",),
    "YouthWelfare": ("bildung", "erziehung_betreuung"),
    "IntegrationCouncil": ("politische_partizipation", "buergerschaftliches_engagement"),
    "BamfCoordinator": ("sprachliche_interkulturelle_bildung", "beschaeftigung"),
}
_YOUTH_WELFARE_STAGES = ("fruehe_bildung", "primarstufe", "sekundarstufe_1")

_WELFARE_FIELDS = ("erziehung_betreuung", "beschaeftigung", "buergerschaftliches_engagement",
                   "gesundheit", "pflege_aelterer_menschen")

# Regions with a Jewish community that runs welfare work (ZWST) in the demo.
_ZWST_REGIONS = (
    "05111", "05112", "05113", "05114", "05116", "05124", "05314", "05315", "05334002",
    "05513", "05515", "05711", "05911", "05913", "05914", "05562", "05758", "05774", "05978",
)

_ENDINGS = {"m": "er", "f": "e", "n": "es"}  # of an adjective before a noun of that gender


def org(builder: RegionBuilder, type_: str, base: str, place: Place, *, federation=None, programme=None,
        languages=(), fields=(), stages=(), school_form=None, website=True, start=None, origin=None) -> dict:
    """Adds an organisation named base (made unique in the region) at place."""
    rng, reg = builder.rng, builder.reg
    street = builder.street()
    name = builder.names.unique(base, place, street)
    builder.n_org += 1
    oid = f"org-{reg.ags}-{builder.n_org:05d}"
    web = domain(name)
    schulnummer = None
    email = f"info@{web}"
    if type_ == "School":
        while True:
            nr = str(rng.randint(100000, 199999) if rng.random() < 0.6 else rng.randint(100000, 999999))
            if nr not in builder.schulnummern:
                builder.schulnummern[nr] = True
                break
        schulnummer = nr
        email = f"{nr}@schule.example"
    rec = {
        "id": oid,
        "name": name,
        "type": type_,
        "region": reg.ags,
        "municipality": place.ags,
        "federation": federation,
        "programme": programme,
        "languages": list(languages),
        "fields": [f for f in FIELDS if f in fields],
        "stages": [s for s in STAGES if s in stages],
        "street": street,
        "postcode": f"{place.postcode + rng.randint(0, place.span):05d}",
        "city": place.city,
        "email": email,
        "phone": f"{place.area} 555-{rng.randint(0, 9999):04d}",
        "website": f"https://www.{web}" if website else None,
        "schulnummer": schulnummer,
        "school_form": school_form,
    }
    builder.out["organisations"].append(rec)
    builder.orgs.append(rec)
    builder.by_type[type_].append(rec)
    builder.org_meta[oid] = OrgMeta(place, web, start, origin)
    return rec


def build_organisations(builder: RegionBuilder):
    _regional_structures(builder)
    _welfare(builder)
    if gaps.has_funded_structures(builder.prof):  # KI-07
        _funded(builder)
    _msos(builder)
    _schools(builder)
    _daycare(builder)
    _education_providers(builder)
    _others(builder)


def _regional_structures(builder: RegionBuilder):
    """The five offices at the seat, and in a Kreis some of its municipalities' own."""
    reg, rng, seat = builder.reg, builder.rng, builder.seat
    fields = _STRUCTURE_FIELDS
    org(builder, "SchoolSupervision", f"Schulamt für {reg.acc}", seat,
        fields=fields["SchoolSupervision"], stages=("primarstufe", "sekundarstufe_1"))
    if reg.is_kreis:
        admin = f"Schulverwaltung {reg.gen}"
        youth = f"Jugendamt {reg.gen}"
        council = f"Integrationsausschuss {reg.gen}"
    else:
        admin = f"Schulverwaltungsamt der Stadt {reg.city}"
        youth = f"Jugendamt der Stadt {reg.city}"
        council = f"Integrationsrat der Stadt {reg.city}"
    org(builder, "SchoolAdministration", admin, seat, fields=fields["SchoolAdministration"], stages=STAGES[1:5])
    org(builder, "YouthWelfare", youth, seat, fields=fields["YouthWelfare"], stages=_YOUTH_WELFARE_STAGES)
    org(builder, "IntegrationCouncil", council, seat, fields=fields["IntegrationCouncil"], website=False)
    org(builder, "BamfCoordinator", f"BAMF-Regionalkoordination für {reg.acc}", seat,
        fields=fields["BamfCoordinator"], languages=("en",))
    if not reg.is_kreis:
        return
    # the kreisangehörige Gemeinden's own offices; fewer at the small scale
    share = min(1.0, 0.25 * builder.factor ** 0.6) if builder.factor < 1 else 1.0
    for place in builder.places:
        if rng.random() < share:
            org(builder, "SchoolAdministration", f"Schulverwaltungsamt {place.city}", place,
                fields=fields["SchoolAdministration"], stages=STAGES[1:4])
        if rng.random() < share * 0.45:
            org(builder, "YouthWelfare", f"Jugendamt {place.city}", place,
                fields=fields["YouthWelfare"], stages=_YOUTH_WELFARE_STAGES)
        if rng.random() < share * 0.5:
            org(builder, "IntegrationCouncil", f"Integrationsrat {place.city}", place,
                fields=fields["IntegrationCouncil"], website=False)


def _welfare(builder: RegionBuilder):
    """Three to five federations with a regional branch at the seat, and their local services."""
    reg, rng, seat, pools = builder.reg, builder.rng, builder.seat, builder.pools
    k = 3 + (reg.weight > 0.012) + (reg.weight > 0.02 or rng.random() < 0.3)
    associations = list(pools.welfare)
    rng.shuffle(associations)
    associations = sorted(associations[:k], key=pools.welfare.index)
    builder.federations = [fed for fed, _, _, _ in associations]
    for fed, _, branch, city_branch in associations:
        name = (branch if reg.is_kreis else city_branch).format(
            short=reg.short, acc=reg.acc, dat=reg.dat, city=reg.city)
        n_fields = rng.randint(2, 4)
        org(builder, "WelfareAssociation", name, seat, federation=fed,
            fields=rng.sample(_WELFARE_FIELDS, n_fields),
            languages=rng.sample(COMMON_LANGUAGES, rng.randint(0, 3)))
    if reg.ags in _ZWST_REGIONS:
        city = reg.city if not reg.is_kreis else seat.city
        org(builder, "WelfareAssociation", f"Jüdische Gemeinde {city}", seat, federation="ZWST",
            fields=("kultur", "buergerschaftliches_engagement", "pflege_aelterer_menschen"),
            languages=("ru", "uk"))
    for _ in range(builder.count("WelfareAssociation")):
        fed = builder.pick(builder.federations)
        place = builder.place()
        template = builder.pick(pools.welfare_services[fed])
        org(builder, "WelfareAssociation", template.format(place=place.label), place, federation=fed,
            fields=rng.sample(_WELFARE_FIELDS, rng.randint(1, 3)),
            languages=rng.sample(COMMON_LANGUAGES, rng.randint(0, 3)))


def _funded(builder: RegionBuilder):
    """State-funded structures: an Integrationsagentur at the seat first, then a mix."""
    reg, rng, seat, pools = builder.reg, builder.rng, builder.seat, builder.pools
    genitive = {fed: of for fed, of, _, _ in pools.welfare}
    n = builder.count("FundedStructure")
    for i in range(n):
        if i == 0:
            programme = "integrationsagentur"
        elif i == 1 and n >= 4:
            programme = "integration_point"
        else:
            programme = pools.programme_mix.pick(rng)
        since, fields, template = pools.programmes[programme]
        place = seat if i < 2 else builder.place()
        # at the seat the region's name, elsewhere the place's
        short, label = (reg.short, reg.label) if place is seat else (place.label, place.label)
        federation = genitive[builder.pick(builder.federations)] if "{federation}" in template else None
        name = template.format(federation=federation, short=short, label=label)
        start = rand_date(rng, since, date(2022, 12, 31))
        org(builder, "FundedStructure", name, place, programme=programme, fields=fields,
            languages=rng.sample(COMMON_LANGUAGES, rng.randint(1, 4)), start=start)


def _msos(builder: RegionBuilder):
    """Migrant organisations: "Deutsch-Türkischer Elternverein Lünen e.V."."""
    pools, rng, reg = builder.pools, builder.rng, builder.reg
    for _ in range(builder.count("MigrantOrganisation")):
        stem, langs, origin = pools.mso.pick(rng)
        noun, gender, noun_fields, stages = pools.mso_nouns.pick(rng)
        place = builder.place()
        where = place.label if (reg.is_kreis or rng.random() < 0.4) else place.city
        name = f"{stem}{_ENDINGS[gender]} {noun} {where} e.V."
        if langs is None:
            langs = tuple(rng.sample(COMMON_LANGUAGES, rng.randint(2, 4)))
        builder.languages_seen.update(langs)
        fields = list(noun_fields)
        if rng.random() < 0.6:
            fields.append("sprachliche_interkulturelle_bildung")
        org(builder, "MigrantOrganisation", name, place, languages=langs, fields=fields,
            stages=stages, website=rng.random() < 0.55, origin=origin)


def _schools(builder: RegionBuilder):
    pools, rng = builder.pools, builder.rng
    lv = "LVR" if builder.reg.ags[2:3] in ("1", "3") else "LWL"  # Rhineland or Westphalia
    for _ in range(builder.count("School")):
        form, gender, stages = pools.school_forms.pick(rng)
        place = builder.place()
        namesake = builder.pick(pools.namesakes)
        r = rng.random()  # chooses the name and the extra field
        names = pools.school_names.get(form, pools.school_names["*"])
        name = _name(builder, names.at(r), namesake=namesake, place=place.label, city=place.city,
                     form=form, ending=_ENDINGS[gender], lv=lv)
        fields = ["bildung", "sprachliche_interkulturelle_bildung"]
        if r < 0.2:
            fields.append("sport")
        elif r > 0.85:
            fields.append("kultur")
        org(builder, "School", name, place, fields=fields, stages=stages, school_form=form)


def _daycare(builder: RegionBuilder):
    pools, rng = builder.pools, builder.rng
    for _ in range(builder.count("Daycare")):
        place = builder.place()
        template = pools.daycare_names.pick(rng)
        name = _name(builder, template, kita=builder.pick(pools.kita_names))
        fields = ["erziehung_betreuung"]
        if rng.random() < 0.6:
            fields.append("sprachliche_interkulturelle_bildung")
        if rng.random() < 0.3:
            fields.append("bildung")
        org(builder, "Daycare", name, place, fields=fields, stages=("fruehe_bildung",),
            website=rng.random() < 0.5)


def _name(builder: RegionBuilder, template: str, **values) -> str:
    """The name template filled in; a placeholder not in values is drawn from its pool now."""
    pools = builder.pools
    draw = {
        "saint": lambda: builder.pick(pools.saints),
        "protestant": lambda: builder.pick(pools.protestant),
        "school_place": lambda: builder.pick(pools.school_places),
        "compound": lambda: builder.pick(pools.school_compounds),
        "street": lambda: builder.street().rsplit(" ", 1)[0],
    }
    for _, key, _, _ in string.Formatter().parse(template):
        if key and key not in values:
            values[key] = draw[key]()
    return template.format(**values)


def _education_providers(builder: RegionBuilder):
    rng, reg = builder.rng, builder.reg
    for _ in range(builder.count("EducationProvider")):
        template, fields, stages = builder.pick(builder.pools.partner_names["EducationProvider"])
        place = builder.seat if "{short}" in template else builder.place()
        name = template.format(city=place.city, short=reg.short, place=place.label)
        org(builder, "EducationProvider", name, place, fields=fields, stages=stages,
            languages=rng.sample(COMMON_LANGUAGES, rng.randint(0, 2)))


def _others(builder: RegionBuilder):
    """Authorities, coordination offices and other partners (libraries, clubs, parishes, ...)."""
    rng, reg, pools = builder.rng, builder.reg, builder.pools
    region_word = reg.label if reg.is_kreis else reg.city
    for type_ in ("Authority", "CoordinationOffice", "Other"):
        for _ in range(builder.count(type_)):
            template, fields, _ = builder.pick(pools.partner_names[type_])
            place = builder.seat if "{region}" in template else builder.place()
            # every value is drawn, whether the name uses it or not
            name = template.format(
                city=place.city, place=place.label, region=region_word, club=builder.pick(pools.sport_clubs),
                year=rng.randint(1880, 1990), kita=builder.pick(pools.kita_names),
                saint=builder.pick(pools.saints),
            )
            org(builder, type_, name, place, fields=fields, website=rng.random() < 0.7)
