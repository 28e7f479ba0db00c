"""The check under the law in force: rule set tintg-2021 (§ 8 TIntG 2021), the switch on
2022-01-01, and a day range across it compared fairly (core, command line, web report)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys

import pytest
from auth import make_app, signed_in, user_for

from kiz_graph.check import compare, requirement
from kiz_graph.check.rules import CentreFacts, evaluate_rule, in_force, load_rule_set
from kiz_graph.exchange import seeding
from kiz_graph.records import edits

D = dt.date
DAY = D(2023, 3, 1)
UNNA = "ki-05978"  # a Kreis
TINTG = load_rule_set("tintg-2021")


# --- the rules of tintg-2021 on hand-built facts ----------------------------------------------

def facts(**centre) -> CentreFacts:
    """A Kreis's centre with no records but its concept and granting authority."""
    base = {"id": "ki-t", "name": "KI Testkreis", "region": "05999", "region_kind": "Kreis", "district": "Arnsberg",
            "applied_on": None, "raa_predecessor": None, "raa_integrated_on": None, "concept_id": "k-t",
            "concept_adopted_on": D(2022, 5, 1), "concept_adopted_by": None, "concept_topics": ["bildung"],
            "municipalities_agreed": True, "granted_by": []}
    return CentreFacts(centre={**base, **centre})


def coop(id_: str, type_: str, since=D(2022, 2, 1), until=None) -> dict:
    return {"id": id_, "name": f"Partner {id_}", "type": type_, "form": "Projekt", "since": since, "until": until,
            "fields": []}


def partner(id_: str, type_: str) -> dict:
    return {"id": id_, "name": f"Partner {id_}", "type": type_, "fields": []}


def judge(rule_id: str, f: CentreFacts, day: dt.date = DAY):
    rule = next(r for r in TINTG.rules if r.id == rule_id)
    return evaluate_rule(rule, TINTG, f, day)


def test_the_rule_set_is_traced_to_the_law_and_mapped_to_2012():
    assert (TINTG.valid_from, TINTG.valid_until) == (D(2022, 1, 1), None)
    old = load_rule_set("konzept-2012")
    assert old.valid_until == D(2021, 12, 31)
    assert all(r.reference.startswith("§ 8 Abs. ") and "TIntG 2021" in r.reference for r in TINTG.rules)
    severities = {r.id: r.severity for r in TINTG.rules}
    assert severities["TI-01"] == severities["TI-10"] == "Pflicht"  # Fördervoraussetzung, "machen"
    assert severities["TI-04"] == severities["TI-09"] == "Soll"  # "soll", "sollen"
    old_ids = {r.id for r in old.rules}
    assert {r.counterpart for r in TINTG.rules} - {None} <= old_ids


@pytest.mark.parametrize(("rule_id", "f", "status", "reason"), [
    ("TI-01", facts(), "met", "Beschlossen am 01.05.2022."),
    ("TI-01", facts(concept_id=None, concept_adopted_on=None), "unknown", "Kein Beschluss eines Integrationskonzepts erfasst."),
    ("TI-01", facts(concept_adopted_on=D(2023, 6, 1)), "not_met", "Das Integrationskonzept wurde erst am 01.06.2023 beschlossen."),
    ("TI-04", facts(concept_topics=["bildung", "freie_traeger"]), "met",
     "Das Integrationskonzept sieht die Zusammenarbeit und Abstimmung mit freien Trägern vor."),
    ("TI-04", facts(), "not_met", "Das Integrationskonzept sieht nicht vor: Zusammenarbeit und Abstimmung mit freien Trägern."),
    ("TI-04", facts(concept_topics=[]), "unknown", "Die Schwerpunkte des Integrationskonzepts sind nicht erfasst."),
    ("TI-05", facts(), "met", "Das Einvernehmen mit den kreisangehörigen Gemeinden besteht."),
    ("TI-05", facts(municipalities_agreed=False), "not_met", "Kein Einvernehmen mit den kreisangehörigen Gemeinden erfasst."),
    ("TI-05", facts(municipalities_agreed=None), "unknown",
     "Nicht erfasst, ob das Einvernehmen mit den kreisangehörigen Gemeinden besteht."),
    ("TI-05", facts(region_kind="kreisfreie Stadt", municipalities_agreed=None), "not_applicable",
     "Nur ein Kreis hat kreisangehörige Gemeinden."),
])
def test_concept_rules(rule_id, f, status, reason):
    result = judge(rule_id, f)
    assert (result.status, result.reason) == (status, reason)


def test_ti02_ti03_reuse_the_granting_authority_and_the_decrees_staffing():
    assert judge("TI-02", facts(granted_by=[{"id": "bra-dez36", "name": "Bezirksregierung Arnsberg, Dezernat 36"}])).status == "met"
    assert judge("TI-02", facts()).status == "not_met"
    assert judge("TI-03", facts()).status == "unknown"
    posts = [("t1", "teacher", 1.0, "state_secondment"), ("t2", "teacher", 1.0, "state_secondment"),
             ("e1", "educator", 1.5, "state_grant"), ("e2", "educator", 1.5, "state_grant"),
             ("a1", "administration", 0.5, "state_grant")]
    staffed = dataclasses.replace(facts(), positions=[
        {"id": i, "profession": p, "fte": fte, "funding": fu, "role": None, "holder": None} for i, p, fte, fu in posts])
    assert judge("TI-03", staffed).status == "met"  # 3 specialist posts: too many under 2012, right under the decrees
    assert evaluate_rule(next(r for r in load_rule_set("konzept-2012").rules if r.id == "KI-04"),
                         load_rule_set("konzept-2012"), staffed, DAY).status == "not_met"
    staffed.positions[-1]["fte"] = 1.0
    result = judge("TI-03", staffed)
    assert result.status == "not_met" and "Verwaltungsfachkraft (höchstens 0,5)" in result.reason


def test_ti06_elementary_school_and_transition_to_work():
    offers = [{"id": "o1", "title": "Griffbereit", "fields": [], "stages": ["fruehe_bildung", "primarstufe"], "task": None},
              {"id": "o2", "title": "Seiteneinstieg", "fields": [], "stages": ["sekundarstufe_1", "sekundarstufe_2"],
               "task": None}]
    assert judge("TI-06", facts()).status == "unknown"
    missing = judge("TI-06", dataclasses.replace(facts(), offers=offers))
    assert missing.status == "not_met" and missing.reason == "Lücke in der Bildungskette: Übergang Schule–Ausbildung."
    offers.append({"id": "o3", "title": "KAoA", "fields": [], "stages": ["uebergang_ausbildung"], "task": None})
    assert judge("TI-06", dataclasses.replace(facts(), offers=offers)).status == "met"  # no Übergang Studium needed


@pytest.mark.parametrize(("rule_id", "type_", "name"), [("TI-07", "SchoolSupervision", "Untere Schulaufsicht"),
                                                      ("TI-09", "VolunteerInitiative", "Ehrenamtsinitiative")])
def test_ti07_school_supervision_and_ti09_volunteer_initiatives(rule_id, type_, name):
    unknown = judge(rule_id, facts())
    assert unknown.status == "unknown" and name in unknown.reason
    missing = judge(rule_id, dataclasses.replace(facts(), region_partners=[partner("p1", type_)]))
    assert (missing.status, missing.suggestions[0]["text"]) == ("not_met", "Kooperation mit Partner p1 aufnehmen.")
    met = judge(rule_id, dataclasses.replace(facts(), cooperations=[coop("p1", type_)]))
    assert met.status == "met" and met.evidence[0]["to"] == "p1"


def test_ti08_coordinates_municipal_offices_and_free_providers():
    assert judge("TI-08", facts()).status == "unknown"
    f = dataclasses.replace(facts(), cooperations=[coop("jh", "YouthWelfare")],
                            region_partners=[partner("jh", "YouthWelfare"), partner("vi", "VolunteerInitiative")])
    missing = judge("TI-08", f)
    assert missing.status == "not_met" and missing.reason == "Am 01.03.2023 keine aktive Kooperation mit: freien Trägern."
    assert [s["id"] for s in missing.suggestions] == ["vi"]
    f.cooperations.append(coop("vi", "VolunteerInitiative"))
    assert judge("TI-08", f).status == "met"
    assert judge("TI-08", f, D(2022, 1, 15)).status == "not_met"  # the cooperations began on 01.02.2022


def test_ti10_qualification_offers_for_staff():
    assert judge("TI-10", facts()).status == "unknown"
    parents = {"id": "o1", "title": "Rucksack KiTa", "fields": [], "stages": [], "task": "elternarbeit"}
    missing = judge("TI-10", dataclasses.replace(facts(), offers=[parents]))
    assert missing.status == "not_met" and "Qualifizierung und Fortbildung von Lehr- und Fachkräften" in missing.reason
    staff = {"id": "o2", "title": "Fortbildung DaZ in der Kita", "fields": [], "stages": [], "task": "fortbildung"}
    met = judge("TI-10", dataclasses.replace(facts(), offers=[parents, staff]))
    assert met.status == "met" and met.evidence[0]["name"] == "Fortbildung DaZ in der Kita"


def test_the_law_in_force_switches_on_1_january_2022():
    assert in_force(D(2021, 12, 31)).name == "konzept-2012"
    assert in_force(D(2022, 1, 1)).name == "tintg-2021"
    assert in_force(D(2012, 3, 1)).name == "konzept-2012"
    assert in_force(D(2000, 1, 1)).name == "konzept-2012"  # before any: the first, whose rules do not apply yet
