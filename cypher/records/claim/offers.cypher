// New records' nodes, created (never merged) so that the uniqueness constraint refuses a
// key that a concurrent transaction created first.
UNWIND $keys AS key
CREATE (:Offer {id: key[0]})
