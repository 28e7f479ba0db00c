// A user's role and exactly these centres (none for a role without a centre), and the
// display name when one is given.
MATCH (u:User {username: $username})
SET u.role = $role, u.display_name = coalesce($display_name, u.display_name)
WITH u
CALL (u) {
  MATCH (u)-[old:STAFF_OF]->(c:Centre)
  WHERE NOT c.id IN $centres
  DELETE old
}
CALL (u) {
  UNWIND $centres AS centre_id
  MATCH (c:Centre {id: centre_id})
  MERGE (u)-[:STAFF_OF]->(c)
}
RETURN u.username AS username
