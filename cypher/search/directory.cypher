// The directory: organisations and contact persons matching the name query, with what
// is needed to show a person only as far as their consent allows.
CALL db.index.fulltext.queryNodes('name_search', $query) YIELD node, score
WHERE node:Organisation OR node:Person
OPTIONAL MATCH (node)-[w:WORKS_AT]->(workplace)
OPTIONAL MATCH (node)-[:LOCATED_IN]->(place)
RETURN CASE WHEN node:Person THEN 'person' ELSE 'organisation' END AS kind, node.id AS id,
       node.name AS name, node.type AS type, node.consent AS consent, node.email AS email,
       node.phone AS phone, w.function AS function, workplace.id AS workplace_id,
       workplace.name AS workplace, place.name AS place, score
ORDER BY score DESC, name
LIMIT $limit
