UNWIND $keys AS key
MATCH (n:Organisation {id: key})
RETURN key
