MATCH (c:Centre {id: $centre})-[:HAS_POSITION]->(p:Position)
OPTIONAL MATCH (holder:Person)-[:HOLDS]->(p)
WITH p, holder
WHERE $q = '' OR toLower(coalesce(holder.name, '')) CONTAINS toLower($q) OR toLower(p.profession) CONTAINS toLower($q)
WITH p, CASE $sort WHEN 'holder' THEN holder.name WHEN 'role' THEN p.role ELSE p.profession END AS sort_key
ORDER BY CASE WHEN $descending THEN null ELSE sort_key END, CASE WHEN $descending THEN sort_key END DESC, p.id
WITH collect(p.id) AS ids
RETURN size(ids) AS total, ids[$skip..$skip + $limit] AS page
