MATCH (p:Person)
WHERE $ids IS NULL OR p.id IN $ids
OPTIONAL MATCH (p)-[w:WORKS_AT]->(workplace)
RETURN p.id AS id, p.name AS name, workplace.id AS organisation_id, w.function AS function,
       p.email AS email, p.phone AS phone, coalesce(p.languages, []) AS languages,
       p.consent AS consent, p.consent_date AS consent_date, p.until AS until
ORDER BY id
