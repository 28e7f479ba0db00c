// The user of a session that still runs (not idle since $idle_before, started after
// $started_before), with the centres they work for; no row for a disabled user.
MATCH (s:Session {key_hash: $key_hash})-[:OF]->(u:User)
WHERE s.seen >= $idle_before AND s.started >= $started_before AND NOT coalesce(u.disabled, false)
RETURN u.username AS username, u.display_name AS display_name, u.role AS role, u.disabled AS disabled,
       s.seen AS seen, COLLECT { MATCH (u)-[:STAFF_OF]->(c:Centre) RETURN c.id ORDER BY c.id } AS centres
