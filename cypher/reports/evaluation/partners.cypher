// Organisations each centre actively cooperates with on each reference day (one each,
// whatever the number of forms).
UNWIND $periods AS p
MATCH (c:Centre)-[k:COOPERATES_WITH]->(o:Organisation)
WHERE k.since <= p.day AND (k.until IS NULL OR k.until >= p.day)
RETURN c.id AS centre, p.year AS year, count(DISTINCT o) AS partners
