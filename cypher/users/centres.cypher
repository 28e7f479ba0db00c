// Every centre's id and name, by name: the centres a user can be given.
MATCH (c:Centre)
RETURN c.id AS id, c.name AS name
ORDER BY name, id
