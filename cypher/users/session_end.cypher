// Signing out: the session is gone.
MATCH (s:Session {key_hash: $key_hash})
DETACH DELETE s
