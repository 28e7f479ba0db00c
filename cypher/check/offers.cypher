// What each centre offers on the day, with fields and stages.
MATCH (c:Centre)-[:OFFERS]->(f:Offer)
WHERE ($centre IS NULL OR c.id = $centre) AND (f.until IS NULL OR f.until >= $day)
RETURN c.id AS centre, f.id AS id, f.title AS title,
       COLLECT { MATCH (f)-[:IN_FIELD]->(x) RETURN x.key } AS fields,
       COLLECT { MATCH (f)-[:FOR_STAGE]->(x) RETURN x.key } AS stages
ORDER BY centre, id
