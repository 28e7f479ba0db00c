UNWIND $keys AS key
MATCH (n:Municipality {ags: key})
RETURN key
