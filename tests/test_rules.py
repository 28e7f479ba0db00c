"""The rules of konzept-2012 as pure functions, on hand-built facts: no database.

One centre (a Kreis) meets every rule on DAY; each case changes one fact of it and checks
the status and the German text the centre's staff would read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kiz_graph.check import requirement
from kiz_graph.check.rules import CentreFacts, Outcome, evaluate_rule, load_rule_set

D = dt.date
ONE_DAY = dt.timedelta(days=1)
DAY = D(2024, 6, 1)
APPLIED = D(2012, 9, 1)
RULES = load_rule_set("konzept-2012")

# id, name, type, fields (as the region_partners query delivers them)
PARTNERS = [
    ("mso-1", "Verein Brücke e.V.", "MigrantOrganisation", ["sprachliche_interkulturelle_bildung"]),
    ("fs-1", "Integrationsagentur AWO Testkreis", "FundedStructure", []),
    ("fs-2", "Servicestelle Antidiskriminierung Testkreis", "FundedStructure", []),
    ("wf-1", "Caritasverband Testkreis", "WelfareAssociation", []),
    ("bamf-1", "BAMF-Regionalkoordination Dortmund", "BamfCoordinator", []),
    ("sa-1", "Schulamt für den Testkreis", "SchoolSupervision", []),
    ("sv-1", "Schulverwaltungsamt Testkreis", "SchoolAdministration", []),
    ("jh-1", "Jugendamt Testkreis", "YouthWelfare", []),
    ("ir-1", "Integrationsrat Testkreis", "IntegrationCouncil", []),
]
# id, profession, fte, funding, role
POSITIONS = [
    ("t1", "teacher", 1.0, "state_secondment", "lead"),
    ("t2", "teacher", 1.0, "state_secondment", None),
    ("e1", "educator", 1.0, "state_grant", "deputy"),
    ("e2", "educator", 1.0, "state_grant", None),
    ("a1", "administration", 1.0, "state_grant", None),
    ("s1", "assistant", 0.5, "state_grant", None),
]
# id, title, fields, stages
OFFERS = [
    ("of-1", "Rucksack Kita", ["erziehung_betreuung"], ["fruehe_bildung"]),
    ("of-2", "Seiteneinstieg", ["bildung"], ["primarstufe", "sekundarstufe_1", "sekundarstufe_2"]),
    ("of-3", "Übergangsberatung", ["bildung"], ["uebergang_ausbildung", "uebergang_studium"]),
]


def good_facts() -> CentreFacts:
    """A Kreis's centre that meets every rule of konzept-2012 on DAY."""
    centre = {
        "id": "ki-test", "name": "KI Testkreis", "region": "05999", "region_name": "Testkreis",
        "region_kind": "Kreis", "district": "Arnsberg", "applied_on": APPLIED, "opened_on": D(2013, 1, 1),
        "raa_predecessor": True, "raa_integrated_on": D(2013, 7, 1),
        "concept_id": "konzept-ki-test", "concept_adopted_on": D(2012, 6, 1), "concept_adopted_by": "Kreistag",
        "concept_topics": ["bildung", "querschnitt"], "municipalities_agreed": True,
        "granted_by": [{"id": "bra-dez36", "name": "Bezirksregierung Arnsberg, Dezernat 36"}],
    }
    return CentreFacts(
        centre=centre,
        positions=[dict(zip(requirement.FACT_COLUMNS["positions"], (*p, f"Person {p[0]}"))) for p in POSITIONS],
        cooperations=[dict(zip(requirement.FACT_COLUMNS["cooperations"],
                               (id_, name, type_, "Kooperationsvereinbarung", D(2012, 5, 1), None, fields)))
                      for id_, name, type_, fields in PARTNERS],
        region_partners=[dict(zip(requirement.FACT_COLUMNS["region_partners"], p)) for p in PARTNERS],
        offers=[dict(zip(requirement.FACT_COLUMNS["offers"], o)) for o in OFFERS],
    )


def outcome(rule_id: str, facts: CentreFacts, day: dt.date = DAY, rules=RULES) -> Outcome:
    rule = next(r for r in rules.rules if r.id == rule_id)
    return evaluate_rule(rule, rules, facts, day)


def texts(result: Outcome) -> list[str]:
    return [s["text"] for s in result.suggestions]


# --- changes of one fact --------------------------------------------------------------------

def centre(**values):
    return lambda f: dataclasses.replace(f, centre={**f.centre, **values})


def changed(attribute: str, id_: str, **values):
    return lambda f: dataclasses.replace(
        f, **{attribute: [{**x, **values} if x["id"] == id_ else x for x in getattr(f, attribute)]})


def without(attribute: str, id_: str):
    return lambda f: dataclasses.replace(f, **{attribute: [x for x in getattr(f, attribute) if x["id"] != id_]})


def gone(*ids: str):
    """Neither a cooperation with these partners nor the partners themselves in the region."""
    return lambda f: dataclasses.replace(f, cooperations=[k for k in f.cooperations if k["id"] not in ids],
                                         region_partners=[o for o in f.region_partners if o["id"] not in ids])


def emptied(attribute: str):
    return lambda f: dataclasses.replace(f, **{attribute: []})


# --- the good centre ------------------------------------------------------------------------

def test_good_centre_meets_all_13_rules():
    report = requirement.evaluate(RULES, good_facts(), DAY)
    assert [f.rule.id for f in report.findings] == [f"KI-{n:02}" for n in range(1, 14)]
    assert {f.rule.id: f.outcome.status for f in report.findings} == {f.rule.id: "met" for f in report.findings}
    assert report.open_pflicht_gaps() == []


# --- one fact changed -----------------------------------------------------------------------

CASES = [
    # KI-01 concept adopted
    ("KI-01", centre(concept_adopted_on=DAY + ONE_DAY), "not_met",
     "Das Integrationskonzept wurde erst am 02.06.2024 beschlossen.", None),
    ("KI-01", centre(concept_adopted_on=DAY), "met", "Beschlossen durch Kreistag am 01.06.2024.", None),
    ("KI-01", centre(concept_adopted_by="Rat"), "not_met",
     "Beschlossen durch Rat, erforderlich ist ein Beschluss durch Kreistag.",
     "Beschluss des Integrationskonzepts durch Kreistag herbeiführen."),
    ("KI-01", centre(concept_adopted_by=None), "unknown", "Das beschließende Gremium ist nicht erfasst.",
     "Erfassen, ob Kreistag das Konzept beschlossen hat."),
    ("KI-01", centre(municipalities_agreed=False), "not_met",
     "Das Konzept des Kreises ist nicht mit den kreisangehörigen Gemeinden abgestimmt.",
     "Das Integrationskonzept mit den kreisangehörigen Gemeinden abstimmen."),
    ("KI-01", centre(municipalities_agreed=None), "unknown",
     "Nicht erfasst, ob das Konzept mit den kreisangehörigen Gemeinden abgestimmt ist.",
     "Abstimmung mit den kreisangehörigen Gemeinden erfassen."),
    ("KI-01", centre(region_kind="kreisfreie Stadt", concept_adopted_by="Rat", municipalities_agreed=None), "met",
     "Beschlossen durch Rat am 01.06.2012.", None),
    ("KI-01", centre(region_kind="Stadt mit Sonderstatus"), "not_met",
     "Beschlossen durch Kreistag, erforderlich ist ein Beschluss durch Rat.",
     "Beschluss des Integrationskonzepts durch Rat herbeiführen."),
    ("KI-01", centre(concept_id=None, concept_adopted_on=None), "unknown",
     "Kein Beschluss eines Integrationskonzepts erfasst.",
     "Beschlussdatum und beschließendes Gremium des Integrationskonzepts erfassen."),
    # KI-02 focus topics
    ("KI-02", centre(concept_topics=["bildung"]), "not_met",
     "Es fehlt das Schwerpunktthema: Integration als kommunale Querschnittsaufgabe.",
     "Das Integrationskonzept um „Integration als kommunale Querschnittsaufgabe“ ergänzen."),
    ("KI-02", centre(concept_topics=["querschnitt"]), "not_met", "Es fehlt das Schwerpunktthema: Integration durch Bildung.",
     "Das Integrationskonzept um „Integration durch Bildung“ ergänzen."),
    ("KI-02", centre(concept_topics=[]), "unknown", "Die Schwerpunkte des Integrationskonzepts sind nicht erfasst.",
     "Schwerpunktthemen des Integrationskonzepts erfassen."),
    # KI-03 granting authority
    ("KI-03", centre(granted_by=[{"id": "brk", "name": "Bezirksregierung Köln"}]), "not_met",
     "Bewilligt durch Bezirksregierung Köln, nicht durch die zuständige Bewilligungsbehörde.",
     "Die Bewilligung durch die Bezirksregierung Arnsberg, Dezernat 36, erfassen oder beantragen."),
    ("KI-03", centre(granted_by=[]), "not_met", "Keine Bewilligung durch die Bezirksregierung Arnsberg, Dezernat 36, erfasst.",
     "Die Bewilligung durch die Bezirksregierung Arnsberg, Dezernat 36, erfassen."),
    # KI-04 staffing: the good centre sits exactly on both limits (2 teachers on 2 FTE, 3.5 municipal FTE)
    ("KI-04", without("positions", "t2"), "not_met",
     "Personal entspricht nicht dem Konzept: 1 abgeordnete Lehrkraft mit 1 Stelle (mindestens 2 auf 2 Stellen).",
     "Abordnung weiterer Lehrkräfte beim Land beantragen."),
    ("KI-04", changed("positions", "t2", fte=0.9), "not_met",
     "Personal entspricht nicht dem Konzept: 2 abgeordnete Lehrkräfte mit 1,9 Stellen (mindestens 2 auf 2 Stellen).",
     "Abordnung weiterer Lehrkräfte beim Land beantragen."),
    ("KI-04", changed("positions", "t2", funding="state_grant"), "not_met",
     "Personal entspricht nicht dem Konzept: 1 abgeordnete Lehrkraft mit 1 Stelle (mindestens 2 auf 2 Stellen); "
     "4,5 landesgeförderte kommunale Stellen (höchstens 3,5).", "Abordnung weiterer Lehrkräfte beim Land beantragen."),
    ("KI-04", changed("positions", "s1", fte=1.0), "not_met",
     "Personal entspricht nicht dem Konzept: 4 landesgeförderte kommunale Stellen (höchstens 3,5); "
     "1 landesgeförderte Stelle Assistenzkraft (höchstens 0,5).",
     "Landesgeförderte Stellenanteile auf das zulässige Maß zurückführen oder kommunal finanzieren."),
    ("KI-04", changed("positions", "a1", profession="educator"), "not_met",
     "Personal entspricht nicht dem Konzept: 3 landesgeförderte Stellen pädagogische Fachkraft (höchstens 2).", None),
    ("KI-04", changed("positions", "s1", fte=1.0, funding="municipal"), "met",
     "2 abgeordnete Lehrkräfte auf 2 Stellen, 3 landesgeförderte kommunale Stellen.", None),
    ("KI-04", emptied("positions"), "unknown", "Keine Stellen erfasst.", "Die Stellen des Zentrums erfassen."),
    # KI-05 leadership
    ("KI-05", changed("positions", "t1", role=None), "not_met", "Keine Leitung erfasst.", "Genau eine Leitungsstelle festlegen."),
    ("KI-05", changed("positions", "t2", role="lead"), "not_met", "2 Leitungsstellen erfasst.",
     "Genau eine Leitungsstelle festlegen."),
    ("KI-05", changed("positions", "e1", profession="teacher"), "not_met",
     "Leitung und Stellvertretung haben dieselbe Profession (Lehrkraft).",
     "Die Stellvertretung mit einer anderen Profession als Lehrkraft besetzen."),
    ("KI-05", changed("positions", "e1", role=None), "not_met", "Keine Stellvertretung erfasst.",
     "Eine Stellvertretung aus einer anderen Profession als Lehrkraft benennen."),
    ("KI-05", changed("positions", "t1", funding="municipal"), "not_met",
     "Die Leitung ist an keine der geförderten Stellen gekoppelt.",
     "Die Leitung an eine der vom Land geförderten oder abgeordneten Stellen koppeln."),
    ("KI-05", emptied("positions"), "unknown", "Keine Stellen erfasst.", "Die Stellen mit Leitung und Stellvertretung erfassen."),
    # KI-07 every funded structure of the region: one of two missing names that one
    ("KI-07", without("cooperations", "fs-2"), "not_met",
     "1 von 2 Organisationen (Landesgeförderte Integrationsstruktur) der Region ohne aktive Kooperation.",
     "Kooperation mit Servicestelle Antidiskriminierung Testkreis aufnehmen."),
    ("KI-07", changed("cooperations", "fs-2", until=DAY - ONE_DAY), "not_met",
     "1 von 2 Organisationen (Landesgeförderte Integrationsstruktur) der Region ohne aktive Kooperation.",
     "Kooperation mit Servicestelle Antidiskriminierung Testkreis aufnehmen."),
    ("KI-07", changed("cooperations", "fs-2", until=DAY), "met",
     "Aktive Kooperation mit allen 2 Organisationen (Landesgeförderte Integrationsstruktur) der Region.", None),
    ("KI-07", changed("cooperations", "fs-2", since=DAY + ONE_DAY), "not_met",
     "1 von 2 Organisationen (Landesgeförderte Integrationsstruktur) der Region ohne aktive Kooperation.",
     "Kooperation mit Servicestelle Antidiskriminierung Testkreis aufnehmen."),
    ("KI-07", gone("fs-1", "fs-2"), "unknown",
     "In der Region ist keine Organisation dieses Typs erfasst: Landesgeförderte Integrationsstruktur.",
     "Die Organisationen des Typs „Landesgeförderte Integrationsstruktur“ in der Region erfassen."),
    # KI-10 involved from the start (application on 01.09.2012)
    ("KI-10", changed("cooperations", "jh-1", since=APPLIED + ONE_DAY), "not_met",
     "Nicht von Anfang an (Antrag 01.09.2012) beteiligt: Jugendhilfe.",
     "Beteiligung von Jugendamt Testkreis seit Antragstellung erfassen, falls sie bestand, sonst nachholen."),
    ("KI-10", changed("cooperations", "jh-1", since=APPLIED), "met",
     "Alle geforderten Partner waren beim Antrag am 01.09.2012 beteiligt.", None),
    ("KI-10", changed("cooperations", "jh-1", until=APPLIED - ONE_DAY), "not_met",
     "Nicht von Anfang an (Antrag 01.09.2012) beteiligt: Jugendhilfe.",
     "Beteiligung von Jugendamt Testkreis seit Antragstellung erfassen, falls sie bestand, sonst nachholen."),
    ("KI-10", changed("cooperations", "jh-1", until=APPLIED), "met",
     "Alle geforderten Partner waren beim Antrag am 01.09.2012 beteiligt.", None),
    ("KI-10", gone("wf-1"), "not_met", "Nicht von Anfang an (Antrag 01.09.2012) beteiligt: Wohlfahrtsverband.",
     "Organisation des Typs „Wohlfahrtsverband“ in der Region erfassen."),
    ("KI-10", centre(applied_on=DAY + ONE_DAY), "not_applicable", "Der Antrag wurde erst am 02.06.2024 gestellt.", None),
    ("KI-10", centre(applied_on=None), "unknown", "Das Antragsdatum ist nicht erfasst.", "Das Antragsdatum des Zentrums erfassen."),
    # KI-11 RAA integrated by 31.07.2013, that day included
    ("KI-11", centre(raa_integrated_on=D(2013, 7, 31)), "met",
     "Die RAA wurde am 31.07.2013 eingegliedert (Frist 31.07.2013).", None),
    ("KI-11", centre(raa_integrated_on=D(2013, 8, 1)), "not_met",
     "Die RAA wurde erst am 01.08.2013 eingegliedert, nach der Frist 31.07.2013.", None),
    ("KI-11", centre(raa_integrated_on=None), "unknown", "Das Datum der Eingliederung der RAA ist nicht erfasst.",
     "Das Datum der organisatorischen Eingliederung der RAA erfassen."),
    ("KI-11", centre(raa_predecessor=False, raa_integrated_on=None), "not_applicable",
     "Keine RAA als Vorgänger: die Übergangsregelung gilt nicht.", None),
    ("KI-11", centre(raa_predecessor=None), "unknown", "Nicht erfasst, ob das Zentrum eine RAA als Vorgänger hatte.",
     "Erfassen, ob eine Regionale Arbeitsstelle (RAA) Vorgänger war."),
    # KI-12 core fields: one from an offer, one only from the MSO cooperation
    ("KI-12", changed("offers", "of-1", fields=[]), "not_met", "Nicht abgedeckt: Erziehung und Betreuung.",
     "Ein Angebot im Handlungsfeld „Erziehung und Betreuung“ aufbauen."),
    ("KI-12", changed("cooperations", "mso-1", until=DAY - ONE_DAY), "not_met",
     "Nicht abgedeckt: sprachliche und interkulturelle Bildung.",
     "Mit Verein Brücke e.V. im Handlungsfeld „sprachliche und interkulturelle Bildung“ zusammenarbeiten."),
    ("KI-12", changed("cooperations", "mso-1", until=DAY), "met", "Alle Kern-Handlungsfelder sind abgedeckt.", None),
    # KI-13 Bildungskette
    ("KI-13", changed("offers", "of-3", stages=["uebergang_ausbildung"]), "not_met",
     "Lücke in der Bildungskette: Übergang Studium.", "Ein Angebot für „Übergang Studium“ aufbauen oder vermitteln."),
    ("KI-13", changed("offers", "of-1", stages=[]), "not_met", "Lücke in der Bildungskette: frühe Bildung.",
     "Ein Angebot für „frühe Bildung“ aufbauen oder vermitteln."),
    ("KI-13", emptied("offers"), "unknown", "Keine Angebote erfasst.",
     "Die Angebote des Zentrums mit Bildungsstufen erfassen."),
]


@pytest.mark.parametrize("rule_id, change, status, reason, suggestion", CASES,
                         ids=[f"{case[0]}-{case[2]}-{n}" for n, case in enumerate(CASES)])
def test_one_changed_fact(rule_id, change, status, reason, suggestion):
    result = outcome(rule_id, change(good_facts()))
    assert (result.status, result.reason) == (status, reason)
    if suggestion is not None:
        assert suggestion in texts(result)
    if status == "met":
        assert result.suggestions == []


def test_all_of_type_names_only_the_missing_partner():
    result = outcome("KI-07", without("cooperations", "fs-2")(good_facts()))
    assert texts(result) == ["Kooperation mit Servicestelle Antidiskriminierung Testkreis aufnehmen."]
    assert [(e["name"], e.get("note")) for e in result.evidence] == [
        ("Integrationsagentur AWO Testkreis", None),
        ("Servicestelle Antidiskriminierung Testkreis", "ohne aktive Kooperation")]


# --- at least one partner of a type (KI-06, KI-08, KI-09) ------------------------------------

AT_LEAST_ONE = [("KI-06", "mso-1", "Migrantenselbstorganisation", "Verein Brücke e.V."),
                ("KI-08", "wf-1", "Wohlfahrtsverband", "Caritasverband Testkreis"),
                ("KI-09", "bamf-1", "BAMF-Regionalkoordination", "BAMF-Regionalkoordination Dortmund")]


@pytest.mark.parametrize("rule_id, partner, type_de, name", AT_LEAST_ONE)
@pytest.mark.parametrize("values, active, note", [
    ({"until": DAY - ONE_DAY}, False, "beendet am 31.05.2024"),
    ({"until": DAY}, True, None),
    ({"since": DAY + ONE_DAY}, False, "beginnt erst am 02.06.2024"),
    ({"since": DAY}, True, None),
], ids=["ended-day-before", "ends-on-day", "begins-day-after", "begins-on-day"])
def test_cooperation_is_active_on_both_end_days(rule_id, partner, type_de, name, values, active, note):
    result = outcome(rule_id, changed("cooperations", partner, **values)(good_facts()))
    if active:
        assert (result.status, result.reason) == ("met", f"1 aktive Kooperation mit: {type_de}.")
    else:
        assert (result.status, result.reason) == ("not_met", f"Am 01.06.2024 keine aktive Kooperation mit: {type_de}.")
        assert texts(result) == [f"Kooperation mit {name} aufnehmen."]
        assert [(e["name"], e["note"]) for e in result.evidence] == [(name, note)]


@pytest.mark.parametrize("rule_id, partner, type_de, name", AT_LEAST_ONE)
def test_no_cooperation_suggests_the_partner_in_the_region(rule_id, partner, type_de, name):
    result = outcome(rule_id, without("cooperations", partner)(good_facts()))
    assert (result.status, texts(result)) == ("not_met", [f"Kooperation mit {name} aufnehmen."])


@pytest.mark.parametrize("rule_id, partner, type_de, name", AT_LEAST_ONE)
def test_type_absent_from_region_is_unknown(rule_id, partner, type_de, name):
    result = outcome(rule_id, gone(partner)(good_facts()))
    assert result.status == "unknown"
    assert result.reason == f"Keine Kooperation und in der Region keine Organisation dieses Typs erfasst: {type_de}."
    assert texts(result) == [f"Organisationen des Typs „{type_de}“ in der Region erfassen."]


# --- validity of the rule set and of a rule ------------------------------------------------

def test_rule_set_does_not_apply_before_its_valid_from():
    report = requirement.evaluate(RULES, good_facts(), D(2012, 2, 28))
    assert {(f.outcome.status, f.outcome.reason) for f in report.findings} == {
        ("not_applicable", "Die Regel gilt am 28.02.2012 nicht (Geltung 29.02.2012 bis offen).")}
    assert outcome("KI-03", good_facts(), D(2012, 2, 29)).status == "met"


def test_rule_valid_until_includes_its_last_day():
    rule = dataclasses.replace(next(r for r in RULES.rules if r.id == "KI-03"), valid_from=D(2020, 1, 1), valid_until=DAY)
    rules = dataclasses.replace(RULES, rules=(rule,))
    assert outcome("KI-03", good_facts(), DAY, rules).status == "met"
    after = outcome("KI-03", good_facts(), DAY + ONE_DAY, rules)
    assert (after.status, after.reason) == (
        "not_applicable", "Die Regel gilt am 02.06.2024 nicht (Geltung 01.01.2020 bis 01.06.2024).")
