UNWIND $keys AS key
MATCH (n:Network {id: key})
RETURN key
