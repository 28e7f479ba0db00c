MATCH (c:Centre)
WHERE $ids IS NULL OR c.id IN $ids
OPTIONAL MATCH (c)-[:HAS_CONCEPT]->(k:IntegrationConcept)
OPTIONAL MATCH (c)-[:GRANTED_BY]->(a)
RETURN c.id AS id, c.applied_on AS applied_on, c.opened_on AS opened_on,
       c.raa_predecessor AS raa_predecessor, c.raa_integrated_on AS raa_integrated_on,
       k.adopted_on AS concept_adopted_on, k.adopted_by AS concept_adopted_by,
       coalesce(k.topics, []) AS concept_topics, k.municipalities_agreed AS municipalities_agreed,
       a.id AS granted_by
ORDER BY id
