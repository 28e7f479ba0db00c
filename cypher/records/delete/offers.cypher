MATCH (f:Offer {id: $key[0]})
DETACH DELETE f
RETURN count(*) AS deleted
