// One user with the centres they work for, or no row.
MATCH (u:User {username: $username})
RETURN u.username AS username, u.display_name AS display_name, u.role AS role,
       u.disabled AS disabled, u.password_hash AS password_hash,
       COLLECT { MATCH (u)-[:STAFF_OF]->(c:Centre) RETURN c.id ORDER BY c.id } AS centres
