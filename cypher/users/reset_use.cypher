// Set the password through a link that still works, once: the first SET takes the node's
// write lock before the count is read, so of two uses at the same moment only one finds
// itself the first. The link is then gone, and as with any new password every session of
// the user and every block of the account.
MATCH (u:User {reset_token_hash: $token_hash})
WHERE u.reset_expires > $now AND NOT u.disabled
SET u.reset_uses = coalesce(u.reset_uses, 0) + 1
WITH u
WHERE u.reset_uses = 1
SET u.password_hash = $password_hash
REMOVE u.reset_token_hash, u.reset_expires, u.failed_sign_ins, u.locked_until
WITH u
CALL { WITH u MATCH (s:Session)-[:OF]->(u) DETACH DELETE s }
CALL { WITH u MATCH (c:SignInCount {username: u.username}) SET c.count = 0, c.until = null }
RETURN u.username AS username
