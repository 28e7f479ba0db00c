// Organisations, persons and centres whose names match, the German way (see V0003).
CALL db.index.fulltext.queryNodes('name_search', $query) YIELD node, score
RETURN coalesce(node.id, node.ags) AS id, node.name AS name, score
ORDER BY score DESC, name
LIMIT $limit
