// What a centre's forms may refer to: its organisations, persons, networks, municipalities.
MATCH (c:Centre {id: $centre})-[:SERVES]->(r:Region)
RETURN COLLECT { MATCH (o:Organisation)-[:LOCATED_IN]->()-[:PART_OF*0..1]->(r)
                 RETURN [o.id, o.name] ORDER BY o.name } AS organisations,
       COLLECT { MATCH (p:Person)-[:WORKS_AT]->(c) RETURN [p.id, p.name] ORDER BY p.name } AS staff,
       COLLECT { MATCH (c)-[:COORDINATES]->(n:Network) RETURN [n.id, n.name] ORDER BY n.name } AS networks,
       COLLECT { MATCH (m:Municipality)-[:PART_OF]->(r) RETURN [m.ags, m.name] ORDER BY m.name } AS municipalities
