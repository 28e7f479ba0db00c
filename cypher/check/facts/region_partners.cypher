// Organisations in each centre's region existing on the day, of the types the rules ask
// about: the candidates for suggestions. One row per centre with compact lists.
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
WITH c, o ORDER BY o.type, o.name
RETURN c.id AS centre,
       collect([o.id, o.name, o.type, COLLECT { MATCH (o)-[:IN_FIELD]->(f) RETURN f.key }]) AS rows
