// The newest recorded change of one record: who changed it last, and when.
MATCH (change:Change {kind: $kind, key: $key})
RETURN change.user AS user, toString(change.at) AS at, change.summary AS summary
ORDER BY change.at DESC, change.id DESC
LIMIT 1
