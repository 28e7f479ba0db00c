MATCH (c:Centre {id: $centre})-[:COORDINATES]->(n:Network)
WHERE $q = '' OR toLower(n.name) CONTAINS toLower($q) OR toLower(coalesce(n.topic, '')) CONTAINS toLower($q)
WITH n, CASE $sort WHEN 'topic' THEN n.topic ELSE n.name END AS sort_key
ORDER BY CASE WHEN $descending THEN null ELSE sort_key END, CASE WHEN $descending THEN sort_key END DESC, n.id
WITH collect(n.id) AS ids
RETURN size(ids) AS total, ids[$skip..$skip + $limit] AS page
