"""Profiles: which rules of konzept-2012 each centre is meant to miss (``deliberate_gaps``)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from .draw import pick
from .regions import KREFELD, LATE_CENTRES, RAA_KNOWN, Region, region_list
from .vocabulary import CORE_FIELDS, KI11_DEADLINE, RULES, SHOWCASE_CENTRE, STAGES

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
_VARIANTS: dict = {}
for _rule, _variant in _SLOTS:
    _VARIANTS.setdefault(_rule, [])
    if _variant not in _VARIANTS[_rule]:
        _VARIANTS[_rule].append(_variant)
del _rule, _variant

# A short list of regions cannot spread every slot: no centre gets more than this many
# (the two "troubled" centres get two more on top).
_MAX_GAPS = 5

# KI-10 gaps pick one of these (welfare associations are involved via the regional branch)
KI10_TYPES = ("SchoolSupervision", "SchoolAdministration", "YouthWelfare", "IntegrationCouncil")


@dataclass
class Profile:
    centre_id: str
    gaps: dict = field(default_factory=dict)  # rule -> variant
    ki10_type: str | None = None
    missing_field: str | None = None
    missing_stage: str | None = None
    raa: bool = False
    raa_on: date | None = None


def _compatible(reg: Region, prof: Profile, rule: str, variant: str) -> bool:
    gaps = prof.gaps
    if rule in gaps:
        return False
    if rule == "KI-02" and gaps.get("KI-01") == "no_concept":
        return False
    if variant == "no_concept" and "KI-02" in gaps:
        return False
    if variant == "not_agreed" and not reg.is_kreis:
        return False
    if rule == "KI-11" and reg.centre_id in RAA_KNOWN:
        return False  # what is known about its RAA stays true (Krefeld is set apart)
    return True


def profiles(regs: list[Region], seed) -> dict[str, Profile]:
    """Centre id -> its profile; about half the centres miss nothing."""
    rng = random.Random(f"kiz-demo-profiles:{seed}")
    out = {r.centre_id: Profile(r.centre_id) for r in regs}
    fixed = []
    if SHOWCASE_CENTRE in out:  # rich, one Pflicht gap and one Soll gap
        out[SHOWCASE_CENTRE].gaps = {"KI-07": "funded_missing", "KI-13": "stage_missing"}
        out[SHOWCASE_CENTRE].missing_stage = "uebergang_studium"
        fixed.append(SHOWCASE_CENTRE)
    if KREFELD in out:  # RAA became the KI on 2013-08-01: one day late
        out[KREFELD].gaps = {"KI-11": "raa_late"}
        fixed.append(KREFELD)
    others = [r for r in regs if r.centre_id not in fixed]
    rng.shuffle(others)
    n_gap = max(0, max(1, round(len(regs) * 0.5)) - len(fixed))
    gap_regs, complete_regs = others[:n_gap], others[n_gap:]

    def assign(rule: str, variant: str, pool: list[Region]) -> bool:
        best = None
        for i, reg in enumerate(pool):
            prof = out[reg.centre_id]
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
        prof = out[reg.centre_id]
        for _ in range(2):
            options = [
                (rule, variant)
                for rule in RULES
                for variant in _VARIANTS[rule]
                if _compatible(reg, prof, rule, variant)
            ]
            if options:
                rule, variant = pick(rng, options)
                prof.gaps[rule] = variant
                if variant == "no_concept":
                    prof.gaps["KI-02"] = "no_concept"

    # details, drawn in a fixed order
    exact_deadline_done = False
    for reg in regs:
        prof = out[reg.centre_id]
        if "KI-10" in prof.gaps:
            prof.ki10_type = pick(rng, KI10_TYPES)
        if "KI-12" in prof.gaps:
            prof.missing_field = pick(rng, CORE_FIELDS)
        if "KI-13" in prof.gaps and prof.missing_stage is None:
            prof.missing_stage = pick(rng, STAGES)
        known = RAA_KNOWN.get(reg.centre_id)
        draw = rng.random()
        if "KI-11" in prof.gaps:
            prof.raa = True
        elif known is not None:
            prof.raa = known
        elif reg.centre_id in LATE_CENTRES:
            prof.raa = False
        else:
            prof.raa = draw < (0.55 if not reg.is_kreis else 0.35)
    # one complete centre integrated its RAA on the deadline itself (met, day included)
    for reg in complete_regs:
        prof = out[reg.centre_id]
        if (
            not exact_deadline_done
            and RAA_KNOWN.get(reg.centre_id) is None
            and reg.centre_id not in LATE_CENTRES
        ):
            prof.raa = True
            prof.raa_on = KI11_DEADLINE
            exact_deadline_done = True
    return out


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
    regs = region_list(regions)
    designed = profiles(regs, seed)
    return {r.centre_id: sorted(designed[r.centre_id].gaps) for r in regs}
