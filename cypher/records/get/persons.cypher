MATCH (p:Person)
WHERE $ids IS NULL OR p.id IN $ids
OPTIONAL MATCH (p)-[w:WORKS_AT]->(workplace)
RETURN p.id AS id, p.name AS name, workplace.id AS organisation_id, w.function AS function,
       p.email AS email, p.phone AS phone, coalesce(p.languages, []) AS languages,
       p.consent AS consent, p.consent_date AS consent_date, p.consent_method AS consent_method,
       p.consent_purpose AS consent_purpose, p.consent_recorded_by AS consent_recorded_by,
       p.consent_withdrawn_on AS consent_withdrawn_on, p.until AS until
ORDER BY id
