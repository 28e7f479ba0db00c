// The centres' cooperations of each period (a year up to its reference day) in one statement
// for every centre and year, counted per partner type, form and fields: whether active on the
// reference day (the day in "until" still counts), begun within the period, ended within it.
UNWIND $periods AS p
MATCH (c:Centre)-[k:COOPERATES_WITH]->(o:Organisation)
WHERE k.since <= p.day AND (k.until IS NULL OR k.until >= p.start)
WITH c.id AS centre, p.year AS year, o.type AS type, k.form AS form, coalesce(k.fields, []) AS fields,
     k.until IS NULL OR k.until >= p.day AS active, k.since >= p.start AS started,
     k.until IS NOT NULL AND k.until <= p.day AS ended
RETURN centre, year, type, form, fields, active, started, ended, count(*) AS n
