// Disable or enable a user's sign-in; disabling also ends a password-reset link and every
// session of the user.
MATCH (u:User {username: $username})
SET u.disabled = $disabled,
    u.reset_token_hash = CASE WHEN $disabled THEN null ELSE u.reset_token_hash END,
    u.reset_expires = CASE WHEN $disabled THEN null ELSE u.reset_expires END
WITH u
CALL { WITH u MATCH (s:Session)-[:OF]->(u) WHERE $disabled DETACH DELETE s }
RETURN u.username AS username
