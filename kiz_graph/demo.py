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
"""

from __future__ import annotations

import csv
import functools
import io
import random
import re
import string
import unicodedata
from bisect import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from typing import NamedTuple

__all__ = [
    "CORE_FIELDS",
    "FIELDS",
    "FILES",
    "ORGANISATION_TYPES",
    "RULES",
    "SCALES",
    "SHOWCASE_CENTRE",
    "STAGES",
    "TASKS",
    "count_relationships",
    "deliberate_gaps",
    "generate",
]

# --------------------------------------------------------------------------- vocabulary

FILES = (
    "centres",
    "organisations",
    "persons",
    "cooperations",
    "positions",
    "networks",
    "network_members",
    "offers",
)
RULES = tuple(f"KI-{i:02d}" for i in range(1, 14))
CORE_FIELDS = ("bildung", "erziehung_betreuung", "sprachliche_interkulturelle_bildung")
FIELDS = CORE_FIELDS + (
    "beschaeftigung",
    "kultur",
    "sport",
    "politische_partizipation",
    "buergerschaftliches_engagement",
    "gesundheit",
    "pflege_aelterer_menschen",
)
STAGES = (
    "fruehe_bildung",
    "primarstufe",
    "sekundarstufe_1",
    "sekundarstufe_2",
    "uebergang_ausbildung",
    "uebergang_studium",
)
TASKS = (
    "koordination_angebote",
    "netzwerke",
    "konzepte_projekte",
    "mitwirkung_beteiligung",
    "beratung_einrichtungen",
    "beratung_kinder_eltern",
    "ganztag",
    "integrationshilfen",
    "herkunftssprachlicher_unterricht",
    "elternarbeit",
    "lernmaterialien",
    "fortbildung",
    "veranstaltungen",
    "erfahrungstransfer",
)
ORGANISATION_TYPES = (
    "MigrantOrganisation",
    "WelfareAssociation",
    "BamfCoordinator",
    "FundedStructure",
    "SchoolSupervision",
    "SchoolAdministration",
    "YouthWelfare",
    "IntegrationCouncil",
    "School",
    "Daycare",
    "EducationProvider",
    "Authority",
    "CoordinationOffice",
    "Other",
)

#: scale name -> multiplier on the statewide per-type totals (seeds/demo/organisation_types.csv)
SCALES = {"demo": 0.1, "statewide": 1.0, "10x": 10.0}

SHOWCASE_CENTRE = "ki-05978"  # Kreis Unna
GRANTING_AUTHORITY = "bra-dez36"
LAST_DAY = date(2026, 6, 30)  # no generated date lies after this day ...
PLANNED_DAY = date(2027, 1, 1)  # ... except one planned BAMF cooperation (KI-09 gap)
KI11_DEADLINE = date(2013, 7, 31)
_GDPR_DAY = date(2018, 5, 25)
_STALE_BEFORE = date(2025, 11, 24)  # contacts before this day are older than 12 months

_DAY = timedelta(days=1)

_NRW_POPULATION = 17_950  # thousands

# Facts the project's seeds cite (seeds/centres.csv); the demo does not contradict them.
_RAA_KNOWN = {
    "ki-05112": True, "ki-05114": True, "ki-05314": True, "ki-05334": True,
    "ki-05334002": True, "ki-05374": False, "ki-05914": True, "ki-05978": True,
}
_RAA_DATE_KNOWN = {"ki-05114": date(2013, 8, 1), "ki-05334": date(2013, 7, 1)}
_OPENED_KNOWN = {"ki-05114": date(2013, 8, 1), "ki-05334": date(2013, 7, 1)}
_LATE_CENTRES = {  # applied between, opened between
    "ki-05558": ((date(2015, 2, 1), date(2015, 6, 30)), (date(2015, 9, 1), date(2015, 12, 15))),
    "ki-05566": ((date(2015, 9, 1), date(2015, 12, 31)), (date(2016, 7, 1), date(2016, 7, 1))),
}
_KREFELD = "ki-05114"

# Regions with a Jewish community that runs welfare work (ZWST) in the demo.
_ZWST_REGIONS = (
    "05111", "05112", "05113", "05114", "05116", "05124", "05314", "05315", "05334002",
    "05513", "05515", "05711", "05911", "05913", "05914", "05562", "05758", "05774", "05978",
)

# ----------------------------------------------------------------------------- profiles

# (rule, variant) slots handed out to centres; every rule twice (KI-03 three times).
_SLOTS = (
    ("KI-01", "no_concept"), ("KI-01", "not_agreed"),
    ("KI-02", "only_bildung"), ("KI-02", "only_querschnitt"),
    ("KI-03", "no_grant"), ("KI-03", "no_grant"), ("KI-03", "no_grant"),
    ("KI-04", "one_teacher"), ("KI-04", "grant_over"),
    ("KI-05", "same_profession"), ("KI-05", "no_deputy"),
    ("KI-06", "mso_ended"), ("KI-06", "mso_none"),
    ("KI-07", "funded_missing"), ("KI-07", "funded_none"),
    ("KI-08", "welfare_ended"), ("KI-08", "welfare_lapsed"),
    ("KI-09", "bamf_none"), ("KI-09", "bamf_planned"),
    ("KI-10", "late"), ("KI-10", "never"),
    ("KI-11", "raa_late"), ("KI-11", "raa_late"),
    ("KI-12", "core_missing"), ("KI-12", "core_missing"),
    ("KI-13", "stage_missing"), ("KI-13", "stage_missing"),
)
_VARIANTS = {}
for _rule, _variant in _SLOTS:
    _VARIANTS.setdefault(_rule, [])
    if _variant not in _VARIANTS[_rule]:
        _VARIANTS[_rule].append(_variant)
del _rule, _variant

# A short list of regions cannot spread every slot: no centre gets more than this many
# (the two "troubled" centres get two more on top).
_MAX_GAPS = 5

# KI-10 gaps pick one of these (welfare associations are involved via the regional branch)
_KI10_TYPES = ("SchoolSupervision", "SchoolAdministration", "YouthWelfare", "IntegrationCouncil")


@dataclass
class _Profile:
    centre_id: str
    gaps: dict = field(default_factory=dict)  # rule -> variant
    ki10_type: str | None = None
    missing_field: str | None = None
    missing_stage: str | None = None
    raa: bool = False
    raa_on: date | None = None


@dataclass
class _Region:
    ags: str
    name: str
    kind: str
    district: str
    is_kreis: bool
    centre_id: str
    city: str  # the city's name (cities) or the region's name (Kreise)
    label: str  # "Kreis Unna", "Dortmund", "Stadt Aachen"
    short: str  # "Unna", "Rhein-Erft", "Dortmund"
    acc: str  # "den Kreis Unna", "die Stadt Dortmund"
    gen: str  # "des Kreises Unna", "der Stadt Dortmund"
    dat: str  # "im Kreis Unna", "in der Stadt Dortmund"
    municipalities: list  # [(ags, name)]
    weight: float  # share of NRW's population


def _region(raw: dict, munis: list) -> _Region:
    ags = str(raw["ags"]).strip()
    name = str(raw["name"]).strip()
    kind = str(raw.get("kind") or "").strip()
    is_kreis = kind == "Kreis"
    if is_kreis:
        if name.startswith("StädteRegion"):
            acc, gen, dat, short = "die " + name, "der " + name, "in der " + name, name
        elif name.startswith("Kreis "):
            rest = name[6:]
            acc, gen, dat, short = "den " + name, "des Kreises " + rest, "im " + name, rest
        else:
            words = name.split(" ")
            if len(words) == 2 and words[1] == "Kreis" and words[0].endswith("er"):
                adj = words[0][:-2] + "en"  # Märkischer Kreis -> den Märkischen Kreis
                acc, gen, dat = f"den {adj} Kreis", f"des {adj} Kreises", f"im {adj} Kreis"
                short = name
            elif "Kreis " in name:  # Rhein-Kreis Neuss
                acc, gen, dat = "den " + name, "des " + name.replace("Kreis ", "Kreises ", 1), "im " + name
                short = name
            else:  # Rhein-Erft-Kreis, Hochsauerlandkreis
                acc, gen, dat = "den " + name, "des " + name + "es", "im " + name
                if name.endswith("-Kreis"):
                    short = name[:-6]
                elif name.endswith("kreis"):
                    short = name[:-5]
                else:
                    short = name
        city = name
        label = name
    else:
        city = name[6:] if name.startswith("Stadt ") else name
        label = name
        short = city
        acc, gen, dat = "die Stadt " + city, "der Stadt " + city, "in der Stadt " + city
    population = _pools().population
    if ags in population:
        pop = population[ags]
    else:
        pop = 200 if not is_kreis else max(100, 30 * len(munis))
    return _Region(
        ags=ags, name=name, kind=kind, district=str(raw.get("district") or ""),
        is_kreis=is_kreis, centre_id="ki-" + ags, city=city, label=label, short=short,
        acc=acc, gen=gen, dat=dat, municipalities=munis, weight=pop / _NRW_POPULATION,
    )


def _regions(regions, municipalities=()) -> list[_Region]:
    by_region: dict[str, list] = {}
    for m in municipalities:
        by_region.setdefault(str(m["region"]).strip(), []).append(
            (str(m["ags"]).strip(), str(m["name"]).strip())
        )
    out = []
    seen = {}
    for raw in regions:
        ags = str(raw["ags"]).strip()
        if ags in seen:
            raise ValueError(f"regions: duplicate ags {ags!r}")
        seen[ags] = True
        munis = sorted(by_region.get(ags, []))
        out.append(_region(raw, munis))
    out.sort(key=lambda r: r.ags)
    return out


def _compatible(reg: _Region, prof: _Profile, rule: str, variant: str) -> bool:
    gaps = prof.gaps
    if rule in gaps:
        return False
    if rule == "KI-02" and gaps.get("KI-01") == "no_concept":
        return False
    if variant == "no_concept" and "KI-02" in gaps:
        return False
    if variant == "not_agreed" and not reg.is_kreis:
        return False
    if rule == "KI-11" and reg.centre_id in _RAA_KNOWN:
        return False  # what is known about its RAA stays true (Krefeld is set apart)
    return True


def _profiles(regs: list[_Region], seed) -> dict[str, _Profile]:
    rng = random.Random(f"kiz-demo-profiles:{seed}")
    profiles = {r.centre_id: _Profile(r.centre_id) for r in regs}
    fixed = []
    if SHOWCASE_CENTRE in profiles:  # rich, one Pflicht gap and one Soll gap
        profiles[SHOWCASE_CENTRE].gaps = {"KI-07": "funded_missing", "KI-13": "stage_missing"}
        profiles[SHOWCASE_CENTRE].missing_stage = "uebergang_studium"
        fixed.append(SHOWCASE_CENTRE)
    if _KREFELD in profiles:  # RAA became the KI on 2013-08-01: one day late
        profiles[_KREFELD].gaps = {"KI-11": "raa_late"}
        fixed.append(_KREFELD)
    others = [r for r in regs if r.centre_id not in fixed]
    rng.shuffle(others)
    n_gap = max(0, max(1, round(len(regs) * 0.5)) - len(fixed))
    gap_regs, complete_regs = others[:n_gap], others[n_gap:]

    def assign(rule: str, variant: str, pool: list[_Region]) -> bool:
        best = None
        for i, reg in enumerate(pool):
            prof = profiles[reg.centre_id]
            if len(prof.gaps) >= _MAX_GAPS or not _compatible(reg, prof, rule, variant):
                continue
            key = (len(prof.gaps), i)
            if best is None or key < best[0]:
                best = (key, prof)
        if best is None:
            return False
        best[1].gaps[rule] = variant
        if variant == "no_concept":
            best[1].gaps["KI-02"] = "no_concept"
        return True

    for rule, variant in _SLOTS:
        if not assign(rule, variant, gap_regs) and variant == "not_agreed":
            assign(rule, "no_concept", gap_regs)
    # two "troubled" centres miss two rules more: outliers for the statewide view
    for reg in gap_regs[:2]:
        prof = profiles[reg.centre_id]
        for _ in range(2):
            options = [
                (rule, variant)
                for rule in RULES
                for variant in _VARIANTS[rule]
                if _compatible(reg, prof, rule, variant)
            ]
            if options:
                rule, variant = options[rng.randrange(len(options))]
                prof.gaps[rule] = variant
                if variant == "no_concept":
                    prof.gaps["KI-02"] = "no_concept"

    # details, drawn in a fixed order
    exact_deadline_done = False
    for reg in regs:
        prof = profiles[reg.centre_id]
        if "KI-10" in prof.gaps:
            prof.ki10_type = _KI10_TYPES[rng.randrange(len(_KI10_TYPES))]
        if "KI-12" in prof.gaps:
            prof.missing_field = CORE_FIELDS[rng.randrange(len(CORE_FIELDS))]
        if "KI-13" in prof.gaps and prof.missing_stage is None:
            prof.missing_stage = STAGES[rng.randrange(len(STAGES))]
        known = _RAA_KNOWN.get(reg.centre_id)
        draw = rng.random()
        if "KI-11" in prof.gaps:
            prof.raa = True
        elif known is not None:
            prof.raa = known
        elif reg.centre_id in _LATE_CENTRES:
            prof.raa = False
        else:
            prof.raa = draw < (0.55 if not reg.is_kreis else 0.35)
    # one complete centre integrated its RAA on the deadline itself (met, day included)
    for reg in complete_regs:
        prof = profiles[reg.centre_id]
        if (
            not exact_deadline_done
            and _RAA_KNOWN.get(reg.centre_id) is None
            and reg.centre_id not in _LATE_CENTRES
        ):
            prof.raa = True
            prof.raa_on = KI11_DEADLINE
            exact_deadline_done = True
    return profiles


def deliberate_gaps(regions, seed=1) -> dict[str, list[str]]:
    """The rules each centre is designed to miss (``not_met`` or ``unknown``).

    Parameters
    ----------
    regions : list of dict
        The regions as given to :func:`generate` (only ``ags``, ``name`` and ``kind``
        are used).
    seed : int or str
        The seed given to :func:`generate`.

    Returns
    -------
    dict
        Centre id -> sorted list of rule ids (empty for a complete centre), for every
        region, in order of the region key. The design is the same at every scale.
    """
    regs = _regions(regions)
    profiles = _profiles(regs, seed)
    return {r.centre_id: sorted(profiles[r.centre_id].gaps) for r in regs}


# -------------------------------------------------------------------------------- pools

_TRANSLIT = str.maketrans(
    {
        "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue",
        "ı": "i", "İ": "i", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "æ": "ae", "ø": "o",
        "–": "-",
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    text = text.translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", text.lower()).strip("-")


def _domain(name: str, limit: int = 42) -> str:
    for suffix in (" e.V.", " gGmbH", " GmbH"):
        name = name.replace(suffix, "")
    slug = _slug(name)
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug + ".example"


def _read_text(name: str) -> str:
    return (resources.files("seeds") / "demo" / name).read_text(encoding="utf-8")


def _read_lines(name: str) -> tuple:
    return tuple(
        line.strip()
        for line in _read_text(name).splitlines()
        if line.strip() and not line.startswith("#")
    )


def _read_csv(name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(_read_text(name))))


def _split(cell: str) -> tuple:
    """A `|`-separated list cell; empty -> ()."""
    return tuple(x for x in cell.split("|") if x)


def _by_key(rows, key: str, value) -> dict:
    """key -> tuple of value(row), in the order of the rows."""
    out: dict = {}
    for row in rows:
        out.setdefault(row[key], []).append(value(row))
    return {k: tuple(v) for k, v in out.items()}


class _OfferTemplate(NamedTuple):
    title: str
    task: str | None
    fields: tuple
    stages: tuple | None  # None: the providing school's own stages
    target_group: str  # may hold {language}
    languages: str | None  # "multi", "hsu", "own" or None


class _NetworkTemplate(NamedTuple):
    name: str
    topic: str
    members: tuple  # organisation types
    region_wide: bool


@dataclass(frozen=True)
class _Pools:
    origins: _Weighted  # origin keys
    origin_languages: dict  # origin -> tuple of language codes
    given: dict  # (origin, gender) -> tuple of (name, slug)
    surnames: dict  # origin -> tuple of (male, female, male slug, female slug)
    mso: _Weighted  # (stem, languages or None, person origin or None)
    mso_nouns: _Weighted  # (noun, gender, fields, stages)
    streets: tuple
    kita_names: tuple
    saints: tuple
    protestant: tuple
    namesakes: tuple
    school_places: tuple
    school_compounds: tuple
    sport_clubs: tuple
    population: dict  # region ags -> thousands
    type_totals: dict  # organisation type -> statewide number at scale 1.0
    type_minimum: dict  # organisation type -> at least this many per region
    persons_per_org: dict  # organisation type -> mean number of contacts
    functions: dict  # organisation type -> ((female, male), ...), the head first
    school_forms: _Weighted  # (form, gender, stages)
    school_names: dict  # form ("*": any other) -> _Weighted name templates
    daycare_names: _Weighted  # name templates
    welfare: tuple  # (federation, genitive, branch name, branch name in a city)
    welfare_services: dict  # federation -> local service names
    programmes: dict  # programme -> (since, fields, name)
    programme_mix: _Weighted  # programme keys
    partner_names: dict  # organisation type -> ((name, fields, stages), ...)
    centre_offers: tuple  # every centre's offers
    centre_extra_offers: tuple
    org_offers: dict  # organisation type -> offer templates
    networks: tuple
    partner_cooperations: _Weighted  # (from type, to type, form, fields)
    notes: tuple


def _cumulative(weights) -> tuple:
    total, out = 0.0, []
    for w in weights:
        total += float(w)
        out.append(total)
    return tuple(out)


class _Weighted:
    """Items drawn by weight: one ``rng.random()``, found in the running totals of the weights."""

    def __init__(self, items, weights):
        self.items = tuple(items)
        self.totals = _cumulative(weights)

    def pick(self, rng: random.Random):
        return self.at(rng.random())

    def at(self, share: float):
        """The item at ``share`` (0 <= share < 1) of the total weight."""
        return self.items[bisect(self.totals, share * self.totals[-1])]


def _weighted(rows, item) -> _Weighted:
    """CSV rows with a ``weight`` column, drawn as item(row)."""
    return _Weighted((item(r) for r in rows), (r["weight"] for r in rows))


def _offer(row: dict) -> _OfferTemplate:
    return _OfferTemplate(
        row["title"], row["task"] or None, _split(row["fields"]),
        None if row["stages"] == "school" else _split(row["stages"]),
        row["target_group"], row["languages"] or None,
    )


@functools.lru_cache(maxsize=1)
def _pools() -> _Pools:
    origins_rows = _read_csv("origins.csv")
    given: dict = {}
    for r in _read_csv("given_names.csv"):
        given.setdefault((r["origin"], r["gender"]), []).append((r["name"], _slug(r["name"])))
    surnames: dict = {}
    for r in _read_csv("surnames.csv"):
        male = r["male"]
        female = r["female"] or male
        surnames.setdefault(r["origin"], []).append((male, female, _slug(male), _slug(female)))
    mso_rows = _read_csv("mso_origins.csv")
    nouns = _read_csv("mso_nouns.csv")
    types = _read_csv("organisation_types.csv")
    programmes = _read_csv("funded_structures.csv")
    offers = _read_csv("offers.csv")
    return _Pools(
        origins=_weighted(origins_rows, lambda r: r["origin"]),
        origin_languages={
            r["origin"]: tuple(x for x in r["languages"].split("|") if x) for r in origins_rows
        },
        given={k: tuple(v) for k, v in given.items()},
        surnames={k: tuple(v) for k, v in surnames.items()},
        mso=_weighted(
            mso_rows,
            lambda r: (
                r["stem"],
                None if r["languages"] == "*" else tuple(r["languages"].split("|")),
                None if r["person_origin"] == "*" else r["person_origin"],
            ),
        ),
        mso_nouns=_weighted(nouns, lambda r: (r["noun"], r["gender"], _split(r["fields"]), _split(r["stages"]))),
        streets=_read_lines("streets.txt"),
        kita_names=_read_lines("kita_names.txt"),
        saints=_read_lines("saints.txt"),
        protestant=_read_lines("protestant_names.txt"),
        namesakes=_read_lines("school_namesakes.txt"),
        school_places=_read_lines("school_places.txt"),
        school_compounds=_read_lines("school_compounds.txt"),
        sport_clubs=_read_lines("sport_clubs.txt"),
        population={r["ags"]: int(r["population"]) for r in _read_csv("populations.csv")},
        type_totals={r["type"]: int(r["statewide"]) for r in types if r["statewide"]},
        type_minimum={r["type"]: int(r["minimum"]) for r in types if r["minimum"]},
        persons_per_org={r["type"]: float(r["persons"]) for r in types},
        functions=_by_key(_read_csv("functions.csv"), "type", lambda r: (r["female"], r["male"])),
        school_forms=_weighted(_read_csv("school_forms.csv"), lambda r: (r["form"], r["gender"], _split(r["stages"]))),
        school_names={
            form: _weighted(rows, lambda r: r["name"])
            for form, rows in _by_key(_read_csv("school_names.csv"), "form", lambda r: r).items()
        },
        daycare_names=_weighted(_read_csv("daycare_names.csv"), lambda r: r["name"]),
        welfare=tuple(
            (r["federation"], r["genitive"], r["branch"], r["city_branch"] or r["branch"])
            for r in _read_csv("welfare_associations.csv")
        ),
        welfare_services=_by_key(_read_csv("welfare_services.csv"), "federation", lambda r: r["name"]),
        programmes={
            r["programme"]: (date.fromisoformat(r["since"]), _split(r["fields"]), r["name"]) for r in programmes
        },
        programme_mix=_weighted(programmes, lambda r: r["programme"]),
        partner_names=_by_key(
            _read_csv("partner_names.csv"), "type", lambda r: (r["name"], _split(r["fields"]), _split(r["stages"]))
        ),
        centre_offers=tuple(_offer(r) for r in offers if r["provider"] == "centre"),
        centre_extra_offers=tuple(_offer(r) for r in offers if r["provider"] == "centre-extra"),
        org_offers=_by_key((r for r in offers if not r["provider"].startswith("centre")), "provider", _offer),
        networks=tuple(
            _NetworkTemplate(r["name"], r["topic"], _split(r["members"]), r["region_wide"] == "yes")
            for r in _read_csv("networks.csv")
        ),
        partner_cooperations=_weighted(
            _read_csv("partner_cooperations.csv"), lambda r: (r["from"], r["to"], r["form"], _split(r["fields"]))
        ),
        notes=_read_lines("cooperation_notes.txt"),
    )


# ------------------------------------------------------------------------ static tables

_LANGUAGE_NAMES = {
    "tr": "Türkisch", "ar": "Arabisch", "ru": "Russisch", "pl": "Polnisch", "uk": "Ukrainisch",
    "el": "Griechisch", "it": "Italienisch", "ku": "Kurdisch", "fa": "Persisch", "es": "Spanisch",
    "pt": "Portugiesisch", "bs": "Bosnisch", "hr": "Kroatisch", "sr": "Serbisch",
    "sq": "Albanisch", "ro": "Rumänisch", "bg": "Bulgarisch", "prs": "Dari", "ps": "Paschtu",
    "en": "Englisch", "fr": "Französisch", "so": "Somali", "ti": "Tigrinya",
}
_HSU_LANGUAGES = ("tr", "ar", "ru", "pl", "it", "el", "ku", "uk", "es", "pt", "fa", "sq", "bs")
_COMMON_LANGUAGES = ("tr", "ar", "ru", "pl", "uk", "ku", "fa", "ro", "bg", "el", "it", "sq")

_STAFF_FUNCTIONS = {
    "teacher": ("Lehrkraft (abgeordnet)", "Lehrkraft (abgeordnet)"),
    "educator": ("Pädagogische Fachkraft", "Pädagogische Fachkraft"),
    "administration": ("Verwaltungsfachkraft", "Verwaltungsfachkraft"),
    "assistant": ("Assistenz", "Assistenz"),
}

_OFFER_PROVIDERS = _Weighted(
    ("MigrantOrganisation", "WelfareAssociation", "EducationProvider", "Daycare", "School", "FundedStructure", "Other"),
    (3, 2, 2, 3, 3, 1, 1),
)

# Fields of the regional structures the builder makes by name.
_ORG_FIELDS = {
    "SchoolSupervision": ("bildung",),
    "SchoolAdministration": ("bildung",),
    "YouthWelfare": ("bildung", "erziehung_betreuung"),
    "IntegrationCouncil": ("politische_partizipation", "buergerschaftliches_engagement"),
    "BamfCoordinator": ("sprachliche_interkulturelle_bildung", "beschaeftigung"),
}

# Weights of a few choices in per mille: tenths of a percent keep the draws of the former
# thresholds (0.35, 0.6, ...) exactly, down to the last bit of the random number.
_CONSENT = _Weighted(("public", "internal", "none"), (400, 400, 200))
_LEAD_PROFESSION = _Weighted(("teacher", "educator", "administration"), (450, 400, 150))
_COOPERATION_FORMS = _Weighted(("Kooperationsvereinbarung", "Netzwerk", "Projekt", "informell"), (350, 250, 200, 200))

_ENDINGS = {"m": "er", "f": "e", "n": "es"}  # of an adjective before a noun of that gender

_CITY_QUARTERS = ("Mitte", "Nord", "Süd", "Ost", "West", "Innenstadt")

_ROMAN = ("II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _roman(n: int) -> str:
    if n - 2 < len(_ROMAN):
        return _ROMAN[n - 2]
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in values:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


# ------------------------------------------------------------------------------ builder


@dataclass
class _Place:
    ags: str | None
    city: str
    label: str
    postcode: int
    span: int
    area: str


def _rand_date(rng: random.Random, lo: date, hi: date) -> date:
    if hi <= lo:
        return lo
    return date.fromordinal(rng.randint(lo.toordinal(), hi.toordinal()))


def _early_date(rng: random.Random, lo: date, hi: date) -> date:
    """A day between lo and hi, more often early than late."""
    if hi <= lo:
        return lo
    span = hi.toordinal() - lo.toordinal()
    return date.fromordinal(lo.toordinal() + int(span * rng.random() ** 1.6))


def _filtered(values, missing):
    return [v for v in values if v != missing]


class _RegionBuilder:
    """Builds everything of one region; appends records to the shared output lists."""

    def __init__(self, reg: _Region, prof: _Profile, centre: dict, scale: float, seed,
                 scale_name: str, out: dict, schulnummern: dict):
        self.reg = reg
        self.prof = prof
        self.centre = centre
        self.factor = scale
        self.out = out
        self.schulnummern = schulnummern
        self.pools = _pools()
        self.rng = random.Random(f"kiz-demo:{seed}:{scale_name}:{reg.ags}")
        self.names: dict = {}
        self.orgs: list = []
        self.by_type: dict = {t: [] for t in ORGANISATION_TYPES}
        self.n_org = 0
        self.n_person = 0
        self.coop_keys: dict = {}
        self.showcase = reg.centre_id == SHOWCASE_CENTRE
        self.boost = 1.4 if self.showcase else 1.0
        self.languages_seen: dict = {}
        self._meta: dict = {}  # org id -> (place, domain, start, person origin)
        self.n_offer = 0
        self._places()

    # --------------------------------------------------------------- places & names
    def _places(self):
        rng, reg = self.rng, self.reg
        digit = reg.ags[2] if len(reg.ags) > 2 else "9"
        ranges = {
            "1": ((40000, 47999),), "3": ((50000, 53999),), "5": ((45000, 49999),),
            "7": ((32000, 33999),), "9": ((44000, 45999), (57000, 59999)),
        }.get(digit, ((40000, 59999),))
        prefix = "05" if digit == "7" else "02"
        places, weights = [], []
        if reg.is_kreis and reg.municipalities:
            seat_word = reg.short.split(" ")[-1]
            for ags, name in reg.municipalities:
                lo, hi = ranges[rng.randrange(len(ranges))]
                pc = rng.randint(lo, hi - 10)
                area = prefix + str(rng.randint(100, 999))
                places.append(_Place(ags, name, name, pc, rng.randint(0, 3), area))
                w = rng.lognormvariate(0.0, 0.6)
                if name == seat_word or name.split(" ")[0] == seat_word:
                    w *= 3.0
                weights.append(w)
            seat_index = max(range(len(places)), key=lambda i: (weights[i], -i))
        else:
            city_ags = reg.municipalities[0][0] if reg.municipalities else None
            city = reg.city
            lo, hi = ranges[rng.randrange(len(ranges))]
            base = rng.randint(lo, hi - 400)
            area = prefix + str(rng.randint(10, 99))
            places.append(_Place(city_ags, city, city, base, 40, area))
            weights.append(4.0)
            for i, quarter in enumerate(_CITY_QUARTERS):
                places.append(
                    _Place(city_ags, city, f"{city}-{quarter}", base + 50 * (i + 1), 40, area)
                )
                weights.append(1.0)
            seat_index = 0
        self.places = places
        self.place_weights = _Weighted(places, weights)
        self.seat = places[seat_index]

    def place(self) -> _Place:
        return self.place_weights.pick(self.rng)

    def street(self) -> str:
        streets = self.pools.streets
        return f"{streets[self.rng.randrange(len(streets))]} {self.rng.randint(1, 140)}"

    def unique(self, base: str, place: _Place, street: str) -> str:
        names = self.names
        if base not in names:
            names[base] = True
            return base
        core, suffix = (base[:-5], " e.V.") if base.endswith(" e.V.") else (base, "")
        if place.city not in core and place.label not in core:
            cand = f"{core} {place.label}{suffix}"
            if cand not in names:
                names[cand] = True
                return cand
            core = f"{core} {place.label}"
        elif not self.reg.is_kreis and place.city in core and f"{place.city}-" not in core:
            for quarter in _CITY_QUARTERS:  # "Volkshochschule Dortmund" -> "... Dortmund-Nord"
                cand = core.replace(place.city, f"{place.city}-{quarter}", 1) + suffix
                if cand not in names:
                    names[cand] = True
                    return cand
        street_name = street.rsplit(" ", 1)[0]
        cand = f"{core} ({street_name}){suffix}"
        if cand not in names:
            names[cand] = True
            return cand
        n = 2
        while True:
            cand = f"{core} {_roman(n)}{suffix}"
            if cand not in names:
                names[cand] = True
                return cand
            n += 1

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    # ----------------------------------------------------------------- organisations
    def org(self, type_: str, base: str, place: _Place, *, federation=None, programme=None,
            languages=(), fields=(), stages=(), school_form=None, website=True, start=None,
            extra=None) -> dict:
        rng = self.rng
        street = self.street()
        name = self.unique(base, place, street)
        self.n_org += 1
        oid = f"org-{self.reg.ags}-{self.n_org:05d}"
        domain = _domain(name)
        schulnummer = None
        email = f"info@{domain}"
        if type_ == "School":
            while True:
                nr = str(rng.randint(100000, 199999) if rng.random() < 0.6 else rng.randint(100000, 999999))
                if nr not in self.schulnummern:
                    self.schulnummern[nr] = True
                    break
            schulnummer = nr
            email = f"{nr}@schule.example"
        rec = {
            "id": oid,
            "name": name,
            "type": type_,
            "region": self.reg.ags,
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
            "website": f"https://www.{domain}" if website else None,
            "schulnummer": schulnummer,
            "school_form": school_form,
        }
        self.out["organisations"].append(rec)
        self.orgs.append(rec)
        self.by_type[type_].append(rec)
        self._meta[oid] = (place, domain, start, extra)
        return rec

    def count(self, type_: str) -> int:
        n = round(self.pools.type_totals[type_] * self.factor * self.reg.weight * self.boost)
        minimum = self.pools.type_minimum[type_]
        if type_ == "FundedStructure" and self.showcase:
            minimum = 4
        return max(minimum, n)

    def build_organisations(self):
        reg, rng, seat = self.reg, self.rng, self.seat
        # the five regional structures
        self.org("SchoolSupervision", f"Schulamt für {reg.acc}", seat,
                 fields=_ORG_FIELDS["SchoolSupervision"], stages=("primarstufe", "sekundarstufe_1"))
        if reg.is_kreis:
            admin = f"Schulverwaltung {reg.gen}"
            youth = f"Jugendamt {reg.gen}"
            council = f"Integrationsausschuss {reg.gen}"
        else:
            admin = f"Schulverwaltungsamt der Stadt {reg.city}"
            youth = f"Jugendamt der Stadt {reg.city}"
            council = f"Integrationsrat der Stadt {reg.city}"
        self.org("SchoolAdministration", admin, seat, fields=_ORG_FIELDS["SchoolAdministration"],
                 stages=STAGES[1:5])
        self.org("YouthWelfare", youth, seat, fields=_ORG_FIELDS["YouthWelfare"],
                 stages=("fruehe_bildung", "primarstufe", "sekundarstufe_1"))
        self.org("IntegrationCouncil", council, seat, fields=_ORG_FIELDS["IntegrationCouncil"],
                 website=False)
        self.org("BamfCoordinator", f"BAMF-Regionalkoordination für {reg.acc}", seat,
                 fields=_ORG_FIELDS["BamfCoordinator"], languages=("en",))
        # municipal offices of the kreisangehörige Gemeinden
        if reg.is_kreis:
            share = min(1.0, 0.25 * self.factor ** 0.6) if self.factor < 1 else 1.0
            for place in self.places:
                if rng.random() < share:
                    self.org("SchoolAdministration", f"Schulverwaltungsamt {place.city}", place,
                             fields=_ORG_FIELDS["SchoolAdministration"], stages=STAGES[1:4])
                if rng.random() < share * 0.45:
                    self.org("YouthWelfare", f"Jugendamt {place.city}", place,
                             fields=_ORG_FIELDS["YouthWelfare"],
                             stages=("fruehe_bildung", "primarstufe", "sekundarstufe_1"))
                if rng.random() < share * 0.5:
                    self.org("IntegrationCouncil", f"Integrationsrat {place.city}", place,
                             fields=_ORG_FIELDS["IntegrationCouncil"], website=False)
        self._welfare()
        if self.prof.gaps.get("KI-07") != "funded_none":
            self._funded()
        self._msos()
        self._schools()
        self._daycare()
        self._education_providers()
        self._others()

    def _welfare(self):
        reg, rng, seat = self.reg, self.rng, self.seat
        k = 3 + (reg.weight > 0.012) + (reg.weight > 0.02 or rng.random() < 0.3)
        associations = list(self.pools.welfare)
        rng.shuffle(associations)
        associations = sorted(associations[:k], key=self.pools.welfare.index)
        self.federations = [fed for fed, _, _, _ in associations]
        fields = ("erziehung_betreuung", "beschaeftigung", "buergerschaftliches_engagement",
                  "gesundheit", "pflege_aelterer_menschen")
        for fed, _, branch, city_branch in associations:
            name = (branch if reg.is_kreis else city_branch).format(
                short=reg.short, acc=reg.acc, dat=reg.dat, city=reg.city)
            n_fields = rng.randint(2, 4)
            self.org("WelfareAssociation", name, seat, federation=fed,
                     fields=rng.sample(fields, n_fields),
                     languages=rng.sample(_COMMON_LANGUAGES, rng.randint(0, 3)))
        if reg.ags in _ZWST_REGIONS:
            city = reg.city if not reg.is_kreis else seat.city
            self.org("WelfareAssociation", f"Jüdische Gemeinde {city}", seat, federation="ZWST",
                     fields=("kultur", "buergerschaftliches_engagement", "pflege_aelterer_menschen"),
                     languages=("ru", "uk"))
        for _ in range(self.count("WelfareAssociation")):
            fed = self.pick(self.federations)
            place = self.place()
            template = self.pick(self.pools.welfare_services[fed])
            self.org("WelfareAssociation", template.format(place=place.label), place, federation=fed,
                     fields=rng.sample(fields, rng.randint(1, 3)),
                     languages=rng.sample(_COMMON_LANGUAGES, rng.randint(0, 3)))

    def _funded(self):
        reg, rng, seat = self.reg, self.rng, self.seat
        genitive = {fed: of for fed, of, _, _ in self.pools.welfare}
        programmes = self.pools.programmes
        n = self.count("FundedStructure")
        for i in range(n):
            if i == 0:
                programme = "integrationsagentur"
            elif i == 1 and n >= 4:
                programme = "integration_point"
            else:
                programme = self.pools.programme_mix.pick(rng)
            since, fields, template = programmes[programme]
            place = seat if i < 2 else self.place()
            # at the seat the region's name, elsewhere the place's
            short, label = (reg.short, reg.label) if place is seat else (place.label, place.label)
            federation = genitive[self.pick(self.federations)] if "{federation}" in template else None
            name = template.format(federation=federation, short=short, label=label)
            start = _rand_date(rng, since, date(2022, 12, 31))
            self.org("FundedStructure", name, place, programme=programme,
                     fields=fields,
                     languages=rng.sample(_COMMON_LANGUAGES, rng.randint(1, 4)), start=start)

    def _msos(self):
        pools, rng, reg = self.pools, self.rng, self.reg
        for _ in range(self.count("MigrantOrganisation")):
            stem, langs, origin = pools.mso.pick(rng)
            noun, gender, noun_fields, stages = pools.mso_nouns.pick(rng)
            place = self.place()
            where = place.label if (reg.is_kreis or rng.random() < 0.4) else place.city
            name = f"{stem}{_ENDINGS[gender]} {noun} {where} e.V."
            if langs is None:
                langs = tuple(rng.sample(_COMMON_LANGUAGES, rng.randint(2, 4)))
            for lang in langs:
                self.languages_seen[lang] = True
            fields = list(noun_fields)
            if rng.random() < 0.6:
                fields.append("sprachliche_interkulturelle_bildung")
            self.org("MigrantOrganisation", name, place, languages=langs, fields=fields,
                     stages=stages, website=rng.random() < 0.55,
                     extra=origin)

    def _schools(self):
        pools, rng = self.pools, self.rng
        lv = "LVR" if self.reg.ags[2:3] in ("1", "3") else "LWL"  # Rhineland or Westphalia
        for _ in range(self.count("School")):
            form, gender, stages = pools.school_forms.pick(rng)
            place = self.place()
            namesake = self.pick(pools.namesakes)
            r = rng.random()  # chooses the name and the extra field
            names = pools.school_names.get(form, pools.school_names["*"])
            name = self._name(names.at(r), namesake=namesake, place=place.label, city=place.city,
                              form=form, ending=_ENDINGS[gender], lv=lv)
            fields = ["bildung", "sprachliche_interkulturelle_bildung"]
            if r < 0.2:
                fields.append("sport")
            elif r > 0.85:
                fields.append("kultur")
            self.org("School", name, place, fields=fields, stages=stages, school_form=form)

    def _daycare(self):
        pools, rng = self.pools, self.rng
        for _ in range(self.count("Daycare")):
            place = self.place()
            template = pools.daycare_names.pick(rng)
            name = self._name(template, kita=self.pick(pools.kita_names))
            fields = ["erziehung_betreuung"]
            if rng.random() < 0.6:
                fields.append("sprachliche_interkulturelle_bildung")
            if rng.random() < 0.3:
                fields.append("bildung")
            self.org("Daycare", name, place, fields=fields, stages=("fruehe_bildung",),
                     website=rng.random() < 0.5)

    def _name(self, template: str, **values) -> str:
        """The name template filled in; a placeholder not in values is drawn from its pool now."""
        pools = self.pools
        draw = {
            "saint": lambda: self.pick(pools.saints),
            "protestant": lambda: self.pick(pools.protestant),
            "school_place": lambda: self.pick(pools.school_places),
            "compound": lambda: self.pick(pools.school_compounds),
            "street": lambda: self.street().rsplit(" ", 1)[0],
        }
        for _, key, _, _ in string.Formatter().parse(template):
            if key and key not in values:
                values[key] = draw[key]()
        return template.format(**values)

    def _education_providers(self):
        rng, reg = self.rng, self.reg
        for _ in range(self.count("EducationProvider")):
            tmpl, fields, stages = self.pick(self.pools.partner_names["EducationProvider"])
            place = self.seat if "{short}" in tmpl else self.place()
            name = tmpl.format(city=place.city, short=reg.short, place=place.label)
            self.org("EducationProvider", name, place, fields=fields, stages=stages,
                     languages=rng.sample(_COMMON_LANGUAGES, rng.randint(0, 2)))

    def _others(self):
        rng, reg = self.rng, self.reg
        pools = self.pools
        region_word = reg.label if reg.is_kreis else reg.city
        for type_ in ("Authority", "CoordinationOffice", "Other"):
            for _ in range(self.count(type_)):
                tmpl, fields, _ = self.pick(pools.partner_names[type_])
                place = self.seat if "{region}" in tmpl else self.place()
                name = tmpl.format(
                    city=place.city, place=place.label, region=region_word, club=self.pick(pools.sport_clubs),
                    year=rng.randint(1880, 1990), kita=self.pick(pools.kita_names),
                    saint=self.pick(pools.saints),
                )
                self.org(type_, name, place, fields=fields, website=rng.random() < 0.7)

    # ----------------------------------------------------------------------- persons
    def person(self, org_id: str, domain: str, area: str, function_pair, origin=None) -> dict:
        rng, pools = self.rng, self.pools
        if origin is None or rng.random() < 0.15:
            origin = pools.origins.pick(rng)
        gender = "f" if rng.random() < 0.64 else "m"
        given_pool = pools.given[(origin, gender)]
        given, given_slug = given_pool[rng.randrange(len(given_pool))]
        sur = pools.surnames[origin]
        male, female, male_slug, female_slug = sur[rng.randrange(len(sur))]
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
        self.n_person += 1
        rec = {
            "id": f"per-{self.reg.ags}-{self.n_person:05d}",
            "name": f"{given} {surname}",
            "organisation_id": org_id,
            "function": function_pair[0 if gender == "f" else 1],
            "email": f"{given_slug}.{surname_slug}@{domain}",
            "phone": f"{area} 555-{rng.randint(0, 9999):04d}",
            "languages": langs,
            "consent": consent,
            "consent_date": None if consent == "none" else _rand_date(rng, _GDPR_DAY, LAST_DAY),
        }
        self.out["persons"].append(rec)
        return rec

    def build_persons(self):
        rng = self.rng
        for org in self.orgs:
            place, domain, _, origin = self._meta[org["id"]]
            type_ = org["type"]
            mean = self.pools.persons_per_org[type_]
            k = int(mean) + (rng.random() < mean - int(mean))
            functions = self.pools.functions[type_]
            for i in range(k):
                fn = functions[0] if i == 0 else functions[1 + rng.randrange(len(functions) - 1)]
                self.person(org["id"], domain, place.area,
                            fn, origin if type_ == "MigrantOrganisation" else None)

    # ---------------------------------------------------------------------- positions
    def build_positions(self):
        rng, prof, reg = self.rng, self.prof, self.reg
        gap4, gap5 = prof.gaps.get("KI-04"), prof.gaps.get("KI-05")
        posts = []  # [profession, fte, funding]
        if gap4 == "one_teacher":
            teachers = (1.0,)
        else:
            teachers = ((1.0, 1.0), (1.0, 1.0), (1.0, 1.0), (1.0, 0.5, 0.5), (1.0, 1.0, 0.5))[rng.randrange(5)]
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
        n_municipal = rng.randint(0, 2) + (reg.weight > 0.02) + (2 if self.showcase else 0)
        for _ in range(n_municipal):
            profession = "educator" if rng.random() < 0.7 else "administration"
            posts.append([profession, (1.0, 0.5, 0.75)[rng.randrange(3)], "municipal"])

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
                options = [p for p in ("teacher", "educator", "administration") if p != lead_prof]
                deputy = first(options[rng.randrange(2)])
        domain = _domain("ki-" + reg.label)
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
                person_id = self.person(reg.centre_id, domain, self.seat.area, fn)["id"]
            self.out["positions"].append({
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
            self.person(reg.centre_id, domain, self.seat.area,
                        ("Integrationsbeauftragte", "Integrationsbeauftragter"))

    # ------------------------------------------------------------------- cooperations
    def coop(self, from_id: str, to: dict, form: str, since: date, until=None, fields=(),
             note=None):
        rng = self.rng
        key = (from_id, to["id"], since)
        while key in self.coop_keys:
            since = since + _DAY
            key = (from_id, to["id"], since)
        if until is not None and until < since:
            until = since
        self.coop_keys[key] = True
        if since > LAST_DAY:
            last = None
        elif rng.random() < 0.08:
            last = None
        else:
            end = min(until or LAST_DAY, LAST_DAY)
            if rng.random() < 0.25 and since < _STALE_BEFORE:
                last = _rand_date(rng, since, min(end, _STALE_BEFORE - _DAY))
            else:
                last = _rand_date(rng, max(since, end - timedelta(days=300)), end)
        missing = self.prof.missing_field if from_id == self.reg.centre_id else None
        fields = [f for f in FIELDS if f in fields and f != missing]
        agreement = None
        if form == "Kooperationsvereinbarung" and since <= LAST_DAY:
            agreement = f"Kooperationsvereinbarung vom {since:%d.%m.%Y}"
        elif form == "Projekt" and rng.random() < 0.4:
            agreement = f"Projektvertrag {since.year}"
        if note is None and rng.random() < 0.12:
            note = self.pick(self.pools.notes)
        self.out["cooperations"].append({
            "from_id": from_id,
            "to_id": to["id"],
            "form": form,
            "since": since,
            "until": until,
            "fields": fields,
            "agreement": agreement,
            "last_contact": last,
            "note": note,
        })

    def _coop_fields(self, org: dict, extra=()) -> list:
        fields = list(org["fields"])
        rng = self.rng
        if len(fields) > 2:
            fields = rng.sample(fields, 2)
        for f in extra:
            if f not in fields:
                fields.append(f)
        return fields

    def _form(self):
        return _COOPERATION_FORMS.pick(self.rng)

    def build_cooperations(self):
        rng, reg, prof, centre = self.rng, self.reg, self.prof, self.centre
        cid = reg.centre_id
        gaps = prof.gaps
        applied = centre["applied_on"]
        opened = centre["opened_on"]
        concept = centre["concept_adopted_on"] or applied - timedelta(days=300)
        late_type = prof.ki10_type if gaps.get("KI-10") == "late" else None
        never_type = prof.ki10_type if gaps.get("KI-10") == "never" else None

        def since_after(lo=opened, hi=LAST_DAY - timedelta(days=20)):
            return _early_date(rng, max(lo, opened), hi)

        def ended(since):
            hi = LAST_DAY - timedelta(days=1)
            return _rand_date(rng, max(since, min(since + timedelta(days=180), hi)), hi)

        # KI-10: involved from the start (Beteiligung), one each of the main structures
        for type_ in _KI10_TYPES:
            if type_ == never_type:
                continue
            main = self.by_type[type_][0]
            if type_ == late_type:
                since = applied + timedelta(days=rng.randint(30, 500))
            else:
                since = _rand_date(rng, concept, applied)
            self.coop(cid, main, "Beteiligung", since, None,
                      self._coop_fields(main))
            if rng.random() < 0.6:  # later written agreements with the same office
                self.coop(cid, main, "Kooperationsvereinbarung", since_after(max(since, opened) + _DAY),
                          None, self._coop_fields(main))
            for other in self.by_type[type_][1:]:
                if rng.random() < 0.55:
                    self.coop(cid, other, self._form(), since_after(), None, self._coop_fields(other))

        # welfare associations (KI-08 and KI-10)
        welfare = self.by_type["WelfareAssociation"]
        gap8 = gaps.get("KI-08")
        branch = welfare[0]
        since = _rand_date(rng, concept, applied)
        until = None
        if gap8:
            until = _rand_date(rng, date(2015, 1, 1), date(2023, 12, 31))
        self.coop(cid, branch, "Beteiligung", since, until, self._coop_fields(branch))
        for org in welfare[1:]:
            if gap8 == "welfare_lapsed":
                break
            if gap8 == "welfare_ended":
                if rng.random() < 0.5:
                    s = since_after(hi=date(2021, 12, 31))
                    self.coop(cid, org, self._form(), s, ended(s), self._coop_fields(org))
                continue
            if rng.random() < 0.7:
                s = since_after()
                self.coop(cid, org, self._form(), s, ended(s) if rng.random() < 0.1 else None,
                          self._coop_fields(org))

        # BAMF (KI-09)
        bamf = self.by_type["BamfCoordinator"][0]
        gap9 = gaps.get("KI-09")
        if gap9 == "bamf_planned":
            self.coop(cid, bamf, "Kooperationsvereinbarung", PLANNED_DAY, None,
                      self._coop_fields(bamf), note="Vereinbarung unterschrieben, Beginn am 01.01.2027")
        elif gap9 is None:
            self.coop(cid, bamf, "Netzwerk" if rng.random() < 0.5 else "Kooperationsvereinbarung",
                      since_after(hi=date(2022, 12, 31)), None, self._coop_fields(bamf))

        # funded structures (KI-07): every one, except the deliberate gap
        funded = self.by_type["FundedStructure"]
        skip = None
        if gaps.get("KI-07") == "funded_missing" and funded:
            skip = funded[-1]["id"]
        for org in funded:
            start = self._meta[org["id"]][2] or opened
            if org["id"] == skip:
                if rng.random() < 0.5:
                    s = since_after(lo=start, hi=date(2020, 12, 31))
                    self.coop(cid, org, "Projekt", s, ended(s), self._coop_fields(org))
                continue
            if rng.random() < 0.2 and start < date(2019, 1, 1):  # history: an earlier project
                s = since_after(lo=start, hi=date(2018, 12, 31))
                e = ended(s)
                if e < LAST_DAY - timedelta(days=60):
                    self.coop(cid, org, "Projekt", s, e, self._coop_fields(org))
            self.coop(cid, org, self._form(), since_after(lo=start), None, self._coop_fields(org))

        # migrant organisations (KI-06)
        gap6 = gaps.get("KI-06")
        msos = self.by_type["MigrantOrganisation"]
        if gap6 != "mso_none":
            for i, org in enumerate(msos):
                if i > 0 and rng.random() > 0.85:
                    continue
                if gap6 == "mso_ended":
                    s = since_after(hi=date(2022, 12, 31))
                    self.coop(cid, org, self._form(), s, ended(s), self._coop_fields(org))
                    continue
                s = since_after()
                until = ended(s) if (i > 0 and rng.random() < 0.12) else None
                self.coop(cid, org, self._form(), s, until, self._coop_fields(org))

        # everyone else
        shares = {"School": 0.8, "Daycare": 0.5, "EducationProvider": 0.75, "Other": 0.55,
                  "Authority": 0.75, "CoordinationOffice": 0.9}
        for type_, share in shares.items():
            for org in self.by_type[type_]:
                if rng.random() < share:
                    s = since_after()
                    until = ended(s) if rng.random() < 0.12 else None
                    self.coop(cid, org, self._form(), s, until, self._coop_fields(org))
                    if until is not None and rng.random() < 0.35 and until < LAST_DAY - timedelta(days=60):
                        # taken up again later: history stays, a new cooperation starts
                        s2 = _rand_date(rng, until + timedelta(days=30), LAST_DAY - timedelta(days=20))
                        self.coop(cid, org, self._form(), s2, None, self._coop_fields(org))

    def build_org_cooperations(self):
        rng = self.rng
        n = round(len(self.orgs) * 0.38)
        for _ in range(n):
            a, b, form, fields = self.pools.partner_cooperations.pick(rng)
            froms, tos = self.by_type[a], self.by_type[b]
            if not froms or not tos:
                continue
            x, y = self.pick(froms), self.pick(tos)
            if x is y:
                continue
            if a == "School" and b == "Daycare" and x["school_form"] != "Grundschule":
                continue
            s = _early_date(rng, date(2010, 1, 1), LAST_DAY - timedelta(days=20))
            until = None
            if rng.random() < 0.12:
                until = _rand_date(rng, min(s + timedelta(days=120), LAST_DAY), LAST_DAY)
            self.coop(x["id"], y, form, s, until, fields)

    # ------------------------------------------------------------------------ networks
    def build_networks(self):
        rng, reg = self.rng, self.reg
        n_orgs = len(self.orgs)
        wanted = 3 + round(n_orgs / 75) + (3 if self.showcase else 0)
        templates = self.pools.networks
        combos = []
        local = [t for t in templates if not t.region_wide]
        order = list(range(len(templates)))
        rng.shuffle(order)
        for i in order:  # each template once for the whole region first
            combos.append((templates[i], None))
        for place in self.places:  # then local ones per municipality / quarter
            for t in local:
                combos.append((t, place))
        tail = combos[len(templates):]
        rng.shuffle(tail)
        combos = combos[: len(templates)] + tail
        wanted = min(wanted, 40, len(combos))
        total_members = round(n_orgs * 1.1 * self.boost)
        per = max(5, total_members // max(1, wanted))
        names: dict = {}
        for j, ((title, topic, types, _), place) in enumerate(combos[:wanted]):
            if place is None:
                name = title if rng.random() < 0.3 else f"{title} {reg.label}"
            else:
                name = f"{title} {place.label}"
            if name in names:
                continue
            names[name] = True
            nid = f"net-{reg.ags}-{len(names)}"
            self.out["networks"].append(
                {"id": nid, "name": name, "centre_id": reg.centre_id, "topic": topic}
            )
            start = _early_date(rng, max(self.centre["opened_on"], date(2013, 1, 1)), date(2024, 12, 31))
            candidates = [o for t in types for o in self.by_type[t]]
            if place is not None:
                near = [o for o in candidates if o["municipality"] == place.ags]
                if place.label != place.city:  # a city quarter: stay a sample
                    near = near[: max(1, len(near) // 3)]
                candidates = near if len(near) >= 5 else candidates
            k = min(len(candidates), max(4, round(per * rng.uniform(0.5, 1.5))))
            for org in rng.sample(candidates, k):
                s = _rand_date(rng, start, LAST_DAY - timedelta(days=10))
                until = None
                if rng.random() < 0.1:
                    until = _rand_date(rng, min(s + timedelta(days=90), LAST_DAY), LAST_DAY)
                self.out["network_members"].append(
                    {"network_id": nid, "organisation_id": org["id"], "since": s, "until": until}
                )

    # -------------------------------------------------------------------------- offers
    def _languages(self, mode, own=()):
        rng = self.rng
        if mode is None:
            return []
        if mode == "own":
            return list(own)
        pool = [x for x in _COMMON_LANGUAGES if x in self.languages_seen] or list(_COMMON_LANGUAGES)
        return rng.sample(pool, min(len(pool), rng.randint(2, 4)))

    def offer(self, provider_id, template, municipality, own_languages=(), stages_override=None):
        title, task, fields, stages, target, mode = template
        prof = self.prof
        if stages_override is not None:
            stages = stages_override
        fields = _filtered(fields, prof.missing_field)
        stages_f = _filtered(stages, prof.missing_stage)
        if stages and not stages_f:
            return None  # the offer would serve only the missing stage: not offered here
        if mode == "hsu":
            lang = self.pick(_HSU_LANGUAGES if not own_languages else own_languages)
            title = f"{title} {_LANGUAGE_NAMES.get(lang, lang)}"
            target = target.format(language=_LANGUAGE_NAMES.get(lang, lang))
            languages = [lang]
        else:
            languages = self._languages(mode, own_languages)
        self.n_offer += 1
        rec = {
            "id": f"off-{self.reg.ags}-{self.n_offer}",
            "title": title,
            "provider_id": provider_id,
            "task": task,
            "fields": [f for f in FIELDS if f in fields],
            "stages": [s for s in STAGES if s in stages_f],
            "languages": languages,
            "target_group": target,
            "municipality": municipality,
        }
        self.out["offers"].append(rec)
        return rec

    def build_offers(self):
        rng, reg = self.rng, self.reg
        cid = reg.centre_id
        offers = self.pools.centre_offers
        extra_offers = self.pools.centre_extra_offers
        for template in offers:
            self.offer(cid, template, None)
        n_orgs = len(self.orgs)
        extra = round(n_orgs * 0.05 * self.boost) + (8 if self.showcase else 0) + rng.randint(1, 4)
        for i in range(extra):
            template = extra_offers[i] if i < len(extra_offers) else self.pick(extra_offers + offers)
            municipality = None if rng.random() < 0.6 else self.place().ags
            self.offer(cid, template, municipality)
        for _ in range(round(n_orgs * 0.2)):
            type_ = _OFFER_PROVIDERS.pick(rng)
            providers = self.by_type[type_]
            if not providers:
                continue
            org = self.pick(providers)
            template = self.pick(self.pools.org_offers[type_])
            stages = org["stages"] if template.stages is None else None
            self.offer(org["id"], template, org["municipality"], tuple(org["languages"]), stages)


# ------------------------------------------------------------------------------ centres


def _centre_record(reg: _Region, prof: _Profile, seed) -> dict:
    rng = random.Random(f"kiz-demo-centre:{seed}:{reg.ags}")
    cid = reg.centre_id
    if cid in _LATE_CENTRES:
        (a_lo, a_hi), (o_lo, o_hi) = _LATE_CENTRES[cid]
        applied = _rand_date(rng, a_lo, a_hi)
        opened = _rand_date(rng, o_lo, o_hi)
    elif cid == SHOWCASE_CENTRE:  # recognised as KI at the turn of 2012/13
        applied = _rand_date(rng, date(2012, 6, 1), date(2012, 9, 30))
        opened = date(2013, 1, 1)
    else:
        applied = _rand_date(rng, date(2012, 6, 1), date(2013, 3, 31))
        opened = applied + timedelta(days=rng.randint(60, 240))
    if cid in _OPENED_KNOWN:
        opened = _OPENED_KNOWN[cid]
        if applied >= opened:
            applied = opened - timedelta(days=rng.randint(90, 200))
    raa_on = None
    if prof.raa:
        if cid in _RAA_DATE_KNOWN:
            raa_on = _RAA_DATE_KNOWN[cid]
        elif "KI-11" in prof.gaps:
            raa_on = opened if opened > KI11_DEADLINE else _rand_date(rng, KI11_DEADLINE + _DAY, date(2014, 7, 31))
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


# ---------------------------------------------------------------------------- interface


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
    factor = SCALES[scale]
    regs = _regions(regions, municipalities)
    profiles = _profiles(regs, seed)
    out: dict = {name: [] for name in FILES}
    schulnummern: dict = {}
    for reg in regs:
        prof = profiles[reg.centre_id]
        centre = _centre_record(reg, prof, seed)
        out["centres"].append(centre)
        builder = _RegionBuilder(reg, prof, centre, factor, seed, scale, out, schulnummern)
        builder.build_positions()
        builder.build_organisations()
        builder.build_persons()
        builder.build_cooperations()
        builder.build_org_cooperations()
        builder.build_networks()
        builder.build_offers()
    out["cooperations"] += _district_projects(regs, profiles, out["organisations"], seed)
    return out


#: The note of a cooperation across regions (see :func:`_district_projects`).
DISTRICT_PROJECT = "Bezirksweites Projekt"


def _district_projects(regs: list[_Region], profiles: dict, organisations: list[dict], seed) -> list[dict]:
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
