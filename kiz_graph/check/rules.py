"""Rule sets of the cooperation requirement, as data, and the kinds of rule they use.

A rule set is a JSON file in ``seeds/rules/``: its rules name a ``kind`` (a function
here), a severity (Pflicht or Soll), a legal reference, an optional validity period and
the parameters of their kind. A new rule set (say, for the TIntG of 2021) is a new file,
and at most a new kind of rule; callers of the engine do not change.

A kind is a pure function ``(facts, rule, day) -> Outcome`` over one centre's facts.

Which set applies on a day is the set in force then (:func:`in_force`, from the files'
``valid_from``/``valid_until``). A set named explicitly still judges a day after its end (how
would the centre fare under the old law?), but not a day before its start; a rule's own
validity always holds. A rule may name its ``counterpart`` in the set it replaced.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from kiz_graph import german
from kiz_graph.errors import RuleSetError
from kiz_graph.records.vocabulary import type_name, vocabulary

MET, NOT_MET, UNKNOWN, NOT_APPLICABLE = "met", "not_met", "unknown", "not_applicable"
STATUSES = (MET, NOT_MET, UNKNOWN, NOT_APPLICABLE)
SEVERITIES = ("Pflicht", "Soll")


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    kind: str
    title: str
    reference: str
    params: dict
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    counterpart: str | None = None  # the id of the rule it continues in the set it replaced


@dataclass(frozen=True)
class RuleSet:
    name: str
    title: str
    short: str  # the law in two words ("TIntG 2021"), for headings that set two laws apart
    basis: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    rules: tuple[Rule, ...]

    def in_force_on(self, day: dt.date) -> bool:
        started = self.valid_from is None or self.valid_from <= day
        return started and (self.valid_until is None or day <= self.valid_until)

    def granting_authority(self) -> tuple[str, str]:
        """Id and name of the authority that grants a centre's funding (rule kind ``granting_authority``)."""
        params = next(rule.params for rule in self.rules if rule.kind == "granting_authority")
        return params["authority"], params["authority_name"]

    def partner_types(self) -> list[str]:
        """The organisation types any rule looks for in a centre's region, in rule order."""
        types: list[str] = []
        for rule in self.rules:
            types += [rule.params["type"]] if "type" in rule.params else rule.params.get("types", [])
            types += [t for group in rule.params.get("groups", {}).values() for t in group]
        return list(dict.fromkeys(types))


@dataclass
class Outcome:
    status: str
    reason: str
    evidence: list[dict] = field(default_factory=list)
    suggestions: list[dict] = field(default_factory=list)


@dataclass
class CentreFacts:
    """Everything the rules may look at for one centre, gathered by a few set queries."""

    centre: dict
    positions: list[dict] = field(default_factory=list)
    cooperations: list[dict] = field(default_factory=list)
    region_partners: list[dict] = field(default_factory=list)
    offers: list[dict] = field(default_factory=list)

    def active_cooperations(self, day: dt.date) -> list[dict]:
        return [k for k in self.cooperations if is_active(k, day)]


def is_active(item: dict, day: dt.date) -> bool:
    """Active on ``day``: begun on or before it, and not ended before it."""
    since, until = item.get("since"), item.get("until")
    return (since is None or since <= day) and (until is None or until >= day)


def available_rule_sets() -> list[str]:
    folder = importlib.resources.files("seeds").joinpath("rules")
    return sorted(entry.name.removesuffix(".json") for entry in folder.iterdir() if entry.name.endswith(".json"))


def in_force(day: dt.date) -> RuleSet:
    """The rule set in force on ``day`` (the latest to begin, should two overlap); before the
    first set began, the first (whose rules then do not apply yet)."""
    sets = sorted((load_rule_set(name) for name in available_rule_sets()), key=lambda s: s.valid_from or dt.date.min)
    return next((s for s in reversed(sets) if s.in_force_on(day)), sets[0])


@functools.cache
def load_rule_set(name: str) -> RuleSet:
    if name not in available_rule_sets():
        raise RuleSetError(f"unknown rule set {name!r} (available: {', '.join(available_rule_sets())})")
    data = json.loads(importlib.resources.files("seeds").joinpath("rules", f"{name}.json").read_text(encoding="utf-8"))
    rules = []
    for raw in data["rules"]:
        if raw["kind"] not in KINDS:
            raise RuleSetError(f"{name}: rule {raw['id']} has unknown kind {raw['kind']!r}")
        if raw["severity"] not in SEVERITIES:
            raise RuleSetError(f"{name}: rule {raw['id']} has unknown severity {raw['severity']!r}")
        rules.append(Rule(
            id=raw["id"], severity=raw["severity"], kind=raw["kind"], title=raw["title"],
            reference=raw["reference"], params=raw.get("params", {}),
            valid_from=_date(raw.get("valid_from")), valid_until=_date(raw.get("valid_until")),
            counterpart=raw.get("counterpart"),
        ))
    return RuleSet(name=data["name"], title=data["title"], short=data.get("short", data["name"]),
                   basis=data.get("basis", ""),
                   valid_from=_date(data.get("valid_from")), valid_until=_date(data.get("valid_until")),
                   rules=tuple(rules))


def evaluate_rule(rule: Rule, rule_set: RuleSet, facts: CentreFacts, day: dt.date) -> Outcome:
    start = rule.valid_from or rule_set.valid_from
    end = rule.valid_until  # not the set's end: a set asked for by name judges later days too
    if (start and day < start) or (end and day > end):
        return Outcome(NOT_APPLICABLE, f"Die Regel gilt am {german.date(day)} nicht (Geltung {_period(start, end)}).")
    return KINDS[rule.kind](facts, rule, day)


# --- evidence and suggestions -------------------------------------------------------------

def _node(label: str, id_: str, name: str | None, **detail) -> dict:
    return {"type": "node", "label": label, "id": id_, "name": name, **_clean(detail)}


def _cooperation(centre: dict, k: dict, **detail) -> dict:
    return {"type": "relationship", "relationship": "COOPERATES_WITH", "from": centre["id"], "to": k["id"],
            "name": k["name"], "partner_type": k["type"], "form": k["form"], "since": _iso(k["since"]),
            "until": _iso(k["until"]), **_clean(detail)}


def _suggest(text: str, partner: dict | None = None) -> dict:
    suggestion = {"text": text}
    if partner is not None:
        suggestion.update(id=partner["id"], name=partner["name"], partner_type=partner["type"])
    return suggestion


def _clean(detail: dict) -> dict:
    return {key: _iso(value) for key, value in detail.items() if value is not None}


def _iso(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def _period(start, end) -> str:
    return f"{german.date(start) if start else 'offen'} bis {german.date(end) if end else 'offen'}"


MAX_SUGGESTIONS = 10


# --- the kinds of rule ----------------------------------------------------------------------

def concept_adopted(facts: CentreFacts, rule: Rule, day: dt.date) -> Outcome:
    c = facts.centre
    if c["concept_id"] is None or c["concept_adopted_on"] is None:
        return Outcome(UNKNOWN, "Kein Beschluss eines Integrationskonzepts erfasst.",
                       suggestions=[_suggest("Beschlussdatum und beschließendes Gremium des Integrationskonzepts erfassen.")])
    evidence = [_node("IntegrationConcept", c["concept_id"], "Integrationskonzept", adopted_on=c["concept_adopted_on"],
                      adopted_by=c["concept_adopted_by"], municipalities_agreed=c["municipalities_agreed"])]
    if c["concept_adopted_on"] > day:
        return Outcome(NOT_MET, f"Das Integrationskonzept wurde erst am {german.date(c['concept_adopted_on'])} beschlossen.", evidence)
    bodies = rule.params.get("body_by_region_kind", {})
    body = bodies.get(c["region_kind"])
    if c["concept_adopted_by"] is None and bodies:
        return Outcome(UNKNOWN, "Das beschließende Gremium ist nicht erfasst.", evidence,
                       [_suggest(f"Erfassen, ob {body or 'Rat oder Kreistag'} das Konzept beschlossen hat.")])
    if body and c["concept_adopted_by"] != body:
        return Outcome(NOT_MET, f"Beschlossen durch {c['concept_adopted_by']}, erforderlich ist ein Beschluss durch {body}.",
                       evidence, [_suggest(f"Beschluss des Integrationskonzepts durch {body} herbeiführen.")])
    if c["region_kind"] in rule.params.get("agreement_region_kinds", ()):
        if c["municipalities_agreed"] is None:
            return Outcome(UNKNOWN, "Nicht erfasst, ob das Konzept mit den kreisangehörigen Gemeinden abgestimmt ist.",
                           evidence, [_suggest("Abstimmung mit den kreisangehörigen Gemeinden erfassen.")])
        if not c["municipalities_agreed"]:
            return Outcome(NOT_MET, "Das Konzept des Kreises ist nicht mit den kreisangehörigen Gemeinden abgestimmt.",
                           evidence, [_suggest("Das Integrationskonzept mit den kreisangehörigen Gemeinden abstimmen.")])
    by = f" durch {c['concept_adopted_by']}" if c["concept_adopted_by"] else ""
    return Outcome(MET, f"Beschlossen{by} am {german.date(c['concept_adopted_on'])}.", evidence)


def concept_topics(facts: CentreFacts, rule: Rule, day: dt.date) -> Outcome:
    c = facts.centre
    topics = rule.params["topics"]
    if c["concept_id"] is None or not c["concept_topics"]:
        return Outcome(UNKNOWN, "Die Schwerpunkte des Integrationskonzepts sind nicht erfasst.",
                       suggestions=[_suggest("Schwerpunktthemen des Integrationskonzepts erfassen.")])
    evidence = [_node("IntegrationConcept", c["concept_id"], "Integrationskonzept", topics=c["concept_topics"])]
    missing = [key for key in topics if key not in c["concept_topics"]]
    if missing:
        names = vocabulary("concept_topics")
        missing_text = rule.params.get("missing_reason", "Es fehlt das Schwerpunktthema")
        return Outcome(NOT_MET, f"{missing_text}: {', '.join(names.german(key) for key in missing)}.",
                       evidence, [_suggest(f"Das Integrationskonzept um „{names.german(key)}“ ergänzen.") for key in missing])
    return Outcome(MET, rule.params.get("met_reason", "Beide Schwerpunktthemen sind enthalten."), evidence)


def granting_authority(facts: CentreFacts, rule: Rule, day: dt.date) -> Outcome:
    wanted, authority = rule.params["authority"], rule.params["authority_name"]
    granted = facts.centre["granted_by"]
    evidence = [_node("Organisation", g["id"], g["name"], relationship="GRANTED_BY") for g in granted]
    if any(g["id"] == wanted for g in granted):
        return Outcome(MET, "Bewilligt durch die zuständige Bewilligungsbehörde.", evidence)
    if granted:
        names = ", ".join(g["name"] for g in granted)
        return Outcome(NOT_MET, f"Bewilligt durch {names}, nicht durch die zuständige Bewilligungsbehörde.", evidence,
                       [_suggest(f"Die Bewilligung durch die {authority}, erfassen oder beantragen.")])
    return Outcome(NOT_MET, f"Keine Bewilligung durch die {authority}, erfasst.",
                   suggestions=[_suggest(f"Die Bewilligung durch die {authority}, erfassen.")])


def staffing(facts: CentreFacts, rule: Rule, day: dt.date) -> Outcome:
    p = rule.params
    if not facts.positions:
        return Outcome(UNKNOWN, "Keine Stellen erfasst.", suggestions=[_suggest("Die Stellen des Zentrums erfassen.")])
    evidence = [_node("Position", pos["id"], pos["holder"], profession=pos["profession"], fte=pos["fte"],
                      funding=pos["funding"]) for pos in facts.positions]
    teachers = [pos for pos in facts.positions
                if pos["profession"] == p["teacher_profession"] and pos["funding"] == p["teacher_funding"]]
    teacher_fte = round(sum(pos["fte"] for pos in teachers), 2)
    municipal = [pos for pos in facts.positions if pos["funding"] == p["municipal_funding"]]
    municipal_fte = round(sum(pos["fte"] for pos in municipal), 2)
    gaps, suggestions = [], []
    if len(teachers) < p["min_teachers"] or teacher_fte < p["min_teacher_fte"]:
        gaps.append(f"{german.plural(len(teachers), 'abgeordnete Lehrkraft', 'abgeordnete Lehrkräfte')} mit "
                    f"{german.plural(teacher_fte, 'Stelle', 'Stellen')} "
                    f"(mindestens {p['min_teachers']} auf {german.number(p['min_teacher_fte'])} Stellen)")
        suggestions.append(_suggest("Abordnung weiterer Lehrkräfte beim Land beantragen."))
    if municipal_fte > p["max_municipal_fte"]:
        gaps.append(f"{german.plural(municipal_fte, 'landesgeförderte kommunale Stelle', 'landesgeförderte kommunale Stellen')} "
                    f"(höchstens {german.number(p['max_municipal_fte'])})")
        suggestions.append(_suggest("Landesgeförderte Stellenanteile auf das zulässige Maß zurückführen oder kommunal finanzieren."))
    for profession, limit in p["max_fte_by_profession"].items():
        fte = round(sum(pos["fte"] for pos in municipal if pos["profession"] == profession), 2)
        if fte > limit:
            name = vocabulary("professions").german(profession)
            gaps.append(f"{german.plural(fte, 'landesgeförderte Stelle', 'landesgeförderte Stellen')} {name} "
                        f"(höchstens {german.number(limit)})")
    if gaps:
        return Outcome(NOT_MET, "Personal entspricht nicht dem Konzept: " + "; ".join(gaps) + ".", evidence, suggestions)
    municipal = german.plural(municipal_fte, "landesgeförderte kommunale Stelle", "landesgeförderte kommunale Stellen")
    return Outcome(MET, f"{german.plural(len(teachers), 'abgeordnete Lehrkraft', 'abgeordnete Lehrkräfte')} auf "
                        f"{german.plural(teacher_fte, 'Stelle', 'Stellen')}, {municipal}.", evidence)


def leadership(facts: CentreFacts, rule: Rule, day: dt.date) -> Outcome:
    if not facts.positions:
        return Outcome(UNKNOWN, "Keine Stellen erfasst.", suggestions=[_suggest("Die Stellen mit Leitung und Stellvertretung erfassen.")])
    leads = [pos for pos in facts.positions if pos["role"] == "lead"]
    deputies = [pos for pos in facts.positions if pos["role"] == "deputy"]
    evidence = [_node("Position", pos["id"], pos["holder"], role=pos["role"], profession=pos["profession"],
                      funding=pos["funding"]) for pos in leads + deputies]
    professions = vocabulary("professions")
    if len(leads) != 1:
        reason = "Keine Leitung erfasst." if not leads else f"{len(leads)} Leitungsstellen erfasst."
        return Outcome(NOT_MET, reason, evidence, [_suggest("Genau eine Leitungsstelle festlegen.")])
    lead = leads[0]
    if lead["funding"] not in rule.params["funded"]:
        return Outcome(NOT_MET, "Die Leitung ist an keine der geförderten Stellen gekoppelt.", evidence,
                       [_suggest("Die Leitung an eine der vom Land geförderten oder abgeordneten Stellen koppeln.")])
    if not deputies:
        return Outcome(NOT_MET, "Keine Stellvertretung erfasst.", evidence,
                       [_suggest(f"Eine Stellvertretung aus einer anderen Profession als {professions.german(lead['profession'])} benennen.")])
    if all(deputy["profession"] == lead["profession"] for deputy in deputies):
        name = professions.german(lead["profession"])
        return Outcome(NOT_MET, f"Leitung und Stellvertretung haben dieselbe Profession ({name}).", evidence,
                       [_suggest(f"Die Stellvertretung mit einer anderen Profession als {name} besetzen.")])
    return Outcome(MET, f"Leitung: {professions.german(lead['profession'])}; Stellvertretung aus einer anderen Profession.", evidence)


def cooperates_with_type(facts: CentreFacts, rule: Rule, day: dt.date) -> Outcome:
    wanted = rule.params["type"]
    name = type_name(wanted)
    active = [k for k in facts.active_cooperations(day) if k["type"] == wanted]
    if active:
        return Outcome(MET, f"{german.plural(len(active), 'aktive Kooperation', 'aktive Kooperationen')} mit: {name}.",
                       [_cooperation(facts.centre, k) for k in active])
    in_region = [o for o in facts.region_partners if o["type"] == wanted]
    inactive = [k for k in facts.cooperations if k["type"] == wanted]
    evidence = [_cooperation(facts.centre, k, note=_why_inactive(k, day)) for k in inactive]
    if not in_region and not inactive:
        return Outcome(UNKNOWN, f"Keine Kooperation und in der Region keine Organisation dieses Typs erfasst: {name}.",
                       suggestions=[_suggest(f"Organisationen des Typs „{name}“ in der Region erfassen.")])
    suggestions = [_suggest(f"Kooperation mit {o['name']} aufnehmen.", o) for o in in_region[:MAX_SUGGESTIONS]]
    return Outcome(NOT_MET, f"Am {german.date(day)} keine aktive Kooperation mit: {name}.", evidence, suggestions)


def cooperates_with_all_of_type(facts: CentreFacts, rule: Rule, day: dt.date) -> Outcome:
    wanted = rule.params["type"]
    name = type_name(wanted)
    in_region = [o for o in facts.region_partners if o["type"] == wanted]
    if not in_region:
        return Outcome(UNKNOWN, f"In der Region ist keine Organisation dieses Typs erfasst: {name}.",
                       suggestions=[_suggest(f"Die Organisationen des Typs „{name}“ in der Region erfassen.")])
    active = {k["id"]: k for k in facts.active_cooperations(day) if k["type"] == wanted}
    evidence = [_cooperation(facts.centre, active[o["id"]]) for o in in_region if o["id"] in active]
    missing = [o for o in in_region if o["id"] not in active]
    evidence += [_node(wanted, o["id"], o["name"], note="ohne aktive Kooperation") for o in missing]
    if missing:
        return Outcome(NOT_MET, f"{len(missing)} von {len(in_region)} Organisationen ({name}) der Region ohne aktive Kooperation.",
                       evidence, [_suggest(f"Kooperation mit {o['name']} aufnehmen.", o) for o in missing[:MAX_SUGGESTIONS]])
    return Outcome(MET, f"Aktive Kooperation mit allen {len(in_region)} Organisationen ({name}) der Region.", evidence)


#: The evidence note of a partner involved from the start (analytics reads it).
FROM_START = "von Anfang an beteiligt"


def involved_from_start(facts: CentreFacts, rule: Rule, day: dt.date) -> Outcome:
    applied_on = facts.centre["applied_on"]
    if applied_on is None:
        return Outcome(UNKNOWN, "Das Antragsdatum ist nicht erfasst.", suggestions=[_suggest("Das Antragsdatum des Zentrums erfassen.")])
    if applied_on > day:
        return Outcome(NOT_APPLICABLE, f"Der Antrag wurde erst am {german.date(applied_on)} gestellt.")
    evidence, missing = [], []
    for wanted in rule.params["types"]:
        from_start = [k for k in facts.cooperations if k["type"] == wanted and is_active(k, applied_on)]
        later = [k for k in facts.cooperations if k["type"] == wanted and k["since"] and k["since"] > applied_on]
        evidence += [_cooperation(facts.centre, k, note=FROM_START) for k in from_start]
        if not from_start:
            missing.append(wanted)
            evidence += [_cooperation(facts.centre, k, note=f"erst nach dem Antrag ({german.date(applied_on)}) beteiligt") for k in later]
    if not missing:
        return Outcome(MET, f"Alle geforderten Partner waren beim Antrag am {german.date(applied_on)} beteiligt.", evidence)
    names = ", ".join(type_name(t) for t in missing)
    suggestions = [
        _suggest(f"Beteiligung von {o['name']} seit Antragstellung erfassen, falls sie bestand, sonst nachholen.", o)
        for o in facts.region_partners if o["type"] in missing
    ][:MAX_SUGGESTIONS]
    if not suggestions:
        suggestions = [_suggest(f"Organisation des Typs „{type_name(t)}“ in der Region erfassen.") for t in missing]
    return Outcome(NOT_MET, f"Nicht von Anfang an (Antrag {german.date(applied_on)}) beteiligt: {names}.", evidence, suggestions)


def raa_integration(facts: CentreFacts, rule: Rule, day: dt.date) -> Outcome:
    c = facts.centre
    deadline = dt.date.fromisoformat(rule.params["deadline"])
    if c["raa_predecessor"] is None:
        return Outcome(UNKNOWN, "Nicht erfasst, ob das Zentrum eine RAA als Vorgänger hatte.",
                       suggestions=[_suggest("Erfassen, ob eine Regionale Arbeitsstelle (RAA) Vorgänger war.")])
    if not c["raa_predecessor"]:
        return Outcome(NOT_APPLICABLE, "Keine RAA als Vorgänger: die Übergangsregelung gilt nicht.")
    evidence = [_node("Centre", c["id"], c["name"], raa_predecessor=True, raa_integrated_on=c["raa_integrated_on"])]
    integrated = c["raa_integrated_on"]
    if integrated is None:
        return Outcome(UNKNOWN, "Das Datum der Eingliederung der RAA ist nicht erfasst.", evidence,
                       [_suggest("Das Datum der organisatorischen Eingliederung der RAA erfassen.")])
    if integrated <= deadline:
        return Outcome(MET, f"Die RAA wurde am {german.date(integrated)} eingegliedert (Frist {german.date(deadline)}).", evidence)
    return Outcome(NOT_MET, f"Die RAA wurde erst am {german.date(integrated)} eingegliedert, nach der Frist {german.date(deadline)}.", evidence)


def fields_covered(facts: CentreFacts, rule: Rule, day: dt.date) -> Outcome:
    fields_ = rule.params["fields"]
    active = facts.active_cooperations(day)
    if not facts.offers and not active:
        return Outcome(UNKNOWN, "Weder Angebote noch aktive Kooperationen erfasst.",
                       suggestions=[_suggest("Angebote und Kooperationen des Zentrums erfassen.")])
    covered: dict[str, dict] = {}
    for offer in facts.offers:
        for key in offer["fields"]:
            if key not in covered:  # the first evidence per key; building one is not free
                covered[key] = _node("Offer", offer["id"], offer["title"], field=key)
    for k in active:
        for key in k["fields"]:
            if key not in covered:
                covered[key] = _cooperation(facts.centre, k, field=key)
    evidence = [covered[key] for key in fields_ if key in covered]
    missing = [key for key in fields_ if key not in covered]
    names = vocabulary("fields_of_action")
    if missing:
        suggestions = []
        for key in missing:
            partners = [o for o in facts.region_partners if key in o["fields"]][:3]
            suggestions += [_suggest(f"Mit {o['name']} im Handlungsfeld „{names.german(key)}“ zusammenarbeiten.", o) for o in partners]
            if not partners:
                suggestions.append(_suggest(f"Ein Angebot im Handlungsfeld „{names.german(key)}“ aufbauen."))
        return Outcome(NOT_MET, "Nicht abgedeckt: " + ", ".join(names.german(key) for key in missing) + ".", evidence, suggestions)
    return Outcome(MET, "Alle Kern-Handlungsfelder sind abgedeckt.", evidence)


def stages_covered(facts: CentreFacts, rule: Rule, day: dt.date) -> Outcome:
    stages = rule.params["stages"]
    if not facts.offers:
        return Outcome(UNKNOWN, "Keine Angebote erfasst.", suggestions=[_suggest("Die Angebote des Zentrums mit Bildungsstufen erfassen.")])
    covered: dict[str, dict] = {}
    for offer in facts.offers:
        for key in offer["stages"]:
            if key not in covered:
                covered[key] = _node("Offer", offer["id"], offer["title"], stage=key)
    evidence = [covered[key] for key in stages if key in covered]
    missing = [key for key in stages if key not in covered]
    names = vocabulary("education_stages")
    if missing:
        return Outcome(NOT_MET, "Lücke in der Bildungskette: " + ", ".join(names.german(key) for key in missing) + ".", evidence,
                       [_suggest(f"Ein Angebot für „{names.german(key)}“ aufbauen oder vermitteln.") for key in missing])
    return Outcome(MET, "Die ganze Bildungskette ist abgedeckt.", evidence)


def municipalities_agree(facts: CentreFacts, rule: Rule, day: dt.date) -> Outcome:
    """A Kreis's concept in agreement (Einvernehmen) with its Gemeinden; other regions have none."""
    c = facts.centre
    if c["region_kind"] not in rule.params["region_kinds"]:
        return Outcome(NOT_APPLICABLE, "Nur ein Kreis hat kreisangehörige Gemeinden.")
    if c["concept_id"] is None or c["municipalities_agreed"] is None:
        return Outcome(UNKNOWN, "Nicht erfasst, ob das Einvernehmen mit den kreisangehörigen Gemeinden besteht.",
                       suggestions=[_suggest("Das Einvernehmen mit den kreisangehörigen Gemeinden erfassen.")])
    evidence = [_node("IntegrationConcept", c["concept_id"], "Integrationskonzept",
                      municipalities_agreed=c["municipalities_agreed"])]
    if not c["municipalities_agreed"]:
        return Outcome(NOT_MET, "Kein Einvernehmen mit den kreisangehörigen Gemeinden erfasst.", evidence,
                       [_suggest("Das Einvernehmen mit den kreisangehörigen Gemeinden herstellen.")])
    return Outcome(MET, "Das Einvernehmen mit den kreisangehörigen Gemeinden besteht.", evidence)


def cooperates_with_groups(facts: CentreFacts, rule: Rule, day: dt.date) -> Outcome:
    """At least one active cooperation in each group of partner types (``groups``: name -> types)."""
    groups = rule.params["groups"]
    active = facts.active_cooperations(day)
    evidence, missing = [], []
    for group, types in groups.items():
        found = [k for k in active if k["type"] in types]
        evidence += [_cooperation(facts.centre, k, group=group) for k in found]
        if not found:
            missing.append(group)
    if not missing:
        return Outcome(MET, "Aktive Kooperationen mit " + " und ".join(groups) + ".", evidence)
    candidates = [o for o in facts.region_partners if any(o["type"] in groups[group] for group in missing)]
    if not candidates and len(missing) == len(groups) and not facts.cooperations:
        return Outcome(UNKNOWN, "Weder Kooperationen noch passende Organisationen in der Region erfasst.",
                       suggestions=[_suggest(f"Organisationen der Region erfassen: {', '.join(missing)}.")])
    suggestions = [_suggest(f"Kooperation mit {o['name']} aufnehmen.", o) for o in candidates[:MAX_SUGGESTIONS]]
    if not suggestions:
        suggestions = [_suggest(f"Organisationen der Region erfassen: {', '.join(missing)}.")]
    return Outcome(NOT_MET, f"Am {german.date(day)} keine aktive Kooperation mit: {', '.join(missing)}.",
                   evidence, suggestions)


def offers_task(facts: CentreFacts, rule: Rule, day: dt.date) -> Outcome:
    """The centre itself offers, on the day, something of one of the ``tasks``."""
    tasks = vocabulary("tasks")
    names = ", ".join(f"„{tasks.german(key)}“" for key in rule.params["tasks"])
    if not facts.offers:
        return Outcome(UNKNOWN, "Keine Angebote des Zentrums erfasst.",
                       suggestions=[_suggest("Die Angebote des Zentrums mit ihrer Aufgabe erfassen.")])
    found = [offer for offer in facts.offers if offer.get("task") in rule.params["tasks"]]
    evidence = [_node("Offer", offer["id"], offer["title"], task=offer["task"]) for offer in found]
    if found:
        return Outcome(MET, f"{german.plural(len(found), 'Angebot', 'Angebote')} der Aufgabe {names}.", evidence)
    return Outcome(NOT_MET, f"Am {german.date(day)} kein Angebot der Aufgabe {names}.",
                   suggestions=[_suggest(rule.params["suggestion"])])


def _why_inactive(k: dict, day: dt.date) -> str:
    if k["since"] and k["since"] > day:
        return f"beginnt erst am {german.date(k['since'])}"
    return f"beendet am {german.date(k['until'])}"


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


KINDS: dict[str, Callable[[CentreFacts, Rule, dt.date], Outcome]] = {
    function.__name__: function
    for function in (concept_adopted, concept_topics, granting_authority, staffing, leadership,
                     cooperates_with_type, cooperates_with_all_of_type, involved_from_start,
                     raa_integration, fields_covered, stages_covered, municipalities_agree,
                     cooperates_with_groups, offers_task)
}
