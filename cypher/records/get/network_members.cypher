// $keys: null for all, or a list of [network_id, organisation_id].
MATCH (o:Organisation)-[m:MEMBER_OF]->(n:Network)
WHERE $keys IS NULL OR [n.id, o.id] IN $keys
RETURN n.id AS network_id, o.id AS organisation_id, m.since AS since, m.until AS until
ORDER BY network_id, organisation_id
