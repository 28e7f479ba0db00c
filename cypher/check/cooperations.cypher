// Every cooperation of each centre (active or not: the rules judge the day themselves).
MATCH (c:Centre)-[k:COOPERATES_WITH]->(o:Organisation)
WHERE $centre IS NULL OR c.id = $centre
RETURN c.id AS centre, o.id AS id, o.name AS name, o.type AS type, k.form AS form,
       k.since AS since, k.until AS until, coalesce(k.fields, []) AS fields
ORDER BY centre, since, id
