// A new password hash: it ends a reset link, every session of the user and every block of
// the account (its sign-in counters start afresh).
MATCH (u:User {username: $username})
SET u.password_hash = $password_hash
REMOVE u.reset_token_hash, u.reset_expires, u.failed_sign_ins, u.locked_until
WITH u
CALL { WITH u MATCH (s:Session)-[:OF]->(u) DETACH DELETE s }
CALL { WITH u MATCH (c:SignInCount {username: u.username}) SET c.count = 0, c.until = null }
RETURN u.username AS username
