// Contact persons and where they work (an organisation, or a centre for its own staff).
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
SET p.name = row.name, p.email = row.email, p.phone = row.phone, p.languages = row.languages,
    p.consent = row.consent, p.consent_date = row.consent_date, p.consent_method = row.consent_method,
    p.consent_purpose = row.consent_purpose, p.consent_recorded_by = row.consent_recorded_by,
    p.consent_withdrawn_on = row.consent_withdrawn_on, p.until = row.until
WITH p, row
CALL (p, row) {
  OPTIONAL MATCH (p)-[old:WORKS_AT]->(x)
  WHERE x.id <> row.organisation_id
  DELETE old
}
CALL (p, row) {
  OPTIONAL MATCH (o:Organisation {id: row.organisation_id})
  OPTIONAL MATCH (c:Centre {id: row.organisation_id})
  WITH coalesce(o, c) AS workplace
  WHERE workplace IS NOT NULL
  MERGE (p)-[w:WORKS_AT]->(workplace)
  SET w.function = row.function
}
