"""Network analytics: exact values on small graphs (as networkx's own tests do), the two
streaming queries on a small database, and the demo network through `kiz-graph analyse`."""

from __future__ import annotations

import datetime as dt
import json
import math

import networkx as nx
import pytest

from kiz_graph import cli, errors
from kiz_graph.check.requirement import Finding
from kiz_graph.check.rules import Outcome, Rule
from kiz_graph.exchange import seeding
from kiz_graph.network import analytics, read
from kiz_graph.records import edits

D = dt.date
DAY = D(2026, 6, 30)
UNNA = "ki-05978"


def coop(source, target, form="Projekt", since=D(2020, 1, 1), until=None, last_contact=DAY):
    return {"source": source, "target": target, "form": form, "since": since, "until": until,
            "last_contact": last_contact}


def small_network(day=DAY) -> nx.Graph:
    """Centre C with six partners: a triangle a-b-c, a path c-d-e, and f tied only to C;
    candidates x, y (MSOs of C's region) and z (an MSO elsewhere)."""
    g = nx.Graph(day=day, centre="C")
    g.add_node("C", name="KI", type="Centre", region="R", place="Kreis R")
    kinds = {"a": "School", "b": "Daycare", "c": "MigrantOrganisation", "d": "School", "e": "Daycare", "f": "Other"}
    for n, type_ in kinds.items():
        g.add_node(n, name=n.upper() + "-Name", type=type_, region="R", municipality="M1", place="Ort M1")
    g.add_node("x", name="X-MSO", type="MigrantOrganisation", region="R", municipality="M2", place="Ort M2")
    g.add_node("y", name="Y-MSO", type="MigrantOrganisation", region="R", municipality="M2", place="Ort M2")
    g.add_node("z", name="Z-MSO", type="MigrantOrganisation", region="Q", municipality="M9", place="Fern")
    contacts = {"a": D(2025, 7, 1), "b": D(2025, 6, 29), "c": None}
    forms = {"e": "Netzwerk", "f": "informell"}
    for n in kinds:
        g.add_edge("C", n, cooperations=[coop("C", n, forms.get(n, "Projekt"), last_contact=contacts.get(n, DAY))])
    for u, v, form in (("a", "b", "Projekt"), ("b", "c", "Projekt"), ("a", "c", "Projekt"), ("c", "d", "Projekt"),
                       ("d", "e", "informell"), ("x", "a", "Projekt"), ("x", "b", "Projekt"), ("z", "c", "Projekt")):
        g.add_edge(u, v, cooperations=[coop(u, v, form)])
    return g


def gap(kind="cooperates_with_type", params=None, evidence=()):
    rule = Rule(id="KI-06", severity="Pflicht", kind=kind, title="Kooperation mit einer MSO", reference="",
                params=params or {"type": "MigrantOrganisation"})
    return Finding(rule=rule, outcome=Outcome("not_met", "keine", list(evidence)))


def ids(items):
    return [item["id"] for item in items]


# Pure functions on small graphs --------------------------------------------------------------

def test_proximity_counts_common_neighbours_and_weighs_them_by_degree():
    g = nx.Graph([("u", "w1"), ("v", "w1"), ("u", "w2"), ("v", "w2"), ("w2", "t"), ("u", "v2")])
    common, score = analytics.proximity(g, "u", "v")
    assert common == ["w1", "w2"]
    assert score == pytest.approx(1 / math.log(2) + 1 / math.log(3))
    # the statewide degree from the database wins over the degree in the (partial) graph
    g.nodes["w1"]["degree"] = 8
    assert analytics.proximity(g, "u", "v")[1] == pytest.approx(1 / math.log(8) + 1 / math.log(3))
    assert analytics.proximity(g, "u", "v", without=["w1"])[0] == ["w2"]
    # networkx gives the same index where the graph is whole
    del g.nodes["w1"]["degree"]
    ((_, _, expected),) = nx.adamic_adar_index(g, [("u", "v")])
    assert analytics.proximity(g, "u", "v")[1] == pytest.approx(expected)


@pytest.mark.parametrize("day, months, expected", [
    (D(2026, 1, 15), 12, D(2025, 1, 15)),
    (D(2024, 2, 29), 12, D(2023, 2, 28)),
    (D(2026, 3, 31), 1, D(2026, 2, 28)),
    (D(2026, 1, 31), 2, D(2025, 11, 30)),
])
def test_months_before_clamps_to_the_end_of_the_month(day, months, expected):
    assert analytics.months_before(day, months) == expected


def test_measures_of_a_small_network_have_their_exact_values():
    a = analytics.analyse_centre(small_network(), "C", DAY)
    assert a["measures"] == {
        "partners": 6, "cooperations": 6, "ties_among_partners": 5, "density": round(5 / 15, 4),
        "communities": 2, "isolated": 1, "weakly_tied": 2, "stale": 2,
    }
    # c lies on the shortest paths a-d, a-e, b-d, b-e; d on a-e, b-e, c-e; normalised by 10 pairs
    assert [(k["id"], k["degree"], k["betweenness"]) for k in a["key_partners"]] == [
        ("c", 3, 0.4), ("d", 2, 0.3), ("a", 2, 0.0), ("b", 2, 0.0), ("e", 1, 0.0)]
    assert [c["members"] for c in a["communities"]] == [["a", "b", "c"], ["d", "e"]]
    assert a["communities"][0]["types"] == {"School": 1, "Daycare": 1, "MigrantOrganisation": 1}
    assert [(b["id"], b["communities_reached"]) for b in a["brokers"]] == [("c", 1), ("d", 1)]
    assert ids(a["isolated"]) == ["f"]
    assert ids(a["weakly_tied"]) == ["e", "f"]  # only Netzwerk or informell ties
    # no contact recorded comes first, then the oldest; a's contact is within 12 months
    assert [(k["target"], k["last_contact"]) for k in a["stale"]] == [("c", None), ("b", D(2025, 6, 29))]


def test_communities_repeat_with_the_seed():
    g = nx.relabel_nodes(nx.karate_club_graph(), str)
    for n in list(g):
        g.nodes[n].update(name=f"Org {n}", type="Other")
    for u, v in g.edges:
        g.edges[u, v]["cooperations"] = [coop(u, v)]
    g.add_node("C", name="KI", type="Centre")
    for n in list(g):
        if n != "C":
            g.add_edge("C", n, cooperations=[coop("C", n)])
    first = analytics.analyse_centre(g, "C", DAY)["communities"]
    second = analytics.analyse_centre(g.copy(), "C", DAY)["communities"]
    assert [c["members"] for c in first] == [c["members"] for c in second]
    assert sum(c["size"] for c in first) == 34 and len(first) >= 3


def test_a_pflicht_gap_gets_candidates_ranked_by_proximity_with_reasons():
    g = small_network()
    found = analytics.gap_suggestions(g, "C", [gap()])
    # x shares a and b with C, z shares c but is outside the region, y shares nobody but is in it
    assert [s["to"]["id"] for s in found] == ["x", "z", "y"]
    x, z, y = found
    assert x["common_neighbours"] == 2 and ids(x["common"]) == ["a", "b"]
    assert x["adamic_adar"] == round(2 / math.log(4), 4)  # a and b: C, x and one more each
    assert x["reason"] == ("KI-06 (Kooperation mit einer MSO) ist offen; Migrantenselbstorganisation in der Region; "
                           "2 gemeinsame Partner: A-Name, B-Name")
    assert "außerhalb der Region; 1 gemeinsamer Partner: C-Name" in z["reason"]
    assert y["reason"].endswith("in der Region; noch kein gemeinsamer Partner")
    assert all(s["kind"] == "gap" and s["rule"] == "KI-06" and s["from"]["id"] == "C" for s in found)


def test_involved_from_start_suggests_only_the_types_that_are_missing_still():
    g = small_network()
    g.add_node("s", name="Schulamt", type="SchoolSupervision", region="R")
    g.add_node("j", name="Jugendamt", type="YouthWelfare", region="R")
    # youth welfare was involved from the start; an MSO (c) is a partner now, if not from the start
    finding = gap("involved_from_start", {"types": ["SchoolSupervision", "YouthWelfare", "MigrantOrganisation"]},
                  evidence=[{"partner_type": "YouthWelfare", "note": "von Anfang an beteiligt"}])
    assert [s["to"]["id"] for s in analytics.gap_suggestions(g, "C", [finding])] == ["s"]


def test_every_organisation_of_the_region_gets_only_candidates_of_the_region():
    g = small_network()
    finding = gap("cooperates_with_all_of_type", {"type": "MigrantOrganisation"})
    assert [s["to"]["id"] for s in analytics.gap_suggestions(g, "C", [finding])] == ["x", "y"]  # not z


def test_an_organisation_that_no_longer_exists_is_never_suggested():
    g = small_network()
    g.nodes["x"]["ended"] = True
    assert [s["to"]["id"] for s in analytics.gap_suggestions(g, "C", [gap()])] == ["z", "y"]
    g.nodes["e"]["ended"] = True
    assert ("c", "e") not in [(s["from"]["id"], s["to"]["id"]) for s in analytics.local_suggestions(g, "C")]


def test_results_repeat_in_every_process(tmp_path):
    """Louvain and sampled betweenness draw from the node order, which must not follow the
    order of a Python set (it changes with the hash seed of each process)."""
    import subprocess
    import sys

    script = tmp_path / "analyse.py"
    script.write_text(
        "import json, datetime as dt, networkx as nx\n"
        "from kiz_graph.network import analytics\n"
        "g = nx.relabel_nodes(nx.les_miserables_graph(), lambda n: 'o-' + n)\n"
        "for u, v in list(g.edges):\n"
        "    g.edges[u, v]['cooperations'] = [{'source': u, 'target': v, 'form': 'Projekt'}]\n"
        "for n in list(g):\n"
        "    g.nodes[n].update(name=n, type='Other')\n"
        "g.add_node('C', name='KI', type='Centre')\n"
        "for n in sorted(g)[:30]:\n"
        "    if n != 'C':\n"
        "        g.add_edge('C', n, cooperations=[{'source': 'C', 'target': n, 'form': 'Projekt', 'last_contact': None}])\n"
        "analytics.BETWEENNESS_EXACT_UP_TO = 10  # sampled, as for large networks\n"
        "analytics.BETWEENNESS_SAMPLES = 8\n"
        "a = analytics.analyse_centre(g, 'C', dt.date(2026, 1, 1), suggestions=False)\n"
        "print(json.dumps([a['communities'], a['key_partners'], a['brokers']], default=str))\n")
    outputs = set()
    for hash_seed in ("1", "2", "3"):
        env = {**__import__("os").environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_schools_kitas_and_msos_of_one_municipality_are_suggested_to_each_other():
    found = analytics.local_suggestions(small_network(), "C")
    # unconnected pairs of different types in M1: c-e (share d), b-d (share c), a-e (share nobody)
    assert [(s["from"]["id"], s["to"]["id"]) for s in found] == [("c", "e"), ("b", "d"), ("a", "e")]
    assert found[0]["adamic_adar"] == round(1 / math.log(3), 4)  # d: c, e and the centre
    assert found[1]["adamic_adar"] == round(1 / math.log(5), 4)  # c: a, b, d, z and the centre
    assert found[0]["reason"] == ("Migrantenselbstorganisation und Kita in Ort M1, noch ohne Kooperation; "
                                  "1 gemeinsamer Partner: D-Name")
    assert found[2]["common"] == [] and found[2]["reason"].endswith("noch kein gemeinsamer Partner")


def test_change_between_two_days():
    before = small_network(D(2025, 1, 1))
    after = small_network(D(2026, 6, 30))
    before.edges["C", "f"]["cooperations"][0]["until"] = D(2026, 1, 31)  # read today: ended since
    after.remove_node("f")  # partner lost
    after.add_node("g", name="G-Name", type="Daycare", region="R")
    after.add_edge("C", "g", cooperations=[coop("C", "g", since=D(2026, 1, 1))])  # partner gained
    after.add_edge("a", "e", cooperations=[coop("a", "e", since=D(2026, 2, 1))])  # new among partners
    moved = analytics.change(before, after, "C")
    assert [(k["from"]["name"], k["to"]["name"]) for k in moved["new_cooperations"]] == [("A-Name", "E-Name"), ("KI", "G-Name")]
    assert [(k["from"]["name"], k["to"]["name"]) for k in moved["ended_cooperations"]] == [("KI", "F-Name")]
    assert ids(moved["partners_gained"]) == ["g"] and ids(moved["partners_lost"]) == ["f"]
    assert moved["measures"]["partners"] == {"from": 6, "to": 6, "change": 0}
    assert moved["measures"]["ties_among_partners"] == {"from": 5, "to": 6, "change": 1}
    assert moved["measures"]["isolated"] == {"from": 1, "to": 1, "change": 0}  # f went, g came
    assert (moved["from_day"], moved["to_day"]) == (D(2025, 1, 1), D(2026, 6, 30))


def test_statewide_medians_furthest_centres_and_partners_of_several_regions():
    g = nx.Graph(day=DAY)
    for c, region, n_partners in (("k1", "R1", 1), ("k2", "R2", 3), ("k3", "R1", 8)):
        g.add_node(c, name=f"KI {c}", type="Centre", region=region)
        for i in range(n_partners):
            g.add_node(f"{c}-o{i}", name=f"Org {c} {i}", type="School", region=region)
            g.add_edge(c, f"{c}-o{i}", cooperations=[coop(c, f"{c}-o{i}")])
    g.add_node("shared", name="Landesverband", type="MigrantOrganisation", region="R1")
    for c in ("k1", "k2"):
        g.add_edge(c, "shared", cooperations=[coop(c, "shared")])
    g.add_node("same-region", name="Kreisverband", type="WelfareAssociation", region="R1")
    for c in ("k1", "k3"):  # two centres, but one region
        g.add_edge(c, "same-region", cooperations=[coop(c, "same-region")])
    s = analytics.statewide(g, DAY, far=2)
    assert [(row["centre"]["id"], row["measures"]["partners"]) for row in s["centres"]] == [
        ("k1", 3), ("k2", 4), ("k3", 9)]
    assert s["medians"]["partners"] == 4
    assert [(f["centre"]["id"], f["value"], f["difference"]) for f in s["furthest_from_median"]["partners"]] == [
        ("k3", 9, 5), ("k1", 3, -1)]
    assert s["multi_region_partners"]["count"] == 1
    (shared,) = s["multi_region_partners"]["partners"]
    assert shared["id"] == "shared" and ids(shared["centres"]) == ["k1", "k2"]


def test_tables_are_german_text():
    a = analytics.analyse_centre(small_network(), "C", DAY, [gap()])
    a["change"] = analytics.change(small_network(D(2025, 1, 1)), small_network(), "C")
    text = analytics.as_table(a)
    assert "Netzwerkanalyse KI (C), Stand 30.06.2026" in text
    assert "Dichte                             0,3333" in text
    assert "1. KI – X-MSO: KI-06" in text
    assert "Veränderung 01.01.2025 → 30.06.2026" in text
    assert json.loads(analytics.as_json(a))["day"] == "2026-06-30"


# The graph from the database -------------------------------------------------------------------

def org(db, id_, type_, name, **extra):
    edits.create(db, "organisations", {"id": id_, "name": name, "type": type_, "region": "05978", **extra})


def cooperate(db, from_id, to_id, since, until=None, form="Projekt", **extra):
    edits.create(db, "cooperations", {"from_id": from_id, "to_id": to_id, "form": form, "since": since,
                                         "until": until, **extra})


@pytest.fixture
def small_db(db):
    seeding.seed(db)
    org(db, "mso", "MigrantOrganisation", "Elternverein", municipality="05978020")
    org(db, "schule", "School", "Gesamtschule Kamen", municipality="05978020")
    org(db, "kita", "Daycare", "Kita Kamen", municipality="05978020")
    org(db, "alt", "Daycare", "Kita Alt", until="2019-12-31")  # no longer exists on the day
    org(db, "fern", "Other", "Sportverein Dortmund", region="05913")
    org(db, "zweite", "Other", "Dortmunder Verein", region="05913")
    cooperate(db, UNNA, "mso", "2015-03-01", last_contact="2020-05-01")
    cooperate(db, UNNA, "schule", "2018-08-01", last_contact="2018-09-01")
    cooperate(db, UNNA, "kita", "2016-01-01", "2019-06-01")  # ended before the day
    cooperate(db, "mso", "schule", "2019-02-01")
    cooperate(db, "mso", "fern", "2017-01-01")
    cooperate(db, "ki-05913", "fern", "2017-01-01")
    cooperate(db, "ki-05913", "zweite", "2017-01-01")
    return db


def test_a_centres_scope_holds_partners_their_partners_and_the_region(small_db):
    g = read.network(small_db, D(2020, 6, 1), UNNA)
    assert analytics.partners(g, UNNA) == ["mso", "schule"]
    # fern: a partner's partner; kita and alt: in the region; not Dortmund's centre (fern's partner)
    assert set(g) == {UNNA, "mso", "schule", "fern", "kita", "alt"}
    assert g.nodes["alt"]["ended"] and not g.nodes["kita"]["ended"]
    assert {frozenset(e) for e in g.edges} == {frozenset(e) for e in (
        (UNNA, "mso"), (UNNA, "schule"), ("mso", "schule"), ("mso", "fern"))}
    # the degree counts all of fern's partners, Dortmund's centre too
    assert g.nodes["fern"]["degree"] == 2 and g.nodes["fern"]["region"] == "05913"
    assert g.nodes["mso"]["municipality"] == "05978020" and g.nodes["mso"]["place"] == "Kamen"
    assert g.nodes[UNNA]["type"] == "Centre" and g.nodes[UNNA]["region"] == "05978"
    (k,) = g.edges[UNNA, "schule"]["cooperations"]
    assert (k["source"], k["since"], k["last_contact"]) == (UNNA, D(2018, 8, 1), D(2018, 9, 1))


def test_the_state_and_a_centres_scope_give_the_same_analysis(small_db):
    day = D(2020, 6, 1)
    state = read.network(small_db, day)
    # the state's centre networks: every centre and the organisations a centre cooperates with;
    # not the Kitas of the region that cooperate with nobody
    assert {"zweite", "ki-05913", UNNA, "mso", "schule"} <= set(state)
    assert not {"kita", "alt"} & set(state)
    gaps = [gap()]  # as if KI-06 were open: the Kita of the region is no MSO, Dortmund's partners are far
    own = analytics.analyse_centre(read.network(small_db, day, UNNA), UNNA, day, gaps)
    whole = analytics.analyse_centre(state, UNNA, day, gaps)
    assert own == whole
    assert own["measures"]["stale"] == 1  # the school: last contact in 2018
    assert own["suggestions"] == []  # no MSO to suggest, and the school and the MSO are tied


def test_an_unknown_centre_is_refused(small_db):
    with pytest.raises(errors.UnknownCentreError):
        read.network(small_db, DAY, "ki-00000")


# The demo network through the command line ------------------------------------------------------

@pytest.fixture(scope="module")
def demo(module_db):
    seeding.seed_demo(module_db, "demo", 1)
    return module_db


def run_cli(neo4j_settings, monkeypatch, capsys, *args):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.database)
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyse_a_demo_centre_as_json(demo, neo4j_settings, monkeypatch, capsys):
    code, out, _ = run_cli(neo4j_settings, monkeypatch, capsys, "analyse", "--centre", UNNA, "--format", "json")
    assert code == 0
    result = json.loads(out)
    today = dt.date.today()
    g = read.network(demo, today, UNNA)
    assert result["measures"]["partners"] == len(analytics.partners(g, UNNA)) > 20
    assert result["key_partners"] and result["communities"] and result["stale"]
    assert all(k["last_contact"] is None or k["last_contact"] < analytics.months_before(today, 12).isoformat()
               for k in result["stale"])
    assert result["suggestions"] and all(s["reason"] for s in result["suggestions"])
    ranked = [(-s["common_neighbours"], -s["adamic_adar"]) for s in result["suggestions"] if s["kind"] == "local"]
    assert ranked == sorted(ranked)
    # every community member is a partner, and no partner is in two communities
    members = [m for c in result["communities"] for m in c["members"]]
    assert len(members) == len(set(members)) and set(members) <= set(analytics.partners(g, UNNA))


def test_analyse_compare_shows_what_changed(demo, neo4j_settings, monkeypatch, capsys):
    code, out, _ = run_cli(neo4j_settings, monkeypatch, capsys, "analyse", "--centre", UNNA, "--as-of", "2025-06-30",
                           "--compare", "2019-01-01", "--format", "json")
    assert code == 0
    change = json.loads(out)["change"]
    assert (change["from_day"], change["to_day"]) == ("2019-01-01", "2025-06-30")
    before = set(analytics.partners(read.network(demo, D(2019, 1, 1), UNNA), UNNA))
    after = set(analytics.partners(read.network(demo, D(2025, 6, 30), UNNA), UNNA))
    assert set(ids(change["partners_gained"])) == after - before and after - before
    assert set(ids(change["partners_lost"])) == before - after
    assert all("2019-01-01" < k["since"] <= "2025-06-30" for k in change["new_cooperations"])
    assert change["measures"]["partners"] == {"from": len(before), "to": len(after), "change": len(after) - len(before)}

    code, text, _ = run_cli(neo4j_settings, monkeypatch, capsys, "analyse", "--centre", UNNA, "--compare", "2019-01-01")
    assert code == 0 and "Veränderung 01.01.2019" in text and "Neue Partner" in text


def test_analyse_all_centres(demo, neo4j_settings, monkeypatch, capsys):
    code, out, _ = run_cli(neo4j_settings, monkeypatch, capsys, "analyse", "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert len(result["centres"]) == 54
    unna = next(row for row in result["centres"] if row["centre"]["id"] == UNNA)
    alone = analytics.analyse_centre(read.network(demo, dt.date.today(), UNNA), UNNA, dt.date.today())
    assert unna["measures"] == alone["measures"]
    assert set(result["furthest_from_median"]) == set(analytics.MEASURES)


def test_analyse_refuses_an_unknown_centre(demo, neo4j_settings, monkeypatch, capsys):
    code, _, err = run_cli(neo4j_settings, monkeypatch, capsys, "analyse", "--centre", "ki-00000")
    assert code == 2 and "--centre" in err and "ki-00000" in err


def test_no_organisation_fills_the_local_suggestions():
    g = nx.Graph(day=DAY, centre="C")
    g.add_node("C", name="KI", type="Centre")
    g.add_node("m", name="Aaa-Verein", type="MigrantOrganisation", municipality="M1", place="Ort")
    g.add_node("s", name="Schule", type="School", municipality="M1", place="Ort")
    kitas = [f"k{i}" for i in range(12)]
    for n in kitas:
        g.add_node(n, name=f"Kita {n}", type="Daycare", municipality="M1", place="Ort")
    for n in ["m", "s", *kitas]:
        g.add_edge("C", n, cooperations=[coop("C", n)])
    for u, v in (("m", "s"), ("s", "k5"), ("s", "k7")):
        g.add_edge(u, v, cooperations=[coop(u, v)])
    found = [(s["from"]["id"], s["to"]["id"]) for s in analytics.local_suggestions(g, "C")]
    # the MSO shares the school with k5 and k7: first, and then it has had its two pairs;
    # the rest share nobody but the centre and come by name, the school in two pairs only
    assert found == [("m", "k5"), ("m", "k7"), ("k0", "s"), ("k1", "s")]
