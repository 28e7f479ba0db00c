// A new password hash; it also lifts a lock and forgets failed sign-ins.
MATCH (u:User {username: $username})
SET u.password_hash = $password_hash, u.failed_sign_ins = 0, u.locked_until = null
RETURN u.username AS username
