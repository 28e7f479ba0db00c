// The relationships of a network export, to be run in the same transaction as
// network/nodes (the ends come as element ids): every relationship between two nodes of
// the export. The scope, with or without $centre, is that of network/nodes: keep them in step.
CALL () {
  WITH $centre AS centre WHERE centre IS NULL  // first, so a centre's export scans nothing
  MATCH (a)-[r]->(b)
  WHERE a:Region|Municipality|Centre|IntegrationConcept|Organisation|Person|Position|Network|Offer|FieldOfAction|EducationStage
    AND b:Region|Municipality|Centre|IntegrationConcept|Organisation|Person|Position|Network|Offer|FieldOfAction|EducationStage
  RETURN a, r, b
  UNION ALL
  MATCH (c:Centre {id: $centre})
  CALL (c) {
    RETURN c AS n
    UNION
    MATCH (c)-[:SERVES|HAS_CONCEPT|GRANTED_BY|HAS_POSITION|COORDINATES|OFFERS|COOPERATES_WITH]->(n)
    RETURN n
    UNION
    MATCH (c)-[:HAS_POSITION]->(:Position)<-[:HOLDS]-(n:Person)
    RETURN n
    UNION
    MATCH (c)-[:COORDINATES]->(:Network)<-[:MEMBER_OF]-(n:Organisation)
    RETURN n
    UNION
    MATCH (c)-[:OFFERS]->(:Offer)-[:IN_FIELD|FOR_STAGE]->(n)
    RETURN n
    UNION
    MATCH (c)<-[:WORKS_AT]-(n:Person)
    RETURN n
    UNION
    MATCH (c)-[:COOPERATES_WITH]->(:Organisation)<-[:WORKS_AT]-(n:Person)
    RETURN n
  }
  WITH collect(n) AS scope
  UNWIND scope AS a
  MATCH (a)-[r]->(b)
  WHERE b IN scope
  RETURN a, r, b
}
WITH a, r, b
WHERE (NOT a:Person OR coalesce(a.consent, 'none') <> 'none')
  AND (NOT b:Person OR coalesce(b.consent, 'none') <> 'none')
RETURN elementId(a) AS source, elementId(b) AS target, type(r) AS type, properties(r) AS properties
