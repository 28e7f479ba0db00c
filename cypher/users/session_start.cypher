// A new session of the user; sessions of anyone that are over go on the way (a few at a time).
MATCH (u:User {username: $username})
CREATE (:Session {key_hash: $key_hash, started: $now, seen: $now})-[:OF]->(u)
WITH 1 AS done
CALL {
  MATCH (s:Session) WHERE s.seen < $idle_before OR s.started < $started_before
  WITH s LIMIT 500
  DETACH DELETE s
}
RETURN done
