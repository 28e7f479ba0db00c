// A centre's organisations: those of its region, and any it cooperates with. $sort comes
// from a fixed list (name, type, place); the text filter is a parameter.
MATCH (c:Centre {id: $centre})-[:SERVES]->(r:Region)
CALL (c, r) {
  MATCH (o:Organisation)-[:LOCATED_IN]->()-[:PART_OF*0..1]->(r)
  RETURN o
  UNION
  MATCH (c)-[:COOPERATES_WITH]->(o:Organisation)
  RETURN o
}
OPTIONAL MATCH (o)-[:LOCATED_IN]->(place)
WITH o, place
WHERE $q = '' OR toLower(o.name) CONTAINS toLower($q) OR toLower(coalesce(place.name, '')) CONTAINS toLower($q)
WITH o, place, CASE $sort WHEN 'type' THEN o.type WHEN 'place' THEN place.name ELSE o.name END AS sort_key
ORDER BY CASE WHEN $descending THEN null ELSE sort_key END, CASE WHEN $descending THEN sort_key END DESC, o.name, o.id
WITH collect(o.id) AS ids
RETURN size(ids) AS total, ids[$skip..$skip + $limit] AS page
