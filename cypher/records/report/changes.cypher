// Every recorded change that concerns one person: of their record (kind and key, indexed),
// and of a post they held before or after it ($holder: the post's JSON text naming them).
CALL () {
  MATCH (change:Change {kind: 'persons', key: $key})
  RETURN change
  UNION
  MATCH (change:Change {kind: 'positions'})
  WHERE change.before CONTAINS $holder OR change.after CONTAINS $holder
  RETURN change
}
RETURN change.id AS id, toString(change.at) AS at, change.user AS user, change.action AS action,
       change.kind AS kind, change.key AS key, change.summary AS summary, change.undoes AS undoes,
       change.before AS before, change.after AS after,
       EXISTS { MATCH (:Change {undoes: change.id}) } AS undone
ORDER BY change.at, change.id
