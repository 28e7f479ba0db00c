// A membership is locked through its network: one that does not exist yet has no lock of its own.
UNWIND $keys AS key
MATCH (n:Network {id: key[0]})
SET n._lock = true
REMOVE n._lock
