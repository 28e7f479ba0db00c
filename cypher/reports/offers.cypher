// Every offer of each centre, ended or not, with its task, end, fields and stages: the
// report counts those of a year and the trend those of every year from one answer.
MATCH (c:Centre)-[:OFFERS]->(f:Offer)
WHERE $centre IS NULL OR c.id = $centre
WITH c, f ORDER BY f.id
RETURN c.id AS centre,
       collect([f.task, toString(f.until), COLLECT { MATCH (f)-[:IN_FIELD]->(x) RETURN x.key },
                COLLECT { MATCH (f)-[:FOR_STAGE]->(x) RETURN x.key }]) AS rows
