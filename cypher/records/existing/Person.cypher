UNWIND $keys AS key
MATCH (n:Person {id: key})
RETURN key
