"""The export for network tools: a centre's network on a small graph made for it, the whole
demo network, and GraphML, GEXF and JSON read back by networkx and json."""

from __future__ import annotations

import io
import json
import pathlib

import igraph
import networkx as nx
import pytest
from demo_support import small_demo
from lxml import etree

from kiz_graph.errors import UnknownCentreError
from kiz_graph.exchange import seeding
from kiz_graph.network.graph_files import export_network, network, to_gexf, to_graphml, to_json
from kiz_graph.records import edits, writer

UNNA = "ki-05978"
DORTMUND = "ki-05913"
MODEL_LABELS = {"Region", "Municipality", "Centre", "IntegrationConcept", "Organisation", "Person", "Position",
                "Network", "Offer", "FieldOfAction", "EducationStage"}
NAME_A = "Türkisch-Deutscher Elternverein <&> Freunde Ünna e.V."


def org(db, id_: str, type_: str, name: str, region: str = "05978", **extra) -> None:
    edits.create(db, "organisations", {"id": id_, "name": name, "type": type_, "region": region, **extra})


def cooperate(db, from_id: str, to_id: str, since: str, until: str | None = None, **extra) -> None:
    edits.create(db, "cooperations", {"from_id": from_id, "to_id": to_id, "form": extra.pop("form", "Projekt"),
                                         "since": since, "until": until, **extra})


def person(db, id_: str, name: str, workplace: str, consent: str, **extra) -> None:
    edits.create(db, "persons", {"id": id_, "name": name, "organisation_id": workplace, "consent": consent,
                                    "consent_date": None if consent == "none" else "2019-05-02", **extra})


@pytest.fixture
def small(db):
    """Unna's network, with a little of Dortmund's beside it."""
    seeding.seed(db)
    edits.save_centre_facts(db, UNNA, {"concept_adopted_on": "2012-03-01", "concept_adopted_by": "Kreistag",
                                          "concept_topics": "bildung|querschnitt", "municipalities_agreed": True})
    org(db, "org-a", "MigrantOrganisation", NAME_A, languages=["tr", "ar"], fields=["bildung"])
    org(db, "org-b", "FundedStructure", "Integrationsagentur der AWO Unna", municipality="05978004")
    org(db, "org-c", "MigrantOrganisation", "Afrikanischer Kulturverein Dortmund", region="05913")
    org(db, "org-d", "Other", "Heimatverein Bönen", municipality="05978008")  # no tie to the centre
    org(db, "org-e", "School", "Grundschule Fröndenberg", municipality="05978012")
    cooperate(db, UNNA, "org-a", "2015-03-01", form="Kooperationsvereinbarung", fields=["bildung"],
              note="Grüße & <Dank>")
    cooperate(db, UNNA, "org-b", "2014-01-01", "2019-12-31")  # ended: still part of the network
    cooperate(db, "org-a", "org-b", "2016-05-01")  # between two partners
    cooperate(db, "org-a", "org-c", "2017-01-01")  # to an organisation outside the network
    cooperate(db, DORTMUND, "org-c", "2016-01-01")
    person(db, "per-1", "Jürgen Öztürk", "org-a", "public", languages=["de", "tr"])
    person(db, "per-2", "Maria Schmitz", "org-b", "none")  # no consent: never exported
    person(db, "per-3", "Amina Diallo", "org-c", "public")  # Dortmund's partner
    person(db, "per-4", "Petra Weiß", UNNA, "internal", function="Leitung")
    edits.create(db, "positions", {"id": "pos-1", "centre_id": UNNA, "profession": "teacher", "fte": 0.5,
                                      "funding": "state_secondment", "person_id": "per-4"})
    edits.create(db, "networks", {"id": "net-1", "name": "Arbeitskreis Übergang Schule–Beruf", "centre_id": UNNA})
    edits.create(db, "network_members", {"network_id": "net-1", "organisation_id": "org-e", "since": "2018-01-01"})
    edits.create(db, "offers", {"id": "off-1", "title": "Rucksack Grundschule", "provider_id": UNNA,
                                   "fields": ["bildung"], "stages": ["primarstufe"], "municipality": "05978004"})
    return db


SCHEMAS = pathlib.Path(__file__).parent / "data" / "xsd"


def valid(data: bytes, schema: str) -> bool:
    """Whether ``data`` validates against a vendored schema (tests/data/xsd/README.md)."""
    xsd = etree.XMLSchema(etree.parse(str(SCHEMAS / schema)))
    document = etree.fromstring(data)
    if not xsd.validate(document):
        raise AssertionError(str(xsd.error_log))
    return True


def triples(g: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    return sorted((u, data["type"], v) for u, v, data in g.edges(data=True))


def test_a_centres_network(small):
    g = network(small, UNNA)
    assert sorted(g) == [
        "Centre:ki-05978", "EducationStage:primarstufe", "FieldOfAction:bildung",
        "IntegrationConcept:konzept-ki-05978", "Network:net-1", "Offer:off-1",
        "Organisation:bra-dez36", "Organisation:org-a", "Organisation:org-b", "Organisation:org-e",
        "Person:per-1", "Person:per-4", "Position:pos-1", "Region:05978",
    ]
    # Every relationship between two of these nodes, and no other.
    assert triples(g) == sorted([
        ("Centre:ki-05978", "SERVES", "Region:05978"),
        ("Centre:ki-05978", "HAS_CONCEPT", "IntegrationConcept:konzept-ki-05978"),
        ("Centre:ki-05978", "GRANTED_BY", "Organisation:bra-dez36"),
        ("Centre:ki-05978", "HAS_POSITION", "Position:pos-1"),
        ("Person:per-4", "HOLDS", "Position:pos-1"),
        ("Person:per-4", "WORKS_AT", "Centre:ki-05978"),
        ("Centre:ki-05978", "COORDINATES", "Network:net-1"),
        ("Organisation:org-e", "MEMBER_OF", "Network:net-1"),
        ("Centre:ki-05978", "OFFERS", "Offer:off-1"),
        ("Offer:off-1", "IN_FIELD", "FieldOfAction:bildung"),
        ("Offer:off-1", "FOR_STAGE", "EducationStage:primarstufe"),
        ("Centre:ki-05978", "COOPERATES_WITH", "Organisation:org-a"),
        ("Centre:ki-05978", "COOPERATES_WITH", "Organisation:org-b"),
        ("Organisation:org-a", "COOPERATES_WITH", "Organisation:org-b"),
        ("Organisation:org-a", "LOCATED_IN", "Region:05978"),
        ("Organisation:org-a", "IN_FIELD", "FieldOfAction:bildung"),
        ("Person:per-1", "WORKS_AT", "Organisation:org-a"),
    ])
    dortmund = network(small, DORTMUND)
    assert "Organisation:org-c" in dortmund and "Person:per-3" in dortmund
    assert not {"Organisation:org-a", "Organisation:org-b", "Organisation:org-e"} & set(dortmund)


def test_unknown_centre(small):
    with pytest.raises(UnknownCentreError, match="ki-99999"):
        network(small, "ki-99999")


def test_attributes_are_plain_values(small):
    g = network(small, UNNA)
    a = g.nodes["Organisation:org-a"]
    assert a["name"] == NAME_A and a["id"] == "org-a" and a["type"] == "MigrantOrganisation"
    assert a["labels"] == "MigrantOrganisation|Organisation" and a["node_type"] == "MigrantOrganisation"
    assert a["label"] == NAME_A  # what Gephi, yEd and igraph show
    assert g.nodes["Position:pos-1"]["label"] == "Stelle pos-1" and g.nodes["Offer:off-1"]["label"] == "Rucksack Grundschule"
    assert a["languages"] == "tr|ar"
    assert "until" not in a and "email" not in a  # None leaves the attribute out
    assert g.nodes["Region:05978"]["node_type"] == "Region" and g.nodes["Region:05978"]["ags"] == "05978"
    assert g.nodes["Person:per-4"]["consent_date"] == "2019-05-02"
    assert g.nodes["Position:pos-1"]["fte"] == 0.5
    assert g.nodes["FieldOfAction:bildung"]["core"] is True
    (active,) = g.get_edge_data("Centre:ki-05978", "Organisation:org-a").values()
    assert active == {"type": "COOPERATES_WITH", "form": "Kooperationsvereinbarung", "since": "2015-03-01",
                      "fields": "bildung", "note": "Grüße & <Dank>"}
    (ended,) = g.get_edge_data("Centre:ki-05978", "Organisation:org-b").values()
    assert ended["until"] == "2019-12-31"
    assert g.get_edge_data("Person:per-4", "Centre:ki-05978")[0] == {"type": "WORKS_AT", "function": "Leitung"}


def test_graphml_read_back(small):
    g = network(small, UNNA)
    back = nx.read_graphml(io.BytesIO(to_graphml(g)), force_multigraph=True)
    assert back.number_of_nodes() == g.number_of_nodes() == 14
    assert back.number_of_edges() == g.number_of_edges() == 17
    assert triples(back) == triples(g)
    a = dict(g.nodes["Organisation:org-a"])
    assert back.nodes["Organisation:org-a"] == {**{k: v for k, v in a.items() if k != "id"}, "kiz_id": "org-a"}
    assert back.nodes["Position:pos-1"]["fte"] == 0.5 and back.nodes["FieldOfAction:bildung"]["core"] is True
    (active,) = back.get_edge_data("Centre:ki-05978", "Organisation:org-a").values()
    assert active["note"] == "Grüße & <Dank>" and active["since"] == "2015-03-01"
    assert to_graphml(network(small, UNNA)) == to_graphml(g)  # the same graph, the same bytes


def test_gexf_read_back(small):
    g = network(small, UNNA)
    data = to_gexf(g)
    assert b'version="1.3"' in data and valid(data, "gexf-1.3/gexf.xsd")
    back = nx.read_gexf(io.BytesIO(data))
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    assert sorted(back) == sorted(g)
    a = back.nodes["Organisation:org-a"]
    assert a["name"] == NAME_A and a["label"] == NAME_A and a["languages"] == "tr|ar"
    assert a["node_type"] == "MigrantOrganisation" and a["kiz_id"] == "org-a"
    # GEXF's edge type means directed or undirected: the relationship type is the edge's label.
    assert sorted((u, d["label"], v) for u, v, d in back.edges(data=True)) == triples(g)
    (active,) = [d for u, v, d in back.edges(data=True) if (u, v) == ("Centre:ki-05978", "Organisation:org-a")]
    assert active["note"] == "Grüße & <Dank>" and active["since"] == "2015-03-01"


def test_json_is_valid_and_stable(small):
    text = to_json(network(small, UNNA))
    assert text == to_json(network(small, UNNA))
    assert NAME_A in text  # not escaped
    data = json.loads(text)
    ids = [node["id"] for node in data["nodes"]]
    assert ids == sorted(ids) and len(ids) == 14
    a = next(node for node in data["nodes"] if node["id"] == "Organisation:org-a")
    assert a["labels"] == "MigrantOrganisation|Organisation" and a["name"] == NAME_A
    assert len(data["relationships"]) == 17
    assert all(r["from"] in ids and r["to"] in ids for r in data["relationships"])
    assert {"type": "COOPERATES_WITH", "from": "Centre:ki-05978", "to": "Organisation:org-b", "form": "Projekt",
            "since": "2014-01-01", "until": "2019-12-31", "fields": ""} in data["relationships"]


def test_export_network_formats(small):
    assert export_network(small, "graphml", UNNA).startswith(b"<?xml")
    assert export_network(small, "gexf", UNNA).startswith(b"<?xml")
    assert json.loads(export_network(small, "json", UNNA).decode("utf-8"))["nodes"]
    with pytest.raises(ValueError, match="'pdf'"):
        export_network(small, "pdf")


def test_a_demo_network_of_five_regions(db):
    # Five regions of the demo network: every kind of record and value of the whole occurs in them
    # (tests/test_import_export.py), at a tenth of the time to load.
    seeding.seed(db)
    writer.write(db, small_demo())
    # What the database holds of the data model, without the persons who gave no consent
    # and their relationships.
    everything = db.read("store/maintenance/snapshot_nodes")
    hidden = {row["properties"]["id"] for row in everything
              if "Person" in row["labels"] and row["properties"].get("consent") in (None, "none")}
    nodes = [row for row in everything
             if MODEL_LABELS & set(row["labels"]) and row["properties"].get("id") not in hidden]
    relationships = [row for row in db.read("store/maintenance/snapshot_relationships")
                     if MODEL_LABELS & set(row["from_labels"]) and MODEL_LABELS & set(row["to_labels"])
                     and not {row["from_key"], row["to_key"]} & hidden]
    assert hidden and len(relationships) > 1_000

    g = network(db)
    assert g.number_of_nodes() == len(nodes)
    assert g.number_of_edges() == len(relationships)
    assert not any(f"Person:{id_}" in g for id_ in hidden)
    assert not any("Migration" in labels for _, labels in g.nodes(data="labels"))
    graphml = nx.read_graphml(io.BytesIO(to_graphml(g)), force_multigraph=True)
    gexf = nx.read_gexf(io.BytesIO(to_gexf(g)))
    for back in (graphml, gexf):
        assert (back.number_of_nodes(), back.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges())
    assert to_json(g) == to_json(network(db))

    # Unna's network: every partner, ended or not, their ties among each other, no stranger.
    unna = network(db, UNNA)
    cooperations = db.read("records/get/cooperations", keys=None)
    partners = {row["to_id"] for row in cooperations if row["from_id"] == UNNA}
    networks = {row["id"] for row in db.read("records/get/networks", ids=None) if row["centre_id"] == UNNA}
    members = {row["organisation_id"] for row in db.read("records/get/network_members", keys=None)
               if row["network_id"] in networks}
    organisations = {key.removeprefix("Organisation:") for key in unna if key.startswith("Organisation:")}
    assert partners and partners <= organisations
    ties = sorted((f"Organisation:{row['from_id']}", f"Organisation:{row['to_id']}", row["since"].isoformat())
                  for row in cooperations if row["from_id"] in organisations and row["to_id"] in organisations)
    assert sum(1 for a, b, _ in ties if a[13:] in partners and b[13:] in partners) > 0
    assert sorted((u, v, d["since"]) for u, v, d in unna.edges(data=True)
                  if d["type"] == "COOPERATES_WITH" and u.startswith("Organisation:")) == ties
    others = {row["id"] for row in db.read("records/get/organisations", ids=None)
              if row["region"] not in (None, "05978")} - partners - members
    assert others and not others & organisations
    assert "Region:05978" in unna and not any(key.startswith("Region:") and key != "Region:05978" for key in unna)


def test_parallel_cooperations_as_gephi_and_igraph_read_them(small, tmp_path):
    """Two cooperations of one pair stay two edges; names are the labels; the files validate."""
    cooperate(small, "org-a", "org-b", "2018-01-01", form="Netzwerk")  # beside the Projekt of 2016
    g = network(small, UNNA)
    pair = ("Organisation:org-a", "Organisation:org-b")
    assert g.number_of_edges(*pair) == 2

    graphml = to_graphml(g)
    assert valid(graphml, "graphml-1.0/graphml.xsd") and b"networkx_key" not in graphml
    tree = etree.fromstring(graphml)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    booleans = {key.get("id") for key in tree.iterfind("g:key", ns) if key.get("attr.type") == "boolean"}
    values = [d.text for d in tree.iterfind(".//g:data", ns) if d.get("key") in booleans]
    assert values and set(values) <= {"true", "false"}  # XML Schema's words, not Python's True
    edge_ids = [e.get("id") for e in tree.iterfind(".//g:edge", ns)]
    assert len(edge_ids) == len(set(edge_ids)) == g.number_of_edges()

    path = tmp_path / "netz.graphml"
    path.write_bytes(graphml)
    read = igraph.Graph.Read_GraphML(str(path))
    assert read.vcount() == g.number_of_nodes() and sorted(read.vs["id"]) == sorted(g)  # no empty id
    assert read.ecount() == g.number_of_edges()
    index = {v["id"]: v.index for v in read.vs}
    assert len(read.es.select(_source=index[pair[0]], _target=index[pair[1]])) == 2
    assert read.vs[index[pair[0]]]["label"] == NAME_A and read.vs[index[pair[0]]]["kiz_id"] == "org-a"
    back = nx.read_graphml(io.BytesIO(graphml), force_multigraph=True)
    assert back.number_of_edges(*pair) == 2

    gexf = to_gexf(g)
    assert valid(gexf, "gexf-1.3/gexf.xsd") and b"networkx_key" not in gexf and b'name=""' not in gexf
    tree = etree.fromstring(gexf)
    ns = {"x": "http://gexf.net/1.3"}
    labels = {n.get("id"): n.get("label") for n in tree.iterfind(".//x:node", ns)}
    assert labels[pair[0]] == NAME_A and labels["Region:05978"] == "Kreis Unna"
    edges = list(tree.iterfind(".//x:edge", ns))
    assert len({e.get("id") for e in edges}) == len(edges) == g.number_of_edges()
    # Gephi merges parallel edges of one kind: the pair's two are of two kinds.
    assert sorted(e.get("kind") for e in edges if (e.get("source"), e.get("target")) == pair) == ["Netzwerk",
                                                                                                  "Projekt"]
    assert nx.read_gexf(io.BytesIO(gexf)).number_of_edges(*pair) == 2
