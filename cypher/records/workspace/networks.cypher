MATCH (c:Centre {id: $centre})-[:COORDINATES]->(n:Network)
WHERE $q = '' OR toLower(n.name) CONTAINS toLower($q) OR toLower(coalesce(n.topic, '')) CONTAINS toLower($q)
WITH n, CASE $sort WHEN 'topic' THEN n.topic ELSE n.name END AS sort_key
RETURN collect([n.id, sort_key, n.name]) AS rows
