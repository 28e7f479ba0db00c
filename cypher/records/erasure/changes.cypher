// The recorded changes that hold values of persons to be erased: their own (by kind and key)
// and those of posts they held (a post's person_id in the record before or after, as JSON).
UNWIND $keys AS key
MATCH (change:Change {kind: 'persons', key: key})
RETURN change.id AS id, change.kind AS kind, change.key AS key, change.action AS action,
       change.before AS before, change.after AS after
UNION
MATCH (change:Change {kind: 'positions'})
WHERE any(needle IN $needles WHERE change.before CONTAINS needle OR change.after CONTAINS needle)
RETURN change.id AS id, change.kind AS kind, change.key AS key, change.action AS action,
       change.before AS before, change.after AS after
