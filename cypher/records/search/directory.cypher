// The directory: organisations and contact persons by name and by filters (a null filter is
// no filter). The candidates come from what narrows most, never from all organisations or
// persons: the name (full-text index 'name_search'), else the place (by its AGS, then what is
// located in or serves it or one of its municipalities), the field, the stage or the type of
// organisation (indexed), and a person through their workplace; else the language
// (full-text index 'language_search'). The remaining filters are then checked on those few.
// A person is returned only as far as the viewer may see them (kiz_graph/records/visibility.py):
// their consent level is in $consents, or in $network_consents and their workplace's id in
// $network (checked on the rows found, never by a scan); ended records are left out.
// A person is filtered by their workplace's type, fields, stages and place, and by their own
// languages.
CALL () {
  WITH $query AS query WHERE query IS NOT NULL
  CALL db.index.fulltext.queryNodes('name_search', query) YIELD node, score
  WITH node, score WHERE node:Organisation OR node:Person
  RETURN node, score
  UNION ALL
  WITH $query AS query WHERE query IS NULL AND coalesce($place, $field, $stage, $type) IS NOT NULL
  CALL () {
    MATCH (place:Municipality {ags: $place})<-[:LOCATED_IN|SERVES]-(org:Organisation) RETURN org
    UNION
    MATCH (place:Region {ags: $place})<-[:LOCATED_IN|SERVES]-(org:Organisation) RETURN org
    UNION
    MATCH (:Region {ags: $place})<-[:PART_OF]-(:Municipality)<-[:LOCATED_IN|SERVES]-(org:Organisation) RETURN org
    UNION
    WITH $place AS place WHERE place IS NULL
    MATCH (:FieldOfAction {key: $field})<-[:IN_FIELD]-(org:Organisation) RETURN org
    UNION
    WITH coalesce($place, $field) AS narrower WHERE narrower IS NULL
    MATCH (:EducationStage {key: $stage})<-[:FOR_STAGE]-(org:Organisation) RETURN org
    UNION
    WITH coalesce($place, $field, $stage) AS narrower WHERE narrower IS NULL
    MATCH (org:Organisation {type: $type}) RETURN org
  }
  CALL (org) {
    RETURN org AS node
    UNION
    MATCH (person:Person)-[:WORKS_AT]->(org) RETURN person AS node
  }
  RETURN node, 0.0 AS score
  UNION ALL
  WITH $query AS query WHERE query IS NULL AND coalesce($place, $field, $stage, $type) IS NULL
  CALL db.index.fulltext.queryNodes('language_search', $language) YIELD node
  RETURN node, 0.0 AS score
}
WITH node, score, CASE WHEN node:Person THEN 'person' ELSE 'organisation' END AS kind
WHERE ($kind IS NULL OR kind = $kind)
  AND (kind = 'organisation' OR coalesce(node.consent, 'none') IN $consents + $network_consents)
  AND (node.until IS NULL OR node.until > date())
  AND ($language IS NULL OR $language IN coalesce(node.languages, []))
OPTIONAL MATCH (node:Person)-[w:WORKS_AT]->(workplace)
WITH node, score, kind, w, workplace, CASE kind WHEN 'person' THEN workplace ELSE node END AS org
WHERE (kind = 'organisation' OR coalesce(node.consent, 'none') IN $consents
       OR (coalesce(node.consent, 'none') IN $network_consents AND workplace.id IN $network))
  AND (org IS NULL OR org.until IS NULL OR org.until > date())
  AND ($type IS NULL OR org.type = $type)
  AND ($field IS NULL OR EXISTS { (org)-[:IN_FIELD]->(:FieldOfAction {key: $field}) })
  AND ($stage IS NULL OR EXISTS { (org)-[:FOR_STAGE]->(:EducationStage {key: $stage}) })
  AND ($place IS NULL OR EXISTS {
        MATCH (org)-[:LOCATED_IN|SERVES]->(place)
        WHERE place.ags = $place OR EXISTS { (place)-[:PART_OF]->(:Region {ags: $place}) } })
WITH node, score, kind, w, workplace, org,
     toLower(node.name) AS sort_name
RETURN kind, node.id AS id, node.name AS name, node.type AS type, node.consent AS consent,
       node.email AS email, node.phone AS phone, coalesce(node.languages, []) AS languages,
       w.function AS function, workplace.id AS workplace_id, workplace.name AS workplace,
       coalesce(head(COLLECT { MATCH (org)-[:LOCATED_IN|SERVES]->(place) RETURN place.name }), org.city) AS place,
       org.street AS street, org.postcode AS postcode, org.city AS city,
       CASE kind WHEN 'organisation' THEN node.website END AS website, score
ORDER BY score DESC,
         replace(replace(replace(replace(sort_name, 'ä', 'a'), 'ö', 'o'), 'ü', 'u'), 'ß', 'ss'), kind, id
LIMIT $limit
