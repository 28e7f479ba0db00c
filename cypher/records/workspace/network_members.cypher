MATCH (c:Centre {id: $centre})-[:COORDINATES]->(n:Network)<-[m:MEMBER_OF]-(o:Organisation)
WHERE $q = '' OR toLower(n.name) CONTAINS toLower($q) OR toLower(o.name) CONTAINS toLower($q)
WITH n, o, CASE $sort WHEN 'organisation' THEN o.name ELSE n.name END AS sort_key
RETURN collect([[n.id, o.id], sort_key, n.name + ' ' + o.name]) AS rows
