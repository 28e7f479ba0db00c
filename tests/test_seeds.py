"""Seeds and the demo network on a real, freshly migrated database."""

from kiz_graph.exchange import seeding
from kiz_graph.store import maintenance


def _count(db, query: str) -> int:
    return db.run_text(query, write=False)[0]["n"]


def test_seeds_give_the_54_centres_their_regions_and_the_six_federations(db):
    seeding.seed(db)
    assert _count(db, "MATCH (c:Centre) RETURN count(c) AS n") == 54
    kinds = db.run_text("MATCH (r:Region) RETURN r.kind AS kind, count(*) AS n ORDER BY kind", write=False)
    assert {row["kind"]: row["n"] for row in kinds} == {"Kreis": 31, "kreisfreie Stadt": 22, "Stadt mit Sonderstatus": 1}
    assert _count(db, "MATCH (c:Centre)-[:SERVES]->(:Region) RETURN count(DISTINCT c) AS n") == 54
    unna = db.run_text(
        "MATCH (c:Centre {id: 'ki-05978'})-[:SERVES]->(r:Region) RETURN c.name AS name, r.ags AS ags, r.district AS district",
        write=False,
    )
    assert unna == [{"name": "Kommunales Integrationszentrum Kreis Unna", "ags": "05978", "district": "Arnsberg"}]
    aachen = db.run_text("MATCH (c:Centre {id: 'ki-05334002'})-[:SERVES]->(r) RETURN r.name AS name", write=False)
    assert aachen == [{"name": "Stadt Aachen"}]
    federations = db.run_text(
        "MATCH (w:WelfareAssociation) WHERE NOT EXISTS { (w)-[:LOCATED_IN]->() } RETURN collect(w.federation) AS f", write=False
    )[0]["f"]
    assert sorted(federations) == ["AWO", "Caritas", "DRK", "Diakonie", "Paritätischer", "ZWST"]
    granted = "MATCH (:Centre)-[:GRANTED_BY]->(a:Authority {id: 'bra-dez36'}) RETURN count(*) AS n"
    assert _count(db, granted) == 54
    assert _count(db, "MATCH (m:Municipality)-[:PART_OF]->(:Region) RETURN count(m) AS n") == 396


def test_seeding_twice_changes_nothing(db):
    seeding.seed(db)
    first = maintenance.snapshot(db)
    seeding.seed(db)
    assert maintenance.snapshot(db) == first


def test_the_demo_network_is_the_same_for_the_same_seed(db):
    seeding.seed_demo(db, "demo", 7)
    first = maintenance.snapshot(db)
    assert len(first[0]) > 9000 and len(first[1]) > 20000

    maintenance.delete_data(db)
    seeding.seed_demo(db, "demo", 7)
    assert maintenance.snapshot(db) == first

    # Another seed, another network: its records already differ, so they need not be loaded.
    assert seeding.demo_records("demo", 8) != seeding.demo_records("demo", 7)


def test_the_demo_gives_every_centre_partners_with_real_looking_names(db):
    seeding.seed_demo(db, "demo", 1)
    rows = db.run_text(
        """
        MATCH (c:Centre)
        RETURN c.id AS centre, COUNT { (c)-[:COOPERATES_WITH]->(:Organisation) } AS partners
        """,
        write=False,
    )
    assert len(rows) == 54 and all(row["partners"] >= 10 for row in rows)
    names = db.run_text("MATCH (o:Organisation) RETURN o.name AS name", write=False)
    assert not [row["name"] for row in names if row["name"].split()[0] in ("Org", "Organisation") and row["name"].split()[-1].isdigit()]
    kamen = db.run_text(
        "MATCH (o:MigrantOrganisation)-[:LOCATED_IN]->(:Municipality {name: 'Kamen'}) "
        "RETURN o.name AS name, o.languages AS languages LIMIT 5",
        write=False,
    )
    assert kamen and all(row["languages"] for row in kamen)


def test_names_are_found_the_german_way(db):
    from kiz_graph.records import edits, search

    seeding.seed(db)
    for number, name in enumerate(("Ayşe Müller", "Straßenkinder Lünen e.V.", "Grundschule am Stadtpark")):
        edits.create(db, "organisations", {"id": f"o{number}", "name": name, "type": "Other", "region": "05978"})
    assert [row["name"] for row in search.names(db, "Mueller")] == ["Ayşe Müller"]
    assert [row["name"] for row in search.names(db, "muller")] == ["Ayşe Müller"]
    assert [row["name"] for row in search.names(db, "Strasse")] == ["Straßenkinder Lünen e.V."]
    assert [row["name"] for row in search.names(db, "Grundschule Stadtp")] == ["Grundschule am Stadtpark"]
    # Query syntax in the text is searched as words, never run as syntax.
    assert [row["name"] for row in search.names(db, 'Grundschule" OR *:*')] == ["Grundschule am Stadtpark"]
    assert [row["id"] for row in search.names(db, "Integrationszentrum Unna")] == ["ki-05978"]
