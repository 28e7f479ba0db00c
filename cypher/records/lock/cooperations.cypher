// A cooperation is locked through the node it starts at (a centre or an organisation):
// a relationship that does not exist yet has no lock of its own.
UNWIND $keys AS key
CALL (key) {
  MATCH (n:Centre {id: key[0]})
  RETURN n
  UNION
  MATCH (n:Organisation {id: key[0]})
  RETURN n
}
SET n._lock = true
REMOVE n._lock
