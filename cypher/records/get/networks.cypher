MATCH (c:Centre)-[:COORDINATES]->(n:Network)
WHERE $ids IS NULL OR n.id IN $ids
RETURN n.id AS id, n.name AS name, c.id AS centre_id, n.topic AS topic, n.until AS until
ORDER BY id
