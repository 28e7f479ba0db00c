// Everything but the migration history, in batches (runs as an implicit transaction).
MATCH (n) WHERE NOT n:Migration
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
