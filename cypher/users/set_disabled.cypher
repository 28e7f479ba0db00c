// Disable or enable a user's sign-in.
MATCH (u:User {username: $username})
SET u.disabled = $disabled
RETURN u.username AS username
