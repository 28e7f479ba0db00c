"""Offers: every centre's own, more that centres take in turn, and the partners'."""

from __future__ import annotations

from .builder import RegionBuilder
from .draw import Weighted
from .gaps import without_missing_field, without_missing_stage
from .pools import OfferTemplate
from .vocabulary import COMMON_LANGUAGES, FIELDS, STAGES

_LANGUAGE_NAMES = {
    "tr": "Türkisch", "ar": "Arabisch", "ru": "Russisch", "pl": "Polnisch", "uk": "Ukrainisch",
    "el": "Griechisch", "it": "Italienisch", "ku": "Kurdisch", "fa": "Persisch", "es": "Spanisch",
    "pt": "Portugiesisch", "bs": "Bosnisch", "hr": "Kroatisch", "sr": "Serbisch",
    "sq": "Albanisch", "ro": "Rumänisch", "bg": "Bulgarisch", "prs": "Dari", "ps": "Paschtu",
    "en": "Englisch", "fr": "Französisch", "so": "Somali", "ti": "Tigrinya",
}
# languages of herkunftssprachlicher Unterricht (HSU)
_HSU_LANGUAGES = ("tr", "ar", "ru", "pl", "it", "el", "ku", "uk", "es", "pt", "fa", "sq", "bs")

# which types of organisation offer something, by weight
_PROVIDERS = Weighted(
    ("MigrantOrganisation", "WelfareAssociation", "EducationProvider", "Daycare", "School", "FundedStructure", "Other"),
    (3, 2, 2, 3, 3, 1, 1),
)


def _languages(builder: RegionBuilder, mode, own=()):
    if mode is None:
        return []
    if mode == "own":
        return list(own)
    rng = builder.rng
    pool = [x for x in COMMON_LANGUAGES if x in builder.languages_seen] or list(COMMON_LANGUAGES)
    return rng.sample(pool, min(len(pool), rng.randint(2, 4)))


def offer(builder: RegionBuilder, provider_id, template: OfferTemplate, municipality, own_languages=(),
          stages_override=None):
    title, task, fields, stages, target, mode = template
    prof = builder.prof
    if stages_override is not None:
        stages = stages_override
    fields = without_missing_field(prof, fields)  # KI-12
    stages_f = without_missing_stage(prof, stages)  # KI-13
    if stages and not stages_f:
        return None  # the offer would serve only the missing stage: not offered here
    if mode == "hsu":
        lang = builder.pick(_HSU_LANGUAGES if not own_languages else own_languages)
        title = f"{title} {_LANGUAGE_NAMES.get(lang, lang)}"
        target = target.format(language=_LANGUAGE_NAMES.get(lang, lang))
        languages = [lang]
    else:
        languages = _languages(builder, mode, own_languages)
    builder.n_offer += 1
    rec = {
        "id": f"off-{builder.reg.ags}-{builder.n_offer}",
        "title": title,
        "provider_id": provider_id,
        "task": task,
        "fields": [f for f in FIELDS if f in fields],
        "stages": [s for s in STAGES if s in stages_f],
        "languages": languages,
        "target_group": target,
        "municipality": municipality,
    }
    builder.out["offers"].append(rec)
    return rec


def build_offers(builder: RegionBuilder):
    rng, reg, pools = builder.rng, builder.reg, builder.pools
    cid = reg.centre_id
    offers, extra_offers = pools.centre_offers, pools.centre_extra_offers
    for template in offers:
        offer(builder, cid, template, None)
    n_orgs = len(builder.orgs)
    extra = round(n_orgs * 0.05 * builder.boost) + (8 if builder.showcase else 0) + rng.randint(1, 4)
    for i in range(extra):
        template = extra_offers[i] if i < len(extra_offers) else builder.pick(extra_offers + offers)
        municipality = None if rng.random() < 0.6 else builder.place().ags
        offer(builder, cid, template, municipality)
    for _ in range(round(n_orgs * 0.2)):
        type_ = _PROVIDERS.pick(rng)
        providers = builder.by_type[type_]
        if not providers:
            continue
        org = builder.pick(providers)
        template = builder.pick(pools.org_offers[type_])
        stages = org["stages"] if template.stages is None else None
        offer(builder, org["id"], template, org["municipality"], tuple(org["languages"]), stages)
