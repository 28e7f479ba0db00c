// What a centre's forms may refer to: its organisations (with their place, to tell two of one
// name apart), persons, networks, municipalities. The page sorts them as German lists sort.
MATCH (c:Centre {id: $centre})-[:SERVES]->(r:Region)
RETURN COLLECT { MATCH (o:Organisation)-[:LOCATED_IN]->(place)-[:PART_OF*0..1]->(r)
                 RETURN [o.id, o.name, place.name] } AS organisations,
       COLLECT { MATCH (p:Person)-[:WORKS_AT]->(c) RETURN [p.id, p.name] } AS staff,
       COLLECT { MATCH (c)-[:COORDINATES]->(n:Network) RETURN [n.id, n.name] } AS networks,
       COLLECT { MATCH (m:Municipality)-[:PART_OF]->(r) RETURN [m.ags, m.name] } AS municipalities
