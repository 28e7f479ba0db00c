// The centre's own cooperations, active and ended.
MATCH (c:Centre {id: $centre})-[k:COOPERATES_WITH]->(o:Organisation)
WHERE $q = '' OR toLower(o.name) CONTAINS toLower($q) OR toLower(k.form) CONTAINS toLower($q)
WITH c, k, o, CASE $sort WHEN 'partner' THEN o.name WHEN 'form' THEN k.form
                         WHEN 'until' THEN toString(k.until) ELSE toString(k.since) END AS sort_key
ORDER BY CASE WHEN $descending THEN null ELSE sort_key END, CASE WHEN $descending THEN sort_key END DESC, o.name
WITH collect([c.id, o.id, k.form]) AS keys
RETURN size(keys) AS total, keys[$skip..$skip + $limit] AS page
