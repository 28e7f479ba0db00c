// Move every relationship of $duplicate to $keep, then remove $duplicate. Cooperations and
// memberships keep their dates and properties (history); a place, field or stage the kept
// organisation already has is not doubled. The kept node remembers the merged id.
MATCH (duplicate:Organisation {id: $duplicate}), (keep:Organisation {id: $keep})
CALL (duplicate, keep) {
  MATCH (duplicate)-[r]->(other)
  WHERE other <> keep
    AND NOT (type(r) IN ['LOCATED_IN', 'IN_FIELD', 'FOR_STAGE'] AND EXISTS { (keep)-[s]->(other) WHERE type(s) = type(r) })
    AND NOT (type(r) = 'LOCATED_IN' AND EXISTS { (keep)-[:LOCATED_IN]->() })
    AND NOT (type(r) = 'MEMBER_OF' AND EXISTS { (keep)-[:MEMBER_OF]->(other) })
  CREATE (keep)-[moved:$(type(r))]->(other)
  SET moved = properties(r)
}
CALL (duplicate, keep) {
  MATCH (other)-[r]->(duplicate)
  WHERE other <> keep
    AND NOT (type(r) = 'COOPERATES_WITH' AND EXISTS { (other)-[s:COOPERATES_WITH]->(keep) WHERE s.since = r.since })
  CREATE (other)-[moved:$(type(r))]->(keep)
  SET moved = properties(r)
}
SET keep.merged_ids = coalesce(keep.merged_ids, []) + [duplicate.id]
DETACH DELETE duplicate
RETURN keep.id AS id, COUNT { (keep)--() } AS relationships
