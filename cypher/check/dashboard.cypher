// Headline numbers of one centre's network as of a day.
MATCH (c:Centre {id: $centre})-[:SERVES]->(r:Region)
RETURN c.id AS id, c.name AS name, r.ags AS region, r.name AS region_name, r.district AS district,
       COUNT { (c)-[k:COOPERATES_WITH]->() WHERE k.since <= $day AND (k.until IS NULL OR k.until >= $day) } AS active_cooperations,
       COUNT { (c)-[:COOPERATES_WITH]->() } AS all_cooperations,
       COUNT { (o:Organisation)-[:LOCATED_IN]->()-[:PART_OF*0..1]->(r) } AS organisations,
       COUNT { (c)-[:COORDINATES]->(:Network) } AS networks,
       COUNT { (c)-[:OFFERS]->(:Offer) } AS offers,
       COUNT { (c)-[:HAS_POSITION]->(:Position) } AS positions
