// The contact persons of the organisations a shared network file shows ($ids) who work there
// on $day, with consent level and workplace: kiz_graph/network/share.py keeps only those both
// the recipient's and the downloader's role may see (kiz_graph/records/visibility.py). Persons
// without consent (`none` or none recorded) never leave the database through this query.
MATCH (p:Person)-[w:WORKS_AT]->(o)
WHERE o.id IN $ids AND p.consent IN ['public', 'internal'] AND (p.until IS NULL OR p.until >= $day)
RETURN p.id AS id, p.name AS name, w.function AS function, p.email AS email, p.consent AS consent,
       o.id AS workplace
ORDER BY p.name, p.id
