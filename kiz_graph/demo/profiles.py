"""Profiles: which rules of konzept-2012 each centre is meant to miss (``deliberate_gaps``).
How a centre misses a rule is the rule's section in ``gaps``."""

from __future__ import annotations

import random

from . import gaps
from .draw import pick
from .gaps import Profile
from .regions import KREFELD, Region, region_list
from .vocabulary import SHOWCASE_CENTRE

# A short list of regions cannot spread every slot: no centre gets more than this many
# (the two "troubled" centres get two more on top).
_MAX_GAPS = 5


def profiles(regs: list[Region], seed) -> dict[str, Profile]:
    """Centre id -> its profile. About half the centres miss nothing; the others share the
    slots, the centre with the fewest gaps first."""
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

    def assign(rule: str, variant: str) -> bool:
        best = None
        for i, reg in enumerate(gap_regs):
            prof = out[reg.centre_id]
            if len(prof.gaps) >= _MAX_GAPS or not gaps.compatible(reg, prof, rule, variant):
                continue
            key = (len(prof.gaps), i)
            if best is None or key < best[0]:
                best = (key, prof)
        if best is None:
            return False
        gaps.give(best[1], rule, variant)
        return True

    for rule, variants in gaps.SLOTS.items():
        for variant in variants:
            if not assign(rule, variant) and variant in gaps.FALLBACK:
                assign(rule, gaps.FALLBACK[variant])
    # two "troubled" centres miss two rules more: outliers for the statewide view
    for reg in gap_regs[:2]:
        prof = out[reg.centre_id]
        for _ in range(2):
            options = [
                (rule, variant)
                for rule, variants in gaps.SLOTS.items()
                for variant in dict.fromkeys(variants)
                if gaps.compatible(reg, prof, rule, variant)
            ]
            if options:
                gaps.give(prof, *pick(rng, options))
    for reg in regs:
        gaps.draw_details(rng, reg, out[reg.centre_id])
    gaps.integrate_on_the_deadline(complete_regs, out)
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
