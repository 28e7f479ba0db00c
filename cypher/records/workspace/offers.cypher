MATCH (c:Centre {id: $centre})-[:OFFERS]->(f:Offer)
WHERE $q = '' OR toLower(f.title) CONTAINS toLower($q)
WITH f, CASE $sort WHEN 'task' THEN f.task ELSE f.title END AS sort_key
ORDER BY CASE WHEN $descending THEN null ELSE sort_key END, CASE WHEN $descending THEN sort_key END DESC, f.id
WITH collect(f.id) AS ids
RETURN size(ids) AS total, ids[$skip..$skip + $limit] AS page
