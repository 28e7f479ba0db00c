"""The demo's design for each rule of konzept-2012 (``shared/domain/model.md``): the
variants of missing it, which centres can take them, and the code that makes a centre's
records meet or miss it. One section per rule, in rule order.

``profiles`` hands the ``SLOTS`` out to centres and draws their details; the builders call
the functions below where they make the records (so the random draws keep the builders'
order). A centre without gaps goes through the same functions and meets every rule.
Their ``builder`` is the region's ``builder.RegionBuilder``, which imports this module (so
this one does not import it back).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from .draw import Weighted, pick, rand_date
from .regions import LATE_CENTRES, RAA_DATE_KNOWN, RAA_KNOWN, Region
from .vocabulary import CORE_FIELDS, DAY, GRANTING_AUTHORITY, LAST_DAY, STAGES

#: rule -> the variants of missing it, one centre each: every rule twice, KI-03 three times
SLOTS = {
    "KI-01": ("no_concept", "not_agreed"),
    "KI-02": ("only_bildung", "only_querschnitt"),
    "KI-03": ("no_grant",) * 3,
    "KI-04": ("one_teacher", "grant_over"),
    "KI-05": ("same_profession", "no_deputy"),
    "KI-06": ("mso_ended", "mso_none"),
    "KI-07": ("funded_missing", "funded_none"),
    "KI-08": ("welfare_ended", "welfare_lapsed"),
    "KI-09": ("bamf_none", "bamf_planned"),
    "KI-10": ("late", "never"),
    "KI-11": ("raa_late",) * 2,
    "KI-12": ("core_missing",) * 2,
    "KI-13": ("stage_missing",) * 2,
}


@dataclass
class Profile:
    """A centre's design: the rules it misses and the details of how."""

    centre_id: str
    gaps: dict = field(default_factory=dict)  # rule -> variant
    ki10_type: str | None = None  # KI-10: the structure involved late or never
    missing_field: str | None = None  # KI-12: the core field its work lacks
    missing_stage: str | None = None  # KI-13: the stage its offers lack
    raa: bool = False  # KI-11: an RAA preceded the centre ...
    raa_on: date | None = None  # ... and, if the design says so, was integrated on this day


def compatible(reg: Region, prof: Profile, rule: str, variant: str) -> bool:
    """Whether the centre can miss rule in this way on top of its other gaps."""
    if rule in prof.gaps:
        return False
    if variant == "no_concept" and "KI-02" in prof.gaps:  # KI-01: no_concept takes KI-02 too
        return False
    if variant == "not_agreed" and not reg.is_kreis:  # KI-01: only a Kreis has municipalities
        return False
    if rule == "KI-11" and reg.centre_id in RAA_KNOWN:
        return False  # what the seeds know about its RAA stays true (Krefeld is set apart)
    return True


def give(prof: Profile, rule: str, variant: str):
    prof.gaps[rule] = variant
    if variant == "no_concept":  # no concept, no topics
        prof.gaps["KI-02"] = "no_concept"


def draw_details(rng: random.Random, reg: Region, prof: Profile):
    """The details of a centre's gaps, and its RAA; drawn for every centre in this order."""
    if "KI-10" in prof.gaps:
        prof.ki10_type = pick(rng, KI10_TYPES)
    if "KI-12" in prof.gaps:
        prof.missing_field = pick(rng, CORE_FIELDS)
    if "KI-13" in prof.gaps and prof.missing_stage is None:
        prof.missing_stage = pick(rng, STAGES)
    prof.raa = raa_predecessor(reg, prof, rng.random())


# ------------------------------------------------------------ KI-01, KI-02: the concept
# KI-01: the council (Rat, Kreistag) adopted a concept; in a Kreis its municipalities agreed.
# KI-02: the concept covers both Bildung and Querschnitt.
#   no_concept                      no concept, so no topics either: misses KI-01 and KI-02
#   not_agreed                      a Kreis whose municipalities did not agree; where no
#                                   Kreis can take it, no_concept instead (FALLBACK)
#   only_bildung, only_querschnitt  one of the two topics

FALLBACK = {"not_agreed": "no_concept"}


def concept(rng: random.Random, reg: Region, prof: Profile, applied: date) -> dict:
    """The concept's fields of the centre's record."""
    gaps = prof.gaps
    adopted_on = applied - timedelta(days=rng.randint(30, 420))
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
        adopted_on, by, topics = None, None, []
        agreed = False if reg.is_kreis else None
    return {
        "concept_adopted_on": adopted_on,
        "concept_adopted_by": by,
        "concept_topics": topics,
        "municipalities_agreed": agreed,
    }


# --------------------------------------------------------------------- KI-03: the grant
# KI-03: the Bezirksregierung granted the centre's funding.
#   no_grant  no granting authority on record


def granted_by(prof: Profile) -> str | None:
    return None if "KI-03" in prof.gaps else GRANTING_AUTHORITY


# ---------------------------------------------------------------------- KI-04: the staff
# KI-04: at least two teachers seconded by the state, 2.0 FTE together, and at most
# 3.5 FTE paid from the state grant.
#   one_teacher  a single teacher with 1.0 FTE
#   grant_over   4.0 FTE from the grant


def state_posts(builder) -> list[list]:
    """The posts the state pays: [profession, fte, funding]."""
    rng, gap = builder.rng, builder.prof.gaps.get("KI-04")
    if gap == "one_teacher":
        teachers = (1.0,)
    else:
        teachers = builder.pick(((1.0, 1.0), (1.0, 1.0), (1.0, 1.0), (1.0, 0.5, 0.5), (1.0, 1.0, 0.5)))
    if gap == "grant_over":
        grant = [("educator", 1.0), ("educator", 1.0), ("educator", 0.5), ("administration", 1.0), ("assistant", 0.5)]
    else:
        grant = [("educator", 1.0), ("educator", 1.0), ("administration", 1.0)]
        if rng.random() < 0.8:
            grant.append(("assistant", 0.5))
    return ([["teacher", fte, "state_secondment"] for fte in teachers]
            + [[profession, fte, "state_grant"] for profession, fte in grant])


# ------------------------------------------------------------- KI-05: lead and deputy
# KI-05: one lead and at least one deputy, of different professions.
#   same_profession  lead and deputy are both educators
#   no_deputy        a lead only

_LEAD_PROFESSION = Weighted(("teacher", "educator", "administration"), (450, 400, 150))


def lead_and_deputy(builder, posts: list[list]) -> tuple:
    """The indexes of the lead's and the deputy's post (or None), among the state's posts."""
    gap = builder.prof.gaps.get("KI-05")

    def first(profession, skip=-1):
        for i, (post_profession, _, funding) in enumerate(posts):
            if post_profession == profession and i != skip and funding != "municipal":
                return i
        return None

    if gap == "same_profession":
        lead = first("educator")
        return lead, first("educator", skip=lead)
    lead_profession = _LEAD_PROFESSION.pick(builder.rng)
    lead = first(lead_profession)
    if gap == "no_deputy":
        return lead, None
    others = [p for p in ("teacher", "educator", "administration") if p != lead_profession]
    return lead, first(builder.pick(others))


# ---------------------------------------------------------- KI-06: migrant organisations
# KI-06: an active cooperation with a migrant organisation.
#   mso_ended  every cooperation with one has ended
#   mso_none   none ever


def migrant_organisation_cooperations(builder):
    rng, cid = builder.rng, builder.reg.centre_id
    gap = builder.prof.gaps.get("KI-06")
    if gap == "mso_none":
        return
    for i, org in enumerate(builder.by_type["MigrantOrganisation"]):
        if i > 0 and rng.random() > 0.85:
            continue
        if gap == "mso_ended":
            s = builder.since_after(hi=date(2022, 12, 31))
            builder.cooperation(cid, org, builder.form(), s, builder.ended(s), builder.coop_fields(org))
            continue
        s = builder.since_after()
        until = builder.ended(s) if (i > 0 and rng.random() < 0.12) else None
        builder.cooperation(cid, org, builder.form(), s, until, builder.coop_fields(org))


# -------------------------------------------------------------- KI-07: funded structures
# KI-07: an active cooperation with every state-funded structure of the region ("unknown"
# where the region has none).
#   funded_missing  the last funded structure is left out (at most an old project with it)
#   funded_none     the region has no funded structure: unknown


def has_funded_structures(prof: Profile) -> bool:
    return prof.gaps.get("KI-07") != "funded_none"


def funded_structure_cooperations(builder):
    rng, cid = builder.rng, builder.reg.centre_id
    coop, fields_of, since_after = builder.cooperation, builder.coop_fields, builder.since_after
    funded = builder.by_type["FundedStructure"]
    skip = None
    if builder.prof.gaps.get("KI-07") == "funded_missing" and funded:
        skip = funded[-1]["id"]
    for org in funded:
        start = builder.org_meta[org["id"]].start or builder.centre["opened_on"]
        if org["id"] == skip:
            if rng.random() < 0.5:
                s = since_after(lo=start, hi=date(2020, 12, 31))
                coop(cid, org, "Projekt", s, builder.ended(s), fields_of(org))
            continue
        if rng.random() < 0.2 and start < date(2019, 1, 1):  # history: an earlier project
            s = since_after(lo=start, hi=date(2018, 12, 31))
            e = builder.ended(s)
            if e < LAST_DAY - timedelta(days=60):
                coop(cid, org, "Projekt", s, e, fields_of(org))
        coop(cid, org, builder.form(), since_after(lo=start), None, fields_of(org))


# ------------------------------------------------------------ KI-08: welfare associations
# KI-08: an active cooperation with a welfare association. The regional branch is
# involved before the application (which KI-10 counts); the local services follow.
#   welfare_ended   the branch's involvement ended, and so did every other cooperation
#   welfare_lapsed  the branch's involvement ended, and there was no other


def welfare_cooperations(builder):
    rng, cid = builder.rng, builder.reg.centre_id
    coop, fields_of, since_after, ended = builder.cooperation, builder.coop_fields, builder.since_after, builder.ended
    gap = builder.prof.gaps.get("KI-08")
    branch, *services = builder.by_type["WelfareAssociation"]
    since = _involved_since(builder)
    until = rand_date(rng, date(2015, 1, 1), date(2023, 12, 31)) if gap else None
    coop(cid, branch, "Beteiligung", since, until, fields_of(branch))
    if gap == "welfare_lapsed":
        return
    for org in services:
        if gap == "welfare_ended":
            if rng.random() < 0.5:
                s = since_after(hi=date(2021, 12, 31))
                coop(cid, org, builder.form(), s, ended(s), fields_of(org))
            continue
        if rng.random() < 0.7:
            s = since_after()
            coop(cid, org, builder.form(), s, ended(s) if rng.random() < 0.1 else None, fields_of(org))


# ------------------------------------------------------------------------- KI-09: BAMF
# KI-09: an active cooperation with the BAMF's regional coordination.
#   bamf_none     none
#   bamf_planned  an agreement signed that starts on PLANNED_DAY, after the demo's LAST_DAY

PLANNED_DAY = date(2027, 1, 1)


def bamf_cooperation(builder):
    bamf = builder.by_type["BamfCoordinator"][0]
    gap = builder.prof.gaps.get("KI-09")
    cid = builder.reg.centre_id
    if gap == "bamf_planned":
        builder.cooperation(cid, bamf, "Kooperationsvereinbarung", PLANNED_DAY, None, builder.coop_fields(bamf),
                            note=f"Vereinbarung unterschrieben, Beginn am {PLANNED_DAY:%d.%m.%Y}")
    elif gap is None:
        builder.cooperation(cid, bamf, "Netzwerk" if builder.rng.random() < 0.5 else "Kooperationsvereinbarung",
                            builder.since_after(hi=date(2022, 12, 31)), None, builder.coop_fields(bamf))


# --------------------------------------------------------------- KI-10: involved early
# KI-10: school supervision, school administration, youth welfare, integration council and
# a welfare association were involved (Beteiligung) before the centre applied.
#   late   one of the four structures (Profile.ki10_type) only after the application
#   never  one of the four never
# The welfare association is the regional branch (KI-08's section).

KI10_TYPES = ("SchoolSupervision", "SchoolAdministration", "YouthWelfare", "IntegrationCouncil")


def _involved_since(builder) -> date:
    """A day between the concept (or 300 days before the application) and the application."""
    applied = builder.centre["applied_on"]
    concept_on = builder.centre["concept_adopted_on"] or applied - timedelta(days=300)
    return rand_date(builder.rng, concept_on, applied)


def involvement_cooperations(builder):
    """The structures' involvement, their later agreements, and their municipal offices."""
    rng, prof, cid = builder.rng, builder.prof, builder.reg.centre_id
    coop, fields_of, since_after = builder.cooperation, builder.coop_fields, builder.since_after
    gap = prof.gaps.get("KI-10")
    for type_ in KI10_TYPES:
        if gap == "never" and type_ == prof.ki10_type:
            continue
        main, *municipal = builder.by_type[type_]
        if gap == "late" and type_ == prof.ki10_type:
            since = builder.centre["applied_on"] + timedelta(days=rng.randint(30, 500))
        else:
            since = _involved_since(builder)
        coop(cid, main, "Beteiligung", since, None, fields_of(main))
        if rng.random() < 0.6:  # later written agreements with the same office
            later = since_after(max(since, builder.centre["opened_on"]) + DAY)
            coop(cid, main, "Kooperationsvereinbarung", later, None, fields_of(main))
        for other in municipal:
            if rng.random() < 0.55:
                coop(cid, other, builder.form(), since_after(), None, fields_of(other))


# ---------------------------------------------------------------------- KI-11: the RAA
# KI-11: a centre that an RAA preceded integrated it by KI11_DEADLINE (not applicable
# without an RAA). What the seeds know about a centre's RAA stays true; one complete
# centre integrates its RAA on the deadline itself (met: the day counts).
#   raa_late  integrated after the deadline (Krefeld: on 2013-08-01, the day after)

KI11_DEADLINE = date(2013, 7, 31)


def raa_predecessor(reg: Region, prof: Profile, draw: float) -> bool:
    """Whether an RAA preceded the centre; draw is a uniform number in [0, 1)."""
    if "KI-11" in prof.gaps:
        return True
    if reg.centre_id in RAA_KNOWN:
        return RAA_KNOWN[reg.centre_id]
    if reg.centre_id in LATE_CENTRES:
        return False
    return draw < (0.55 if not reg.is_kreis else 0.35)


def integrate_on_the_deadline(complete: list[Region], profiles: dict):
    """The first complete centre whose RAA is not known gets one, integrated on the deadline."""
    for reg in complete:
        if reg.centre_id not in RAA_KNOWN and reg.centre_id not in LATE_CENTRES:
            profiles[reg.centre_id].raa = True
            profiles[reg.centre_id].raa_on = KI11_DEADLINE
            return


def raa_integrated_on(rng: random.Random, reg: Region, prof: Profile, opened: date) -> tuple:
    """(the day the RAA became part of the centre or None, the day the centre opened)"""
    cid = reg.centre_id
    if not prof.raa:
        return None, opened
    if cid in RAA_DATE_KNOWN:
        return RAA_DATE_KNOWN[cid], opened
    if "KI-11" in prof.gaps:
        late = opened if opened > KI11_DEADLINE else rand_date(rng, KI11_DEADLINE + DAY, date(2014, 7, 31))
        return late, opened
    if prof.raa_on is not None:  # the centre opened with its RAA at the latest
        return prof.raa_on, min(opened, prof.raa_on)
    return min(opened, KI11_DEADLINE), opened


# ---------------------------------------------------------------- KI-12: core fields
# KI-12: the centre's offers and active cooperations cover the three core fields.
#   core_missing  one core field (Profile.missing_field) is left out of all of them (and
#                 out of the region's other offers and the district projects)


def without_missing_field(prof: Profile, fields) -> list:
    return [f for f in fields if f != prof.missing_field]


# --------------------------------------------------------------------- KI-13: stages
# KI-13: the centre's offers cover every education stage.
#   stage_missing  one stage (Profile.missing_stage) is left out of the region's offers;
#                  an offer for that stage alone is not made


def without_missing_stage(prof: Profile, stages) -> list:
    return [s for s in stages if s != prof.missing_stage]
