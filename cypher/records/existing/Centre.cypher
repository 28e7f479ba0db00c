UNWIND $keys AS key
MATCH (n:Centre {id: key})
RETURN key
