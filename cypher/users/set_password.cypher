// A new password hash; it also lifts a lock, forgets failed sign-ins and ends a reset link.
MATCH (u:User {username: $username})
SET u.password_hash = $password_hash, u.failed_sign_ins = 0, u.locked_until = null
REMOVE u.reset_token_hash, u.reset_expires
RETURN u.username AS username
