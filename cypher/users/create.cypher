// A new user; the uniqueness constraint on User.username refuses a second one.
CREATE (u:User {username: $username, display_name: $display_name, role: $role,
                password_hash: $password_hash, disabled: false, failed_sign_ins: 0,
                created_at: $created_at})
WITH u
CALL (u) {
  UNWIND $centres AS centre_id
  MATCH (c:Centre {id: centre_id})
  MERGE (u)-[:STAFF_OF]->(c)
}
RETURN u.username AS username
