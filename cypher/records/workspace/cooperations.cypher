// The centre's own cooperations, active and ended, as rows [key, sort value, name]; `active`:
// how many are active on $day (begun, and ended on $day or later or not at all).
MATCH (c:Centre {id: $centre})-[k:COOPERATES_WITH]->(o:Organisation)
WHERE $q = '' OR toLower(o.name) CONTAINS toLower($q) OR toLower(k.form) CONTAINS toLower($q)
WITH c, k, o, CASE $sort WHEN 'partner' THEN o.name WHEN 'form' THEN k.form
                         WHEN 'until' THEN k.until ELSE k.since END AS sort_key
RETURN collect([[c.id, o.id, k.form], sort_key, o.name]) AS rows,
       count(CASE WHEN k.since <= $day AND (k.until IS NULL OR k.until >= $day) THEN 1 END) AS active
