// Changes of one centre, or of one item (kind and key), newest first.
MATCH (change:Change)
WHERE ($centre IS NULL OR EXISTS { (change)-[:CONCERNS]->(:Centre {id: $centre}) })
  AND ($kind IS NULL OR (change.kind = $kind AND change.key = $key))
RETURN change.id AS id, toString(change.at) AS at, change.user AS user, change.action AS action,
       change.kind AS kind, change.key AS key, change.summary AS summary, change.undoes AS undoes,
       change.before AS before, change.after AS after, coalesce(change.erased, false) AS erased,
       EXISTS { MATCH (:Change {undoes: change.id}) } AS undone
ORDER BY change.at DESC, change.id DESC
SKIP $skip LIMIT $limit
