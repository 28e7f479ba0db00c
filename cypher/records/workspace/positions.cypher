MATCH (c:Centre {id: $centre})-[:HAS_POSITION]->(p:Position)
OPTIONAL MATCH (holder:Person)-[:HOLDS]->(p)
WITH p, holder
WHERE $q = '' OR toLower(coalesce(holder.name, '')) CONTAINS toLower($q) OR toLower(p.profession) CONTAINS toLower($q)
WITH p, CASE $sort WHEN 'holder' THEN holder.name WHEN 'role' THEN p.role ELSE p.profession END AS sort_key
RETURN collect([p.id, sort_key, p.id]) AS rows
