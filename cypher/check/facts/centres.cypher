// Facts of each centre for the rule check: region, dates, concept, granting authority.
MATCH (c:Centre)-[:SERVES]->(r:Region)
WHERE $centre IS NULL OR c.id = $centre
OPTIONAL MATCH (c)-[:HAS_CONCEPT]->(k:IntegrationConcept)
RETURN c.id AS id, c.name AS name, r.ags AS region, r.name AS region_name, r.kind AS region_kind,
       r.district AS district, c.applied_on AS applied_on, c.opened_on AS opened_on,
       c.raa_predecessor AS raa_predecessor, c.raa_integrated_on AS raa_integrated_on,
       k.id AS concept_id, k.adopted_on AS concept_adopted_on, k.adopted_by AS concept_adopted_by,
       k.topics AS concept_topics, k.municipalities_agreed AS municipalities_agreed,
       [(c)-[:GRANTED_BY]->(a) | {id: a.id, name: a.name}] AS granted_by
ORDER BY id
