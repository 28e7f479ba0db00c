// A new password-reset link: the hash of its token and its expiry replace an earlier link's.
MATCH (u:User {username: $username})
SET u.reset_token_hash = $token_hash, u.reset_expires = $expires, u.reset_uses = 0
RETURN u.username AS username
