MATCH (c:Centre)-[:HAS_POSITION]->(pos:Position)
WHERE $ids IS NULL OR pos.id IN $ids
OPTIONAL MATCH (holder:Person)-[:HOLDS]->(pos)
RETURN pos.id AS id, c.id AS centre_id, pos.profession AS profession, pos.fte AS fte,
       pos.funding AS funding, pos.role AS role, holder.id AS person_id, pos.until AS until
ORDER BY id
