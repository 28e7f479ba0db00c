// Who records a consent: the signed-in user's display name (their user name when not found).
OPTIONAL MATCH (u:User {username: $username})
RETURN coalesce(u.display_name, $username) AS name
