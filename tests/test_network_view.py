"""The centre's network page: the graph on a day, filters, layout, vis-network data, the page."""

from __future__ import annotations

import datetime as dt
import gzip
import html
import json
import re

import pytest
from markupsafe import escape

import web.network
from kiz_graph.check import requirement
from kiz_graph.errors import UnknownCentreError
from kiz_graph.exchange import seeding
from kiz_graph.network import analytics, picture, read
from kiz_graph.network.explained import FIGURES
from kiz_graph.network.page import network_page
from kiz_graph.records import edits
from kiz_graph.records.vocabulary import CENTRE_TYPE
from web.overview import NETWORK_MEASURES

D = dt.date
DAY = D(2020, 6, 1)
UNNA = "ki-05978"
DORTMUND = "ki-05913"
BAD_NAME = 'Elternverein <script>alert("x")</script> e.V.'


def drawn(db, centre, day, **filters):
    """The part of the centre's network its page draws, read as the page reads it."""
    return picture.centre_network(read.network(db, day, centre), **filters)


def org(db, id_, type_, name, **extra):
    edits.create(db, "organisations", {"id": id_, "name": name, "type": type_, "region": "05978", **extra})


def cooperate(db, from_id, to_id, since, until=None, form="Projekt", **extra):
    edits.create(db, "cooperations", {"from_id": from_id, "to_id": to_id, "form": form, "since": since,
                                         "until": until, **extra})


def person(db, id_, name, organisation, consent, **extra):
    edits.create(db, "persons", {"id": id_, "name": name, "organisation_id": organisation, "consent": consent,
                                    "consent_date": "2019-01-01", **extra})


@pytest.fixture
def g(db):
    """Unna with three partners on DAY, an ended and a future one, and organisations outside."""
    seeding.seed(db)
    org(db, "mso", "MSO", BAD_NAME, municipality="05978020", fields=["bildung"], stages=["primarstufe"])
    org(db, "schule", "School", "Gesamtschule Kamen", municipality="05978020",
        fields=["sprachliche_interkulturelle_bildung"], stages=["sekundarstufe_1"])
    org(db, "awo", "WelfareAssociation", "AWO Unna", fields=["bildung", "beschaeftigung"])
    org(db, "alt", "Daycare", "Kita Sonnenschein")  # cooperation ended before DAY
    org(db, "neu", "BamfCoordinator", "BAMF-Regionalkoordination Dortmund")  # starts after DAY
    org(db, "fern", "Other", "Sportverein Fern")  # cooperates with a partner only
    cooperate(db, UNNA, "mso", "2015-03-01", form="Kooperationsvereinbarung", fields=["bildung"])
    cooperate(db, UNNA, "schule", "2018-08-01", form="Projekt")
    cooperate(db, UNNA, "awo", "2016-01-01", "2020-06-01", form="Netzwerk")  # its last day is DAY
    cooperate(db, UNNA, "alt", "2014-01-01", "2019-12-31")
    cooperate(db, UNNA, "neu", "2021-01-01", form="Kooperationsvereinbarung")
    cooperate(db, "mso", "schule", "2019-02-01", form="Netzwerk", fields=["bildung"])
    cooperate(db, "schule", "awo", "2017-01-01", "2019-01-31")  # ended
    cooperate(db, "mso", "fern", "2017-01-01")  # fern is no partner of the centre
    cooperate(db, "mso", "alt", "2017-01-01")  # alt is no partner on DAY
    person(db, "p-public", "Aylin Demir", "mso", "public", function="Vorsitz", email="aylin@verein.example")
    person(db, "p-internal", "Ingo Intern", "schule", "internal", email="ingo@schule.example")
    person(db, "p-none", "Nora Niemand", "awo", "none", email="nora@awo.example")
    return db


def edge_set(network):
    return {frozenset(edge) for edge in network.edges()}


def test_the_network_on_a_day(g):
    network = drawn(g, UNNA, DAY)
    assert set(network) == {UNNA, "mso", "schule", "awo"}
    assert edge_set(network) == {frozenset(e) for e in ((UNNA, "mso"), (UNNA, "schule"), (UNNA, "awo"),
                                                       ("mso", "schule"))}
    centre = network.nodes[UNNA]
    assert centre["type"] == CENTRE_TYPE and centre["name"] == "Kommunales Integrationszentrum Kreis Unna"
    mso = network.nodes["mso"]
    assert mso["type"] == "MigrantOrganisation" and mso["place"] == "Kamen"
    assert mso["fields"] == ["bildung"] and mso["stages"] == ["primarstufe"]
    assert mso["contact"] == {"id": "p-public", "name": "Aylin Demir", "function": "Vorsitz",
                              "email": "aylin@verein.example"}
    assert network.nodes["awo"]["place"] == "Kreis Unna"  # no municipality: the region's name
    edge = network.edges[UNNA, "mso"]
    assert (edge["form"], edge["since"], edge["until"], edge["fields"]) == (
        "Kooperationsvereinbarung", D(2015, 3, 1), None, ["bildung"])
    assert network.edges[UNNA, "awo"]["until"] == DAY

    earlier = drawn(g, UNNA, D(2019, 1, 1))  # before mso–schule, with schule–awo and alt
    assert set(earlier) == {UNNA, "mso", "schule", "awo", "alt"}
    assert frozenset(("schule", "awo")) in edge_set(earlier) and frozenset(("mso", "alt")) in edge_set(earlier)
    assert frozenset(("mso", "schule")) not in edge_set(earlier)
    later = drawn(g, UNNA, D(2021, 1, 1))
    assert set(later) == {UNNA, "mso", "schule", "neu"}

    with pytest.raises(UnknownCentreError):
        drawn(g, "ki-00000", DAY)


def test_several_cooperations_of_one_pair_make_one_edge(g):
    cooperate(g, UNNA, "mso", "2019-01-01", form="Projekt", fields=["kultur"])
    network = drawn(g, UNNA, DAY)
    edge = network.edges[UNNA, "mso"]
    assert edge["form"] == "Kooperationsvereinbarung" and edge["since"] == D(2015, 3, 1)  # the earliest
    assert [c["since"] for c in edge["cooperations"]] == [D(2015, 3, 1), D(2019, 1, 1)]
    assert edge["fields"] == ["bildung", "kultur"]
    assert len([r for r in picture.table_rows(network) if r["partner_id"] == "mso"]) == 2


def test_filters_keep_the_centre(g):
    schools = drawn(g, UNNA, DAY, types=["School"])
    assert set(schools) == {UNNA, "schule"} and edge_set(schools) == {frozenset((UNNA, "schule"))}
    two = drawn(g, UNNA, DAY, types=["School", "MigrantOrganisation"])
    assert set(two) == {UNNA, "schule", "mso"} and frozenset(("mso", "schule")) in edge_set(two)
    assert set(drawn(g, UNNA, DAY, field="bildung")) == {UNNA, "mso", "awo"}
    assert set(drawn(g, UNNA, DAY, stage="sekundarstufe_1")) == {UNNA, "schule"}
    assert set(drawn(g, UNNA, DAY, types=["Daycare"])) == {UNNA}
    assert set(drawn(g, UNNA, DAY, types=["School"], field="bildung")) == {UNNA}
    for bad in ({"types": ["Sportverein"]}, {"field": "DROP"}, {"stage": "x"}):
        with pytest.raises(ValueError):
            drawn(g, UNNA, DAY, **bad)


def test_layout_is_deterministic_and_cached(g, monkeypatch):
    picture.clear_layout_cache()
    calls = []
    compute = picture._compute_layout
    monkeypatch.setattr(picture, "_compute_layout", lambda network: calls.append(1) or compute(network))

    first = picture.layout(drawn(g, UNNA, DAY))
    again = picture.layout(drawn(g, UNNA, DAY))  # read again, unchanged
    assert first == again and len(calls) == 1
    assert set(first) == {UNNA, "mso", "schule", "awo"} and first[UNNA] == (0.0, 0.0)
    assert len(set(first.values())) == 4  # no two nodes on one spot
    picture.clear_layout_cache()
    assert picture.layout(drawn(g, UNNA, DAY)) == first  # seeded: the same again
    assert len(calls) == 2

    picture.layout(drawn(g, UNNA, DAY, types=["School"]))  # other filters
    assert len(calls) == 3
    cooperate(g, "awo", "mso", "2019-05-01")  # the network changed
    changed = picture.layout(drawn(g, UNNA, DAY))
    assert len(calls) == 4 and set(changed) == set(first)
    picture.layout(drawn(g, UNNA, DAY))
    assert len(calls) == 4


def test_vis_data_escapes_database_text(g):
    network = drawn(g, UNNA, DAY)
    data = picture.vis_data(network, picture.layout(network))
    nodes = {node["id"]: node for node in data["nodes"]}
    mso = nodes["mso"]
    assert "<script>" not in mso["title"] and "&lt;script&gt;" in mso["title"]
    assert "Migrantenselbstorganisation" in mso["title"] and "Kamen" in mso["title"]
    assert "Aylin Demir (Vorsitz), aylin@verein.example" in mso["title"]
    assert all("<script>" not in edge["title"] for edge in data["edges"])
    assert mso["label"] == BAD_NAME  # drawn as text on the canvas, never as HTML
    colour, shape = picture.TYPE_STYLES["MigrantOrganisation"]
    assert mso["color"]["background"] == colour and mso["shape"] == shape
    assert nodes[UNNA]["shape"] == "star" and nodes[UNNA]["size"] > nodes["awo"]["size"]  # degree 3 vs 1
    assert all(node["fixed"] == {"x": True, "y": True} for node in data["nodes"])
    edges = {edge["id"]: edge for edge in data["edges"]}
    agreement = next(e for e in edges.values() if {e["from"], e["to"]} == {UNNA, "mso"})
    network_edge = next(e for e in edges.values() if {e["from"], e["to"]} == {UNNA, "awo"})
    assert agreement["dashes"] is False and network_edge["dashes"] and agreement["width"] > network_edge["width"]
    json.dumps(data)  # plain data

    legend = picture.legend()
    assert legend[0] == ("Centre", "Kommunales Integrationszentrum", "#00507d", "star")
    assert ("School", "Schule", *picture.TYPE_STYLES["School"]) in legend
    assert len({(colour, shape) for _, _, colour, shape in legend}) == len(legend)


def test_internal_and_no_consent_contacts_never_appear(g):
    person(g, "p-public-gone", "Gerd Gegangen", "awo", "public", until="2019-12-31")
    network = drawn(g, UNNA, DAY)
    text = json.dumps([picture.vis_data(network, picture.layout(network)),
                       picture.table_rows(network), dict(network.nodes(data=True))],
                      default=str, ensure_ascii=False)
    for hidden in ("Ingo", "ingo@schule.example", "Nora", "nora@awo.example", "Gerd"):
        assert hidden not in text
    assert network.nodes["schule"]["contact"] is None and network.nodes["awo"]["contact"] is None


def test_table_rows_in_german(g):
    rows = picture.table_rows(drawn(g, UNNA, DAY))
    assert [(r["source_id"], r["partner_id"]) for r in rows] == [
        (UNNA, "awo"), (UNNA, "mso"), (UNNA, "schule"), ("mso", "schule")]  # the centre's first, by name
    awo = rows[0]
    assert (awo["source"], awo["partner"], awo["partner_type"], awo["form"], awo["since"], awo["until"]) == (
        "Kommunales Integrationszentrum Kreis Unna", "AWO Unna", "Wohlfahrtsverband", "Netzwerk", D(2016, 1, 1), DAY)
    assert rows[3]["fields"] == "Bildung" and rows[3]["partner_type"] == "Schule"


def test_partner_gaps(g):
    gaps = network_page(g, UNNA, D(2014, 1, 1)).gaps  # no active cooperation then
    assert "KI-06" in [f.rule.id for f in gaps]
    assert all(f.rule.kind in requirement.PARTNER_RULE_KINDS and f.rule.severity == "Pflicht" for f in gaps)
    assert "KI-06" not in [f.rule.id for f in network_page(g, UNNA, DAY).gaps]


# The page ----------------------------------------------------------------------------------


@pytest.fixture
def client(g, client_for):
    """Unna's staff, signed in."""
    return client_for("centre_staff", UNNA)


def test_the_page(client):
    response = client.get(f"/zentren/{UNNA}/netzwerk?stichtag=2020-06-01")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Legende" in text and "Migrantenselbstorganisation" in text and "Kooperationsvereinbarung" in text
    # the centre's three cooperations, then the one between two partners (MSO and school)
    assert "<caption>Das Netzwerk als Tabelle: Kooperationen des Zentrums (3)</caption>" in text
    assert "<caption>Kooperationen zwischen Partnern (1)</caption>" in text
    assert "Gesamtschule Kamen" in text and "Kita Sonnenschein" not in text
    assert "<script>alert" not in text  # neither in the table nor the find list
    assert "Ingo Intern" not in text
    assets = re.findall(r'<script[^>]*\bsrc="([^"]*)"', text) + re.findall(r'<link[^>]*\bhref="([^"]*)"', text)
    assert "/static/vendor/vis-network/vis-network.min.js" in assets and "/static/network.js" in assets
    assert assets and not [url for url in assets if "http" in url or url.startswith("//")]
    for label in ('for="feld"', 'for="stufe"', 'for="stichtag"', 'for="netzwerk-name"'):
        assert label in text
    # The drawing's data are a request of their own, named on the page, and travel compressed.
    source = html.unescape(re.search(r'data-daten="([^"]+)"', text).group(1))
    assert source == f"/zentren/{UNNA}/netzwerk/zeichnung.json?stichtag=2020-06-01"
    drawing = client.get(source, headers={"Accept-Encoding": "gzip"})
    assert drawing.status_code == 200 and drawing.headers["Content-Encoding"] == "gzip"
    data = json.loads(gzip.decompress(drawing.get_data()))
    assert {node["id"] for node in data["nodes"]} == {UNNA, "mso", "schule", "awo"}
    assert all("<script>" not in node["title"] for node in data["nodes"])  # hover cards are escaped HTML
    assert client.get(f"/zentren/{DORTMUND}/netzwerk/zeichnung.json").status_code == 403

    filtered = client.get(f"/zentren/{UNNA}/netzwerk?stichtag=2020-06-01&typ=School&typ=Unbekannt&feld=&stufe=x")
    text = filtered.get_data(as_text=True)
    text = text[:text.index('id="analysis-title"')]  # the analysis below is of the whole network
    assert filtered.status_code == 200 and "Gesamtschule Kamen" in text and "AWO Unna" not in text
    assert 'value="School" checked' in text

    gaps = client.get(f"/zentren/{UNNA}/netzwerk?stichtag=2014-01-01").get_data(as_text=True)
    assert "Fehlende Pflicht-Partner" in gaps and "KI-06" in gaps

    assert client.get(f"/zentren/{UNNA}/netzwerk?stichtag=gestern").status_code == 400
    assert client.get(f"/zentren/{DORTMUND}/netzwerk").status_code == 403
    with client.get("/static/vendor/vis-network/vis-network.min.js") as vendored:
        assert vendored.status_code == 200


def test_the_visible_network_downloads_as_graphml_and_gexf(db, client_for):
    import io

    import networkx as nx

    seeding.seed_demo(db, "demo", 1)
    client = client_for("centre_staff", "ki-05978")
    page = client.get("/zentren/ki-05978/netzwerk?typ=Daycare").get_data(as_text=True)
    assert "/zentren/ki-05978/netzwerk.graphml?typ=Daycare" in page

    shown = drawn(db, "ki-05978", dt.date.today(), types=("Daycare",))
    graphml = client.get("/zentren/ki-05978/netzwerk.graphml?typ=Daycare")
    assert graphml.status_code == 200 and "attachment" in graphml.headers["Content-Disposition"]
    read = nx.read_graphml(io.BytesIO(graphml.data))
    assert set(read.nodes) == set(shown.nodes)
    assert {data["type"] for _, data in read.nodes(data=True)} == {"Centre", "Daycare"}
    assert all(data["label"] == shown.nodes[node]["name"] for node, data in read.nodes(data=True))
    gexf = nx.read_gexf(io.BytesIO(client.get("/zentren/ki-05978/netzwerk.gexf?typ=Daycare").data))
    assert gexf.number_of_nodes() == shown.number_of_nodes()
    assert client.get("/zentren/ki-05913/netzwerk.graphml").status_code == 403


def test_the_page_shows_the_network_analysis_and_what_changed(client, client_for, monkeypatch):
    """Also: staff who know nothing of network science read beside each figure what it means,
    here and on /land/; the analysis stays folded until asked for, and opens with a comparison
    that was asked for. (One test: each of the graph's set-ups costs seconds.)"""
    text = client.get(f"/zentren/{UNNA}/netzwerk?stichtag=2020-06-01").get_data(as_text=True)
    analysis = text[text.index('id="analysis-title"'):]
    # three partners (MSO, school, AWO) and one tie among them (MSO and school)
    assert '<dt>Partner</dt><dd class="measure-value">3</dd>' in analysis
    assert '<dt>Verbindungen unter Partnern</dt><dd class="measure-value">1</dd>' in analysis
    assert "Gesamtschule Kamen" in analysis and "Vergleichen mit dem Stand vom" in analysis
    assert "<script>alert" not in analysis and "&lt;script&gt;alert" in analysis
    assert "Veränderung" in analysis and "Partner gewonnen" not in analysis  # no comparison asked for

    changed = client.get(f"/zentren/{UNNA}/netzwerk?stichtag=2020-06-01&vergleich=2019-01-01").get_data(as_text=True)
    # since 1 Jan 2019: the MSO-school tie began; the Kita's cooperation and the school-AWO tie
    # ended; the Kita is no longer a partner (the AWO's last day is the page's day: it stays)
    assert ("Von 01.01.2019 bis 01.06.2020: 1 neue, 2 beendete Kooperationen; 0 Partner gewonnen, 1 verloren."
            in changed)
    assert "<summary>Verlorene Partner: 1</summary>" in changed and "<li>Kita Sonnenschein (Kita)</li>" in changed
    assert client.get(f"/zentren/{UNNA}/netzwerk?vergleich=morgen").status_code == 400

    for key, figure in FIGURES.items():
        assert str(escape(figure.name)) in analysis, key
        assert str(escape(figure.help)) in analysis, key
    assert set(analytics.MEASURES) < set(FIGURES)
    # one tie among three partners: a third of the possible ties
    assert "33,3 % der möglichen Verbindungen gibt es – viele Partner kooperieren auch untereinander." in analysis
    for jargon in ("<dt>Dichte</dt>", "<h3>Gemeinschaften</h3>", "Vermittler zwischen Gemeinschaften", ">Zwischenzentralität<"):
        assert jargon not in analysis
    folded = re.search(r"<details[^>]*class=\"analysis-details\"[^>]*>", analysis).group(0)
    assert " open" not in folded
    assert "<summary>Kennzahlen mit Erklärung, Vorschläge, Schlüsselpartner" in analysis
    assert re.search(r"<details[^>]*class=\"analysis-details\" open>", changed)

    # a long list of partners at the edge shows its first ones and a way to all, on the same day
    monkeypatch.setattr(web.network, "EDGE_LIMIT", 1)
    short = client.get(f"/zentren/{UNNA}/netzwerk?stichtag=2020-06-01").get_data(as_text=True)
    assert "Die ersten 1 von 3." in short and short.count("<tr><td>", short.index("ohne Kontakt seit 12 Monaten:")) == 1
    link = html.unescape(re.search(r'<a href="([^"]+)">Alle 3 zeigen</a>', short).group(1))
    assert link == f"/zentren/{UNNA}/netzwerk?stichtag=2020-06-01&rand=alle#rand"
    everything = client.get(link).get_data(as_text=True)
    assert "Die ersten" not in everything and re.search(r"<details[^>]*class=\"analysis-details\" open>", everything)
    assert everything.count("<tr><td>", everything.index("ohne Kontakt seit 12 Monaten:")) == 3

    statewide = client_for("coordination").get("/land/").get_data(as_text=True)
    statewide = statewide[statewide.index('id="netzwerkanalyse"'):statewide.index('id="weisse-flecken"')]
    for key in NETWORK_MEASURES:
        assert f"<dt>{escape(FIGURES[key].name)}</dt><dd>{escape(FIGURES[key].help)}</dd>" in statewide, key
        assert f'<th scope="col">{escape(FIGURES[key].name)}</th>' in statewide, key


def test_only_names_that_overlap_nothing_are_drawn():
    """Names under the symbols: the centre's always, then the larger symbols', and none that
    would cover a name already drawn or another symbol."""
    def node(id_, x, y, size, type_="School", label=None):
        return {"id": id_, "x": x, "y": y, "size": size, "type": type_, "label": label or f"Schule {id_}"}

    nodes = [node("ki", 0, 0, 40, CENTRE_TYPE, "Kommunales Integrationszentrum Kreis Unna"),
             node("gross", 100, 10, 30),  # its name would lie on the centre's
             node("a", 1000, 0, 20), node("b", 1010, 5, 12),  # b's name would lie on a's
             node("c", 1000, 300, 12), node("d", -1000, -300, 12)]
    assert picture.shown_labels(nodes) == {"ki", "a", "c", "d"}
    nodes[1]["x"] = -1000  # away from the others
    assert picture.shown_labels(nodes) == {"ki", "gross", "a", "c", "d"}

    star = star_network()
    data = picture.vis_data(star, picture.layout(star))
    assert all(isinstance(n["labelShown"], bool) for n in data["nodes"])
    assert [n["labelShown"] for n in data["nodes"] if n["type"] == CENTRE_TYPE] == [True]


def star_network():
    import networkx as nx

    g = nx.star_graph(12)
    g = nx.relabel_nodes(g, {n: f"o{n}" if n else "ki" for n in g})
    g.graph.update(centre="ki", day=DAY, types=(), field=None, stage=None)
    for n in g:
        g.nodes[n].update(name="Zentrum" if n == "ki" else f"Organisation {n}", type=CENTRE_TYPE if n == "ki" else "School")
    return g
