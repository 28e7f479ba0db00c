MATCH (provider)-[:OFFERS]->(f:Offer)
WHERE $ids IS NULL OR f.id IN $ids
OPTIONAL MATCH (f)-[:LOCATED_IN]->(m:Municipality)
RETURN f.id AS id, f.title AS title, provider.id AS provider_id, f.task AS task,
       COLLECT { MATCH (f)-[:IN_FIELD]->(x) RETURN x.key ORDER BY x.key } AS fields,
       COLLECT { MATCH (f)-[:FOR_STAGE]->(x) RETURN x.key ORDER BY x.position } AS stages,
       coalesce(f.languages, []) AS languages, f.target_group AS target_group,
       m.ags AS municipality, f.until AS until
ORDER BY id
