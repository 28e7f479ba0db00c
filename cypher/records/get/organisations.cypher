// Organisations in the exchange format; $ids null means all.
MATCH (o:Organisation)
WHERE $ids IS NULL OR o.id IN $ids
OPTIONAL MATCH (o)-[:LOCATED_IN]->(place)
OPTIONAL MATCH (place)-[:PART_OF]->(parent:Region)
RETURN o.id AS id, o.name AS name, o.type AS type,
       CASE WHEN place:Region THEN place.ags ELSE parent.ags END AS region,
       CASE WHEN place:Municipality THEN place.ags END AS municipality,
       o.federation AS federation, o.programme AS programme, coalesce(o.languages, []) AS languages,
       COLLECT { MATCH (o)-[:IN_FIELD]->(f) RETURN f.key ORDER BY f.key } AS fields,
       COLLECT { MATCH (o)-[:FOR_STAGE]->(s) RETURN s.key ORDER BY s.position } AS stages,
       o.street AS street, o.postcode AS postcode, o.city AS city, o.email AS email, o.phone AS phone,
       o.website AS website, o.schulnummer AS schulnummer, o.school_form AS school_form, o.until AS until
ORDER BY id
