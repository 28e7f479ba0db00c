// A successful sign-in; a fresh hash is stored when given.
MATCH (u:User {username: $username})
SET u.last_sign_in = $now, u.password_hash = coalesce($new_password_hash, u.password_hash)
REMOVE u.failed_sign_ins, u.locked_until
RETURN u.username AS username
