// $keys: null for all, or a list of [from_id, to_id, form].
MATCH (source)-[k:COOPERATES_WITH]->(target:Organisation)
WHERE $keys IS NULL OR [source.id, target.id, k.form] IN $keys
RETURN source.id AS from_id, target.id AS to_id, k.form AS form, k.since AS since, k.until AS until,
       coalesce(k.fields, []) AS fields, k.agreement AS agreement, k.last_contact AS last_contact,
       k.note AS note
ORDER BY from_id, to_id, since, form
