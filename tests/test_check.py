"""The cooperation requirement (rule set konzept-2012): each rule on small graphs made for it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from kiz_graph import demo
from kiz_graph.check import requirement
from kiz_graph.errors import RuleSetError, UnknownCentreError
from kiz_graph.exchange import seeding
from kiz_graph.records import edits

D = dt.date
DAY = D(2020, 6, 1)
UNNA = "ki-05978"  # a Kreis
DORTMUND = "ki-05913"  # a kreisfreie Stadt


def status(db, rule: str, centre: str = UNNA, day: dt.date = DAY) -> str:
    return finding(db, rule, centre, day)["status"]


def finding(db, rule: str, centre: str = UNNA, day: dt.date = DAY) -> dict:
    report = requirement.check(db, centre=centre, as_of=day).as_json()
    return next(f for f in report["centres"][0]["findings"] if f["rule"] == rule)


def org(db, id_: str, type_: str, name: str, region: str = "05978", **extra) -> None:
    edits.create(db, "organisations", {"id": id_, "name": name, "type": type_, "region": region, **extra})


def cooperate(db, to_id: str, since: str, until: str | None = None, centre: str = UNNA, **extra) -> None:
    edits.create(db, "cooperations", {"from_id": centre, "to_id": to_id, "form": extra.pop("form", "Projekt"),
                                         "since": since, "until": until, **extra})


def facts(db, centre: str = UNNA, **values) -> None:
    edits.save_centre_facts(db, centre, values)


def position(db, id_: str, profession: str, fte: float, funding: str, role: str | None = None, centre: str = UNNA):
    edits.create(db, "positions", {"id": id_, "centre_id": centre, "profession": profession, "fte": fte,
                                      "funding": funding, "role": role})


@pytest.fixture
def g(db):
    seeding.seed(db)
    return db


# KI-01 -------------------------------------------------------------------------------------

def test_ki01_concept_adopted(g):
    assert status(g, "KI-01") == "unknown"
    facts(g, concept_adopted_on="2012-03-01", concept_adopted_by="Kreistag", municipalities_agreed=True)
    assert status(g, "KI-01") == "met"
    facts(g, concept_adopted_on="2012-03-01", concept_adopted_by="Kreistag", municipalities_agreed=False)
    result = finding(g, "KI-01")
    assert result["status"] == "not_met" and "nicht mit den kreisangehörigen Gemeinden abgestimmt" in result["reason"]
    facts(g, concept_adopted_on="2012-03-01", concept_adopted_by="Rat", municipalities_agreed=True)
    assert status(g, "KI-01") == "not_met"  # a Kreis's concept is the Kreistag's
    facts(g, concept_adopted_on="2021-03-01", concept_adopted_by="Kreistag", municipalities_agreed=True)
    assert status(g, "KI-01") == "not_met"  # not yet adopted on the day asked about
    # A kreisfreie Stadt needs its Rat and no agreement of municipalities.
    facts(g, DORTMUND, concept_adopted_on="2012-03-01", concept_adopted_by="Rat")
    assert status(g, "KI-01", DORTMUND) == "met"


# KI-02 -------------------------------------------------------------------------------------

def test_ki02_both_focus_topics(g):
    assert status(g, "KI-02") == "unknown"
    facts(g, concept_adopted_on="2012-03-01", concept_topics="bildung|querschnitt")
    assert status(g, "KI-02") == "met"
    facts(g, concept_adopted_on="2012-03-01", concept_topics="bildung")
    result = finding(g, "KI-02")
    assert result["status"] == "not_met" and "Querschnittsaufgabe" in result["reason"]


# KI-03 -------------------------------------------------------------------------------------

def test_ki03_granting_authority(g):
    assert status(g, "KI-03") == "met"  # the seeds record the paper's granting authority
    facts(g, granted_by=None)
    assert status(g, "KI-03") == "not_met"
    org(g, "br-ddorf", "Authority", "Bezirksregierung Düsseldorf", region=None)
    facts(g, granted_by="br-ddorf")
    result = finding(g, "KI-03")
    assert result["status"] == "not_met" and result["evidence"][0]["id"] == "br-ddorf"


# KI-04 and KI-05 ---------------------------------------------------------------------------

def _full_staff(g):
    position(g, "p-t1", "teacher", 1.0, "state_secondment", "lead")
    position(g, "p-t2", "teacher", 1.0, "state_secondment")
    position(g, "p-e1", "educator", 1.0, "state_grant", "deputy")
    position(g, "p-e2", "educator", 1.0, "state_grant")
    position(g, "p-a1", "administration", 1.0, "state_grant")
    position(g, "p-s1", "assistant", 0.5, "state_grant")


def test_ki04_staffing(g):
    assert status(g, "KI-04") == "unknown"
    _full_staff(g)
    assert status(g, "KI-04") == "met"
    edits.end(g, "positions", "p-t2", "2019-12-31")  # ended before the day: one teacher left
    result = finding(g, "KI-04")
    assert result["status"] == "not_met" and "1 abgeordnete Lehrkraft mit" in result["reason"]
    assert status(g, "KI-04", day=D(2019, 6, 1)) == "met"


def test_ki04_too_many_state_funded_municipal_posts(g):
    _full_staff(g)
    position(g, "p-e3", "educator", 0.5, "state_grant")
    result = finding(g, "KI-04")
    assert result["status"] == "not_met" and "4 landesgeförderte kommunale Stellen (höchstens 3,5)" in result["reason"]


def test_ki05_lead_and_deputy_of_another_profession(g):
    assert status(g, "KI-05") == "unknown"
    _full_staff(g)
    assert status(g, "KI-05") == "met"
    edits.update(g, "positions", "p-e1", {"role": None})
    edits.update(g, "positions", "p-t2", {"role": "deputy"})  # a deputy of the lead's profession
    result = finding(g, "KI-05")
    assert result["status"] == "not_met" and "dieselbe Profession (Lehrkraft)" in result["reason"]
    edits.update(g, "positions", "p-t2", {"role": None})
    assert "Keine Stellvertretung" in finding(g, "KI-05")["reason"]


# KI-06, KI-08, KI-09: at least one active cooperation with a type ----------------------------

def test_ki06_an_active_cooperation_with_an_mso(g):
    assert status(g, "KI-06") == "unknown"  # none recorded in the region at all
    org(g, "mso-1", "MigrantOrganisation", "Deutsch-Türkischer Elternverein Kamen e.V.")
    org(g, "mso-2", "MigrantOrganisation", "Afrikanischer Kulturverein Unna e.V.")
    result = finding(g, "KI-06")
    assert result["status"] == "not_met"
    assert {s["id"] for s in result["suggestions"]} == {"mso-1", "mso-2"}

    cooperate(g, "mso-1", "2014-01-01", until="2019-12-31")  # ended before the day
    result = finding(g, "KI-06")
    assert result["status"] == "not_met" and "beendet am 31.12.2019" in result["evidence"][0]["note"]

    cooperate(g, "mso-2", "2020-09-01")  # starts after the day
    result = finding(g, "KI-06")
    assert result["status"] == "not_met"
    assert any("beginnt erst am 01.09.2020" in e.get("note", "") for e in result["evidence"])
    assert status(g, "KI-06", day=D(2020, 9, 1)) == "met"  # the first day counts
    assert status(g, "KI-06", day=D(2019, 12, 31)) == "met"  # so does the last


def test_ki08_welfare_and_ki09_bamf_are_soll_rules(g):
    for rule in ("KI-08", "KI-09"):
        assert finding(g, rule)["severity"] == "Soll"
    assert status(g, "KI-09") == "unknown"
    org(g, "awo-unna", "WelfareAssociation", "AWO Unterbezirk Unna", federation="AWO")
    org(g, "bamf-unna", "BamfCoordinator", "BAMF-Regionalkoordination für den Kreis Unna")
    assert status(g, "KI-08") == "not_met" and status(g, "KI-09") == "not_met"
    cooperate(g, "awo-unna", "2015-01-01")
    cooperate(g, "bamf-unna", "2016-01-01", form="informell")
    assert status(g, "KI-08") == "met" and status(g, "KI-09") == "met"


# KI-07: every funded structure of the region ------------------------------------------------

def test_ki07_every_funded_structure_of_the_region(g):
    assert status(g, "KI-07") == "unknown"
    org(g, "ia-1", "FundedStructure", "Integrationsagentur der AWO Unna", programme="integrationsagentur")
    org(g, "sada-1", "FundedStructure", "Servicestelle für Antidiskriminierungsarbeit Unna",
        programme="servicestelle_antidiskriminierung")
    org(g, "ia-dortmund", "FundedStructure", "Integrationsagentur Dortmund", region="05913")
    cooperate(g, "ia-1", "2014-01-01")
    result = finding(g, "KI-07")
    assert result["status"] == "not_met"
    assert [s["id"] for s in result["suggestions"]] == ["sada-1"]  # not Dortmund's
    cooperate(g, "sada-1", "2016-05-01")
    assert status(g, "KI-07") == "met"


# KI-10: involved from the start -------------------------------------------------------------

def test_ki10_involved_from_the_start(g):
    assert status(g, "KI-10") == "unknown"  # no application date
    facts(g, applied_on="2012-09-01")
    partners = {
        "SchoolSupervision": "Schulamt für den Kreis Unna",
        "SchoolAdministration": "Schulverwaltungsamt Kreis Unna",
        "YouthWelfare": "Jugendamt Kreis Unna",
        "WelfareAssociation": "Caritasverband für den Kreis Unna e.V.",
        "IntegrationCouncil": "Integrationsausschuss des Kreises Unna",
    }
    for number, (type_, name) in enumerate(partners.items()):
        org(g, f"p{number}", type_, name)
    for number in range(4):
        cooperate(g, f"p{number}", "2012-06-01", until="2013-12-31", form="Beteiligung")
    cooperate(g, "p4", "2012-10-01", form="Beteiligung")  # involved only after the application
    result = finding(g, "KI-10")
    assert result["status"] == "not_met"
    assert "Integrationsrat" in result["reason"]
    assert any("erst nach dem Antrag" in e.get("note", "") for e in result["evidence"])
    assert [s["id"] for s in result["suggestions"]] == ["p4"]

    # one involvement per partner (and form): a corrected start, on the day of application
    edits.update(g, "cooperations", (UNNA, "p4", "Beteiligung"), {"since": "2012-09-01"})
    assert status(g, "KI-10") == "met"  # ended involvements still count: they were there from the start
    assert status(g, "KI-10", day=D(2012, 8, 1)) == "not_applicable"  # not applied yet


# KI-11: the RAA deadline ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("predecessor", "integrated", "expected"),
    [
        (None, None, "unknown"),
        (False, None, "not_applicable"),
        (True, None, "unknown"),
        (True, "2013-07-31", "met"),  # the day itself still meets it
        (True, "2013-08-01", "not_met"),
    ],
)
def test_ki11_raa_integrated_by_31_july_2013(g, predecessor, integrated, expected):
    facts(g, raa_predecessor=predecessor, raa_integrated_on=integrated)
    assert status(g, "KI-11") == expected


# KI-12 and KI-13: fields of action and the Bildungskette -------------------------------------

def test_ki12_core_fields_by_offers_or_cooperations(g):
    assert status(g, "KI-12") == "unknown"
    org(g, "awo-1", "WelfareAssociation", "AWO Unterbezirk Unna", fields="erziehung_betreuung")
    edits.create(g, "offers", {"id": "o1", "title": "Rucksack KiTa", "provider_id": UNNA,
                               "fields": "bildung|sprachliche_interkulturelle_bildung"})
    result = finding(g, "KI-12")
    assert result["status"] == "not_met" and "Erziehung und Betreuung" in result["reason"]
    assert result["suggestions"][0]["id"] == "awo-1"  # a partner of the region active in that field
    cooperate(g, "awo-1", "2015-01-01", fields="erziehung_betreuung")
    assert status(g, "KI-12") == "met"


def test_ki13_the_whole_bildungskette(g):
    assert status(g, "KI-13") == "unknown"
    edits.create(g, "offers", {"id": "o1", "title": "Griffbereit", "provider_id": UNNA,
                               "stages": "fruehe_bildung|primarstufe|sekundarstufe_1|sekundarstufe_2"})
    edits.create(g, "offers", {"id": "o2", "title": "Übergangsbegleitung", "provider_id": UNNA,
                               "stages": "uebergang_ausbildung"})
    result = finding(g, "KI-13")
    assert result["status"] == "not_met" and "Übergang Studium" in result["reason"]
    edits.create(g, "offers", {"id": "o3", "title": "Studienorientierung", "provider_id": UNNA,
                               "stages": "uebergang_studium", "until": "2020-05-31"})
    assert status(g, "KI-13") == "not_met"  # that offer ended before the day
    assert status(g, "KI-13", day=D(2020, 5, 1)) == "met"


# The report ---------------------------------------------------------------------------------

def test_unknown_centre_and_rule_set_are_refused(g):
    with pytest.raises(UnknownCentreError):
        requirement.check(g, centre="ki-99999")
    with pytest.raises(RuleSetError, match="unknown rule set 'tintg-2099'"):
        requirement.check(g, rule_set="tintg-2099")


def test_the_matrix_takes_five_queries_whatever_the_number_of_centres(g):
    calls = []
    original = type(g).read

    def counting_read(self, name, **params):
        calls.append(name)
        return original(self, name, **params)

    type(g).read = counting_read
    try:
        report = requirement.check(g, as_of=DAY)
    finally:
        type(g).read = original
    assert len(report.centres) == 54 and all(len(c.findings) == 13 for c in report.centres)
    assert len(calls) == 5


def test_the_demo_network_meets_and_misses_every_rule_as_designed(db):
    seeding.seed_demo(db, "demo", 1)
    report = requirement.check(db, rule_set="konzept-2012").as_json()  # the demo is designed for it
    assert report["rule_set"] == "konzept-2012" and len(report["centres"]) == 54
    by_rule: dict[str, set] = {}
    for centre in report["centres"]:
        assert [f["rule"] for f in centre["findings"]] == [f"KI-{i:02d}" for i in range(1, 14)]
        for f in centre["findings"]:
            by_rule.setdefault(f["rule"], set()).add(f["status"])
    for rule, statuses in by_rule.items():
        assert {"met", "not_met"} <= statuses, rule
    today = requirement.check(db, as_of=D(2025, 1, 1)).as_json()  # under tintg-2021, as the demo adds it
    assert today["rule_set"] == "tintg-2021"
    for rule in [f"TI-{i:02d}" for i in range(1, 11)]:
        statuses = {f["status"] for c in today["centres"] for f in c["findings"] if f["rule"] == rule}
        # TI-08 (Nr. 2): every demo centre cooperates with a municipal office and a freier Träger
        assert "met" in statuses and (rule == "TI-08" or statuses & {"not_met", "unknown"}), (rule, statuses)

    regions = [dict(row) for row in seeding.read_seed("regions")]
    designed = demo.deliberate_gaps(regions, seed=1)
    found = {c["id"]: sorted(f["rule"] for f in c["findings"] if f["status"] in ("not_met", "unknown"))
             for c in report["centres"]}
    assert found == designed


def test_cli_json_contract_strict_and_errors(db, neo4j_settings):
    seeding.seed_demo(db, "demo", 1)
    env = {"NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": neo4j_settings.database,
           "PATH": "/usr/bin:/bin"}

    def kiz(*args):
        return subprocess.run([sys.executable, "-m", "kiz_graph.cli", *args], capture_output=True, text=True, env=env)

    result = kiz("check", "--centre", UNNA, "--as-of", "2026-01-01", "--format", "json", "--rule-set", "konzept-2012")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"rule_set", "as_of", "centres"} and report["as_of"] == "2026-01-01"
    centre = report["centres"][0]
    assert centre["id"] == UNNA and centre["name"] == "Kommunales Integrationszentrum Kreis Unna"
    assert {"rule", "severity", "status", "reference", "evidence", "suggestions"} <= set(centre["findings"][0])

    old = ("--rule-set", "konzept-2012")  # the demo is designed for it
    assert kiz("check", "--strict", "--centre", UNNA, *old).returncode == 3  # Unna misses KI-07 in the demo
    assert kiz("check", "--strict", "--centre", "ki-05111", *old).returncode == 0  # Düsseldorf meets every Pflicht
    for args, message in (
        (("--centre", "ki-00000"), "unknown centre 'ki-00000'"),
        (("--rule-set", "nope"), "unknown rule set 'nope'"),
        (("--as-of", "31.12.2020"), "not a day in the form YYYY-MM-DD"),
    ):
        failed = kiz("check", *args)
        assert failed.returncode == 2 and message in failed.stderr
    csv_out = kiz("check", "--format", "csv", "--centre", UNNA, *old)
    assert csv_out.stdout.splitlines()[0].startswith("centre_id,centre,rule,severity,status")
    assert len(csv_out.stdout.splitlines()) == 14
