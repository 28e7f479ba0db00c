// Recorded changes: who, when, what, before and after (JSON), and the centres each concerns.
UNWIND $changes AS row
CREATE (change:Change {id: row.id, at: datetime(), user: $user, action: row.action, kind: $kind,
                       key: row.key, before: row.before, after: row.after, summary: row.summary,
                       undoes: row.undoes})
WITH change, row
UNWIND row.centres AS centre_id
MATCH (c:Centre {id: centre_id})
CREATE (change)-[:CONCERNS]->(c)
