// Every user with the centres they work for, by username.
MATCH (u:User)
RETURN u.username AS username, u.display_name AS display_name, u.role AS role,
       u.disabled AS disabled,
       COLLECT { MATCH (u)-[:STAFF_OF]->(c:Centre) RETURN c.id ORDER BY c.id } AS centres
ORDER BY username
