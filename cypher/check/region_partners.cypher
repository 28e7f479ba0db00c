// Organisations of the types the rules ask about, in each centre's region, existing on the day.
MATCH (c:Centre)-[:SERVES]->(r:Region)
WHERE $centre IS NULL OR c.id = $centre
CALL (r) {
  MATCH (o:Organisation)-[:LOCATED_IN]->(r)
  RETURN o
  UNION
  MATCH (o:Organisation)-[:LOCATED_IN]->(:Municipality)-[:PART_OF]->(r)
  RETURN o
}
WITH c, o
WHERE o.type IN $types AND (o.until IS NULL OR o.until >= $day)
RETURN c.id AS centre, o.id AS id, o.name AS name, o.type AS type,
       COLLECT { MATCH (o)-[:IN_FIELD]->(f) RETURN f.key } AS fields
ORDER BY centre, type, name
