// Posts of each centre that are filled on the day (not ended before it).
MATCH (c:Centre)-[:HAS_POSITION]->(p:Position)
WHERE ($centre IS NULL OR c.id = $centre) AND (p.until IS NULL OR p.until >= $day)
OPTIONAL MATCH (holder:Person)-[:HOLDS]->(p)
WITH c, p, holder ORDER BY p.id
RETURN c.id AS centre, collect([p.id, p.profession, p.fte, p.funding, p.role, holder.name]) AS rows
