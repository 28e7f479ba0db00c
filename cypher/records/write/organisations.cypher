// Create or update organisations; one extra label for the type, the place, fields and stages.
UNWIND $rows AS row
MERGE (o:Organisation {id: row.id})
WITH o, row, [label IN labels(o) WHERE label <> 'Organisation' AND label <> row.type] AS stale
REMOVE o:$(stale)
SET o:$(row.type)
SET o.name = row.name, o.name_key = row.name_key, o.type = row.type, o.federation = row.federation,
    o.programme = row.programme, o.languages = row.languages, o.street = row.street,
    o.postcode = row.postcode, o.city = row.city, o.email = row.email, o.phone = row.phone,
    o.website = row.website, o.schulnummer = row.schulnummer, o.school_form = row.school_form,
    o.until = row.until
WITH o, row, coalesce(row.municipality, row.region) AS place_key
CALL (o, place_key) {
  OPTIONAL MATCH (o)-[old:LOCATED_IN]->(place)
  WHERE place_key IS NULL OR place.ags <> place_key
  DELETE old
}
CALL (o, row) {
  OPTIONAL MATCH (m:Municipality {ags: row.municipality})
  OPTIONAL MATCH (r:Region {ags: row.region})
  WITH coalesce(m, r) AS place
  WHERE place IS NOT NULL
  MERGE (o)-[:LOCATED_IN]->(place)
}
CALL (o, row) {
  OPTIONAL MATCH (o)-[old:IN_FIELD]->(f)
  WHERE NOT f.key IN row.fields
  DELETE old
}
CALL (o, row) {
  UNWIND row.fields AS key
  MATCH (f:FieldOfAction {key: key})
  MERGE (o)-[:IN_FIELD]->(f)
}
CALL (o, row) {
  OPTIONAL MATCH (o)-[old:FOR_STAGE]->(s)
  WHERE NOT s.key IN row.stages
  DELETE old
}
CALL (o, row) {
  UNWIND row.stages AS key
  MATCH (s:EducationStage {key: key})
  MERGE (o)-[:FOR_STAGE]->(s)
}
