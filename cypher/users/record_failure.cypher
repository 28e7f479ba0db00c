// One more failed sign-in; the one that reaches $max_failures locks the user until
// $locked_until and starts the count again. Incrementing in the SET itself takes the
// node's write lock before reading, so concurrent failures are all counted.
MATCH (u:User {username: $username})
SET u.failed_sign_ins = coalesce(u.failed_sign_ins, 0) + 1
WITH u, u.failed_sign_ins >= $max_failures AS locks
SET u.failed_sign_ins = CASE WHEN locks THEN 0 ELSE u.failed_sign_ins END,
    u.locked_until = CASE WHEN locks THEN $locked_until ELSE u.locked_until END
RETURN locks
