// Every cooperation of each centre (active or not: the rules judge the day themselves).
// One row per centre with compact lists and ISO dates: decoding thousands of records and
// date values is what costs time in the driver, not the query.
MATCH (c:Centre)-[k:COOPERATES_WITH]->(o:Organisation)
WHERE $centre IS NULL OR c.id = $centre
WITH c, o, k ORDER BY k.since, o.id
RETURN c.id AS centre,
       collect([o.id, o.name, o.type, k.form, toString(k.since), toString(k.until), coalesce(k.fields, [])]) AS rows
