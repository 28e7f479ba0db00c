// Every relationship, its ends named by their labels and key.
MATCH (a)-[r]->(b)
RETURN type(r) AS type, labels(a) AS from_labels, coalesce(a.id, a.ags, a.key) AS from_key,
       labels(b) AS to_labels, coalesce(b.id, b.ags, b.key) AS to_key, properties(r) AS properties
