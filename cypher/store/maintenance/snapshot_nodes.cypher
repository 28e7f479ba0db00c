// Every node but the migration history and the data's version token (which every write renews),
// with its labels and properties.
MATCH (n) WHERE NOT n:Migration AND NOT n:DataVersion
RETURN labels(n) AS labels, properties(n) AS properties
