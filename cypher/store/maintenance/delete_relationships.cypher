// Every relationship, in batches (runs as an implicit transaction). First, so that deleting
// a node with very many relationships (a field of action at the 10x scale) never has to
// delete them all in one transaction.
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
