MATCH (c:Centre {id: $centre})-[:OFFERS]->(f:Offer)
WHERE $q = '' OR toLower(f.title) CONTAINS toLower($q)
WITH f, CASE $sort WHEN 'task' THEN f.task ELSE f.title END AS sort_key
RETURN collect([f.id, sort_key, f.title]) AS rows
