MATCH (p:Person {id: $key[0]})
WHERE NOT EXISTS { (p)-[:HOLDS]->() }
DETACH DELETE p
RETURN count(*) AS deleted
