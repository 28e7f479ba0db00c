// Everything held about one contact person (the access report, Art. 15 DSGVO): every property
// of the node, where they work (an organisation, or a centre for its own staff) with their
// function there, and the posts they hold with the centre of each.
MATCH (p:Person {id: $id})
RETURN properties(p) AS properties,
       COLLECT {
         MATCH (p)-[w:WORKS_AT]->(o)
         RETURN {id: o.id, name: o.name, type: CASE WHEN o:Centre THEN 'Centre' ELSE o.type END,
                 function: w.function, until: o.until,
                 place: COLLECT { MATCH (o)-[:LOCATED_IN|SERVES]->(place) RETURN place.name LIMIT 1 }[0]}
         ORDER BY o.name
       } AS workplaces,
       COLLECT {
         MATCH (p)-[:HOLDS]->(s:Position)
         RETURN {id: s.id, profession: s.profession, fte: s.fte, funding: s.funding, role: s.role, until: s.until,
                 centre: COLLECT { MATCH (c:Centre)-[:HAS_POSITION]->(s) RETURN c.name LIMIT 1 }[0]}
         ORDER BY s.id
       } AS positions
