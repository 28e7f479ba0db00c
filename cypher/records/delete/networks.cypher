MATCH (n:Network {id: $key[0]})
WHERE NOT EXISTS { (n)<-[:MEMBER_OF]-() }
DETACH DELETE n
RETURN count(*) AS deleted
