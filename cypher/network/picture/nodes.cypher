// The nodes of a centre's network page as of $day: the centre, then the organisations it
// cooperates with on that day (since <= $day and until empty or >= $day), optionally only
// those of $types (empty list: all), working in field $field and for stage $stage (null: any).
// `contact` is at most one person who works there now and whose consent is 'public';
// persons with consent 'internal' or 'none' never leave the database through this query.
MATCH (c:Centre {id: $centre})
CALL (c) {
  OPTIONAL MATCH (c)-[:SERVES]->(r:Region)
  RETURN 0 AS rank, c.id AS id, c.name AS name, 'Centre' AS type, r.name AS place,
         [] AS fields, [] AS stages, [] AS contacts
  UNION ALL
  MATCH (c)-[k:COOPERATES_WITH]->(o:Organisation)
  WHERE k.since <= $day AND (k.until IS NULL OR k.until >= $day)
  WITH DISTINCT o
  WHERE (size($types) = 0 OR o.type IN $types)
    AND ($field IS NULL OR EXISTS { (o)-[:IN_FIELD]->(:FieldOfAction {key: $field}) })
    AND ($stage IS NULL OR EXISTS { (o)-[:FOR_STAGE]->(:EducationStage {key: $stage}) })
  RETURN 1 AS rank, o.id AS id, o.name AS name, o.type AS type,
         COLLECT { MATCH (o)-[:LOCATED_IN]->(place) RETURN place.name LIMIT 1 }[0] AS place,
         COLLECT { MATCH (o)-[:IN_FIELD]->(f:FieldOfAction) RETURN f.key ORDER BY f.key } AS fields,
         COLLECT { MATCH (o)-[:FOR_STAGE]->(s:EducationStage) RETURN s.key ORDER BY s.position } AS stages,
         COLLECT {
           MATCH (p:Person)-[w:WORKS_AT]->(o)
           WHERE p.consent = 'public' AND (p.until IS NULL OR p.until >= $day)
           RETURN {name: p.name, function: w.function, email: p.email} ORDER BY p.name, p.id LIMIT 1
         } AS contacts
}
RETURN id, name, type, place, fields, stages, contacts[0] AS contact
ORDER BY rank, name, id
