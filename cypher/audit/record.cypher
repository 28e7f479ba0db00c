// One recorded change: who, when, what, before and after (JSON), and the centres it concerns.
CREATE (change:Change {id: $id, at: datetime(), user: $user, action: $action, kind: $kind,
                       key: $key, before: $before, after: $after, summary: $summary, undoes: $undoes})
WITH change
UNWIND $centres AS centre_id
MATCH (c:Centre {id: centre_id})
CREATE (change)-[:CONCERNS]->(c)
