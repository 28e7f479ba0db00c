"""The check under the law in force: rule set tintg-2021 (§ 8 TIntG 2021), the switch on
2022-01-01, and a day range across it compared fairly (core, command line, web report)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys

import pytest
from auth import PASSWORD, make_app, signed_in, user_for
from browser_support import chromium
from playwright.sync_api import expect

from bench.browser import live_server
from kiz_graph.check import compare, requirement
from kiz_graph.check.rules import CentreFacts, evaluate_rule, in_force, load_rule_set
from kiz_graph.exchange import importer, seeding
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
    ("TI-01", facts(concept_id=None, concept_adopted_on=None), "unknown",
     "Kein Beschluss eines Integrationskonzepts erfasst."),
    ("TI-01", facts(concept_adopted_on=D(2023, 6, 1)), "not_met",
     "Das Integrationskonzept wurde erst am 01.06.2023 beschlossen."),
    ("TI-04", facts(concept_topics=["bildung", "freie_traeger"]), "met",
     "Das Integrationskonzept sieht die Zusammenarbeit und Abstimmung mit freien Trägern vor."),
    ("TI-04", facts(), "not_met",
     "Das Integrationskonzept sieht nicht vor: Zusammenarbeit und Abstimmung mit freien Trägern."),
    ("TI-04", facts(concept_topics=[]), "unknown", "Die Schwerpunkte des Integrationskonzepts sind nicht erfasst."),
    ("TI-05", facts(), "met", "Das Einvernehmen mit den kreisangehörigen Gemeinden besteht."),
    ("TI-05", facts(municipalities_agreed=False), "not_met",
     "Kein Einvernehmen mit den kreisangehörigen Gemeinden erfasst."),
    ("TI-05", facts(municipalities_agreed=None), "unknown",
     "Nicht erfasst, ob das Einvernehmen mit den kreisangehörigen Gemeinden besteht."),
    ("TI-05", facts(region_kind="kreisfreie Stadt", municipalities_agreed=None), "not_applicable",
     "Nur ein Kreis hat kreisangehörige Gemeinden."),
])
def test_concept_rules(rule_id, f, status, reason):
    result = judge(rule_id, f)
    assert (result.status, result.reason) == (status, reason)


def test_ti02_ti03_reuse_the_granting_authority_and_the_decrees_staffing():
    granted = [{"id": "bra-dez36", "name": "Bezirksregierung Arnsberg, Dezernat 36"}]
    assert judge("TI-02", facts(granted_by=granted)).status == "met"
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
    offers = [{"id": "o1", "title": "Griffbereit", "fields": [], "stages": ["fruehe_bildung", "primarstufe"],
               "task": None},
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
    assert missing.status == "not_met"
    assert missing.reason == "Am 01.03.2023 keine aktive Kooperation mit: freien Trägern."
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


# --- on the graph: the switch, the comparison, the command line, the web report ----------------

@pytest.fixture(scope="module")
def unna(module_db):
    """Kreis Unna with a concept naming freie Träger and a volunteer initiative that joins in March 2022."""
    seeding.seed(module_db)
    edits.save_centre_facts(module_db, UNNA, {"concept_adopted_on": "2012-03-01", "concept_adopted_by": "Kreistag",
                                              "municipalities_agreed": True, "concept_topics": "bildung|freie_traeger"})
    edits.create(module_db, "organisations", {"id": "ehrenamt-1", "name": "Flüchtlingshilfe Kamen e.V.",
                                              "type": "VolunteerInitiative", "region": "05978"})
    edits.create(module_db, "cooperations", {"from_id": UNNA, "to_id": "ehrenamt-1", "form": "Projekt",
                                             "since": "2022-03-01"})
    return module_db


def test_the_check_applies_the_law_in_force_on_the_day(unna):
    before = requirement.check(unna, centre=UNNA, as_of=D(2021, 12, 31))
    after = requirement.check(unna, centre=UNNA, as_of=D(2022, 1, 1))
    assert before.rule_set.name == "konzept-2012" and before.centres[0].findings[0].rule.id == "KI-01"
    assert after.rule_set.title.startswith("Teilhabe- und Integrationsgesetz NRW vom 25.11.2021, § 8")
    assert [f.rule.id for f in after.centres[0].findings] == [f"TI-{i:02d}" for i in range(1, 11)]
    findings = {f.rule.id: f.outcome.status for f in after.centres[0].findings}
    assert findings["TI-04"] == "met" and findings["TI-09"] == "not_met"  # the initiative joins in March
    later = requirement.check(unna, centre=UNNA, as_of=D(2022, 3, 1))
    assert {f.rule.id: f.outcome.status for f in later.centres[0].findings}["TI-09"] == "met"
    pinned = requirement.check(unna, centre=UNNA, as_of=D(2022, 1, 1), rule_set="konzept-2012")
    assert pinned.rule_set.name == "konzept-2012" and pinned.law().endswith("(am 01.01.2022 nicht in Kraft)")
    assert pinned.centres[0].findings[0].outcome.status == "met"  # the old law still judges when asked for


def test_a_range_across_2022_compares_the_two_laws_fairly(unna):
    result = compare.compare(unna, UNNA, D(2022, 1, 1), D(2021, 12, 31))  # either order
    assert (result.before.rule_set.name, result.after.rule_set.name) == ("konzept-2012", "tintg-2021")
    pairs = [(a.rule.id, b.rule.id) for a, b in result.pairs]
    assert pairs == [("KI-01", "TI-01"), ("KI-03", "TI-02"), ("KI-04", "TI-03"), ("KI-01", "TI-05"),
                     ("KI-13", "TI-06"), ("KI-08", "TI-08")]
    assert [f.rule.id for f in result.only_before] == ["KI-02", "KI-05", "KI-06", "KI-07", "KI-09", "KI-10",
                                                       "KI-11", "KI-12"]
    assert [f.rule.id for f in result.only_after] == ["TI-04", "TI-07", "TI-09", "TI-10"]
    assert compare.headings(result) == {"pairs": "Regeln mit Gegenstück (Konzept 2012 → TIntG 2021)",
                                        "only_before": "Nur nach Konzept 2012", "only_after": "Neu seit TIntG 2021"}
    same = compare.compare(unna, UNNA, D(2022, 1, 1), D(2022, 3, 1))
    assert not same.only_before and not same.only_after
    moved = [(a.rule.id, a.outcome.status, b.outcome.status) for a, b in same.pairs
             if a.outcome.status != b.outcome.status]
    assert moved == [("TI-09", "not_met", "met")]


def test_the_command_line_names_the_law_and_compares(unna, neo4j_settings):
    env = {"NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": neo4j_settings.database,
           "PATH": "/usr/bin:/bin"}

    def kiz(*args):
        return subprocess.run([sys.executable, "-m", "kiz_graph.cli", "check", "--centre", UNNA, *args],
                              capture_output=True, text=True, env=env)

    old = kiz("--as-of", "2021-12-31").stdout
    assert old.startswith("Regelwerk konzept-2012, Stand 31.12.2021: Konzept der Kommunalen Integrationszentren")
    new = json.loads(kiz("--as-of", "2022-01-01", "--format", "json").stdout)
    assert new["rule_set"] == "tintg-2021" and new["centres"][0]["findings"][0]["rule"] == "TI-01"
    rows = kiz("--as-of", "2022-01-01", "--format", "csv").stdout.splitlines()
    assert rows[0].endswith(",rule_set") and rows[1].endswith(",tintg-2021") and len(rows) == 11
    text = kiz("--as-of", "2022-01-01", "--compare", "2021-12-31").stdout
    assert "  31.12.2021: Konzept der Kommunalen Integrationszentren" in text
    assert "Nur nach Konzept 2012:" in text and "Neu seit TIntG 2021:" in text
    assert "KI-01 (Pflicht) erfüllt" in text and "→ TI-01 (Pflicht) erfüllt" in text
    pinned = kiz("--as-of", "2022-01-01", "--rule-set", "konzept-2012").stdout
    assert pinned.startswith("Regelwerk konzept-2012, Stand 01.01.2022:") and "nicht in Kraft" in pinned.splitlines()[0]
    refused = subprocess.run([sys.executable, "-m", "kiz_graph.cli", "check", "--compare", "2021-12-31"],
                             capture_output=True, text=True, env=env)
    assert refused.returncode == 2 and "--compare vergleicht ein Zentrum (--centre)" in refused.stderr


@pytest.fixture(scope="module")
def staff(unna):
    return signed_in(make_app(unna), user_for(unna, "centre_staff", UNNA))


def test_the_web_report_names_the_law_of_the_day_and_compares_a_range(staff):
    old = staff.get(f"/zentren/{UNNA}/pruefung?stichtag=31.12.2021").get_data(as_text=True)
    assert "Regelwerk Konzept der Kommunalen Integrationszentren" in old and "KI-01 ·" in old and "TI-01" not in old
    new = staff.get(f"/zentren/{UNNA}/pruefung?stichtag=2022-01-01").get_data(as_text=True)
    assert "Regelwerk Teilhabe- und Integrationsgesetz NRW vom 25.11.2021" in new and "TI-10 ·" in new
    assert 'name="von" type="date" value="2021-01-01"' in new  # the comparison form offers the year before
    response = staff.get(f"/zentren/{UNNA}/pruefung?von=2021-12-31&bis=2022-01-01")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    for heading in ("Regeln mit Gegenstück (Konzept 2012 → TIntG 2021)", "Nur nach Konzept 2012",
                    "Neu seit TIntG 2021"):
        assert f"<caption>{heading}</caption>" in text
    order = [text.index(part) for part in ("Nur nach Konzept 2012", "KI-06", "Neu seit TIntG 2021", "TI-09")]
    assert order == sorted(order)
    for query, message in (("von=gestern&bis=2022-01-01", "Von: "), ("von=2021-12-31", "Bis: Für den Vergleich fehlt")):
        refused = staff.get(f"/zentren/{UNNA}/pruefung?{query}")
        assert refused.status_code == 400 and message in refused.get_data(as_text=True)


def test_staff_compares_two_days_across_2022_in_a_browser(unna):
    username = user_for(unna, "centre_staff", UNNA)
    with live_server(make_app(unna, TESTING=False, WTF_CSRF_ENABLED=True)) as url, chromium() as browser:
        page = browser.new_context(base_url=url, locale="de-DE").new_page()
        page.goto("/anmelden")
        page.get_by_label("Benutzername").fill(username)
        page.get_by_label("Passwort").fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        page.goto(f"/zentren/{UNNA}/pruefung?stichtag=2022-01-01")
        expect(page.locator(".context")).to_contain_text("Regelwerk Teilhabe- und Integrationsgesetz NRW")
        compare_form = page.get_by_role("form", name="Zwei Tage vergleichen")
        compare_form.get_by_label("Vergleichen von").fill("2021-12-31")
        compare_form.get_by_role("button", name="Vergleichen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Prüfung des Kooperationsgebots im Vergleich")
        for caption in ("Regeln mit Gegenstück (Konzept 2012 → TIntG 2021)", "Nur nach Konzept 2012",
                        "Neu seit TIntG 2021"):
            expect(page.get_by_role("table", name=caption)).to_be_visible()
        pairs = page.get_by_role("table", name="Regeln mit Gegenstück (Konzept 2012 → TIntG 2021)")
        expect(pairs.locator("tr", has_text="TI-01")).to_contain_text("KI-01")


def test_the_new_model_parts_import_from_a_german_csv_written_by_hand(unna, tmp_path):
    files = {
        "organisationen.csv": "Name;Typ;Region;Gemeinde\n"
                              "Willkommensinitiative Moers;Ehrenamtsinitiative;Kreis Wesel;Moers\n",
        "zentren.csv": "Kennung;Konzept beschlossen am;Schwerpunkte;Einvernehmen mit den Gemeinden\n"
                       "ki-05170;12.03.2013;Integration durch Bildung|freie Träger;ja\n",
        "angebote.csv": "Titel;Anbieter;Aufgabe;Zielgruppe\n"
                        "Fortbildung Elternarbeit in der Kita;ki-05170;Qualifizierungsangebot;Fachkräfte in Kitas\n",
        "kooperationen.csv": "Von;Mit;Form;Seit\nki-05170;Willkommensinitiative Moers;Projekt;01.03.2022\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_bytes(text.replace("\n", "\r\n").encode("utf-8-sig"))
    importer.import_paths(unna, [tmp_path])
    centre = edits.get(unna, "centres", "ki-05170")
    assert centre["concept_topics"] == ["bildung", "freie_traeger"] and centre["municipalities_agreed"] is True
    report = requirement.check(unna, centre="ki-05170", as_of=D(2022, 6, 1))
    statuses = {f.rule.id: f.outcome.status for f in report.centres[0].findings}
    assert {rule: statuses[rule] for rule in ("TI-04", "TI-05", "TI-09", "TI-10")} == dict.fromkeys(
        ("TI-04", "TI-05", "TI-09", "TI-10"), "met")
