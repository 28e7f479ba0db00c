// Every node but the migration history, with its labels and properties.
MATCH (n) WHERE NOT n:Migration
RETURN labels(n) AS labels, properties(n) AS properties
