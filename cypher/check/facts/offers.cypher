// What each centre offers on the day, with fields, stages and task.
MATCH (c:Centre)-[:OFFERS]->(f:Offer)
WHERE ($centre IS NULL OR c.id = $centre) AND (f.until IS NULL OR f.until >= $day)
WITH c, f ORDER BY f.id
RETURN c.id AS centre,
       collect([f.id, f.title, COLLECT { MATCH (f)-[:IN_FIELD]->(x) RETURN x.key },
                COLLECT { MATCH (f)-[:FOR_STAGE]->(x) RETURN x.key }, f.task]) AS rows
