// The write lock of each record's own node, taken before it is read and compared, so that
// concurrent writes of one record run one after the other (never a lost update).
UNWIND $keys AS key
MATCH (n:Organisation {id: key[0]})
SET n._lock = true
REMOVE n._lock
