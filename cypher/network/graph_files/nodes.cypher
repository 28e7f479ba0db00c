// The nodes of a network export: every node of the data model (not user accounts, the
// audit trail or the migration history), or, with $centre, that centre's network: the
// centre, its region, concept, granting authority, positions (and who holds them),
// networks and their member organisations, offers with their fields and stages, its
// cooperation partners (active or ended), and the persons working at the centre or at a
// partner. Persons without consent (`none` or
// not recorded: "Keine Person sichtbar, nur die Organisation") are left out.
CALL () {
  WITH $centre AS centre WHERE centre IS NULL  // first, so a centre's export scans nothing
  MATCH (n)
  WHERE n:Region|Municipality|Centre|IntegrationConcept|Organisation|Person|Position|Network|Offer|FieldOfAction|EducationStage
  RETURN n
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
  RETURN n
}
WITH n WHERE NOT n:Person OR coalesce(n.consent, 'none') <> 'none'
RETURN elementId(n) AS element, labels(n) AS labels, properties(n) AS properties
