UNWIND $keys AS key
MATCH (n:Region {ags: key})
RETURN key
