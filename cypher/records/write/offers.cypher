// Offers (Angebote, Projekte, Maßnahmen) with their provider, fields, stages and place.
UNWIND $rows AS row
CALL (row) {
  OPTIONAL MATCH (c:Centre {id: row.provider_id})
  OPTIONAL MATCH (o:Organisation {id: row.provider_id})
  RETURN coalesce(c, o) AS provider
}
MERGE (f:Offer {id: row.id})
SET f.title = row.title, f.task = row.task, f.languages = row.languages,
    f.target_group = row.target_group, f.until = row.until
WITH f, row, provider
CALL (f, provider) {
  OPTIONAL MATCH (other)-[old:OFFERS]->(f)
  WHERE other <> provider
  DELETE old
}
MERGE (provider)-[:OFFERS]->(f)
WITH f, row
CALL (f, row) {
  OPTIONAL MATCH (f)-[old:IN_FIELD]->(x)
  WHERE NOT x.key IN row.fields
  DELETE old
}
CALL (f, row) {
  UNWIND row.fields AS key
  MATCH (x:FieldOfAction {key: key})
  MERGE (f)-[:IN_FIELD]->(x)
}
CALL (f, row) {
  OPTIONAL MATCH (f)-[old:FOR_STAGE]->(x)
  WHERE NOT x.key IN row.stages
  DELETE old
}
CALL (f, row) {
  UNWIND row.stages AS key
  MATCH (x:EducationStage {key: key})
  MERGE (f)-[:FOR_STAGE]->(x)
}
CALL (f, row) {
  OPTIONAL MATCH (f)-[old:LOCATED_IN]->(m)
  WHERE row.municipality IS NULL OR m.ags <> row.municipality
  DELETE old
}
CALL (f, row) {
  MATCH (m:Municipality {ags: row.municipality})
  MERGE (f)-[:LOCATED_IN]->(m)
}
