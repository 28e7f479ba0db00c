MATCH (c:Centre {id: $centre})-[:COORDINATES]->(n:Network)<-[m:MEMBER_OF]-(o:Organisation)
WHERE $q = '' OR toLower(n.name) CONTAINS toLower($q) OR toLower(o.name) CONTAINS toLower($q)
WITH n, o, CASE $sort WHEN 'organisation' THEN o.name ELSE n.name END AS sort_key
ORDER BY CASE WHEN $descending THEN null ELSE sort_key END, CASE WHEN $descending THEN sort_key END DESC, n.id, o.name
WITH collect([n.id, o.id]) AS keys
RETURN size(keys) AS total, keys[$skip..$skip + $limit] AS page
