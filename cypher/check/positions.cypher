// Posts of each centre that are filled on the day (not ended before it).
MATCH (c:Centre)-[:HAS_POSITION]->(p:Position)
WHERE ($centre IS NULL OR c.id = $centre) AND (p.until IS NULL OR p.until >= $day)
OPTIONAL MATCH (holder:Person)-[:HOLDS]->(p)
RETURN c.id AS centre, p.id AS id, p.profession AS profession, p.fte AS fte, p.funding AS funding,
       p.role AS role, holder.name AS holder
ORDER BY centre, id
