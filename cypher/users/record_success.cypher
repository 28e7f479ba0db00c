// A successful sign-in: forget failures and any lock; store a fresh hash when given.
MATCH (u:User {username: $username})
SET u.failed_sign_ins = 0, u.locked_until = null, u.last_sign_in = $now,
    u.password_hash = coalesce($new_password_hash, u.password_hash)
RETURN u.username AS username
