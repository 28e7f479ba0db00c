// A centre's own facts: dates, RAA predecessor, its Integrationskonzept, its granting authority.
UNWIND $rows AS row
MATCH (c:Centre {id: row.id})
SET c.applied_on = row.applied_on, c.opened_on = row.opened_on,
    c.raa_predecessor = row.raa_predecessor, c.raa_integrated_on = row.raa_integrated_on
WITH c, row,
     row.concept_adopted_on IS NOT NULL OR row.concept_adopted_by IS NOT NULL
       OR size(row.concept_topics) > 0 OR row.municipalities_agreed IS NOT NULL AS has_concept
CALL (c, has_concept) {
  OPTIONAL MATCH (c)-[:HAS_CONCEPT]->(old:IntegrationConcept)
  WITH old WHERE old IS NOT NULL AND NOT has_concept
  DETACH DELETE old
}
CALL (c, row, has_concept) {
  WITH c, row WHERE has_concept
  MERGE (k:IntegrationConcept {id: 'konzept-' + c.id})
  SET k.adopted_on = row.concept_adopted_on, k.adopted_by = row.concept_adopted_by,
      k.topics = row.concept_topics, k.municipalities_agreed = row.municipalities_agreed
  MERGE (c)-[:HAS_CONCEPT]->(k)
}
CALL (c, row) {
  OPTIONAL MATCH (c)-[old:GRANTED_BY]->(a)
  WHERE row.granted_by IS NULL OR a.id <> row.granted_by
  DELETE old
}
CALL (c, row) {
  MATCH (a:Organisation {id: row.granted_by})
  MERGE (c)-[:GRANTED_BY]->(a)
}
