// A request of a running session: it is not idle.
MATCH (s:Session {key_hash: $key_hash})
SET s.seen = $now
