MATCH (change:Change {id: $id})
RETURN change.id AS id, toString(change.at) AS at, change.user AS user, change.action AS action,
       change.kind AS kind, change.key AS key, change.before AS before, change.after AS after,
       change.summary AS summary, change.undoes AS undoes, coalesce(change.erased, false) AS erased,
       COLLECT { MATCH (change)-[:CONCERNS]->(c:Centre) RETURN c.id } AS centres,
       COLLECT { MATCH (later:Change {undoes: change.id}) RETURN later.id } AS undone_by
