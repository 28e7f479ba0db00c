// Rows [key, sort value, name]; the page sorts them as German lists sort (kiz_graph.records.workspace).
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
RETURN collect([o.id, sort_key, o.name]) AS rows
