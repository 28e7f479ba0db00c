// Set the password through a link that still works, once: the first SET takes the node's
// write lock before the count is read, so of two uses at the same moment only one finds
// itself the first. The link is then gone; the password also lifts a lock.
MATCH (u:User {reset_token_hash: $token_hash})
WHERE u.reset_expires > $now AND NOT u.disabled
SET u.reset_uses = coalesce(u.reset_uses, 0) + 1
WITH u
WHERE u.reset_uses = 1
SET u.password_hash = $password_hash, u.failed_sign_ins = 0, u.locked_until = null
REMOVE u.reset_token_hash, u.reset_expires
RETURN u.username AS username
