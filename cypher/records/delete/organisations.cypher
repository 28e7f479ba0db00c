// Undoing the creation of an organisation: only while nothing else refers to it.
MATCH (o:Organisation {id: $key[0]})
WHERE NOT EXISTS { (o)-[r]-() WHERE NOT type(r) IN ['LOCATED_IN', 'IN_FIELD', 'FOR_STAGE'] }
DETACH DELETE o
RETURN count(*) AS deleted
