MATCH (p:Position {id: $key[0]})
DETACH DELETE p
RETURN count(*) AS deleted
