// The networks each centre coordinates that had not ended before $first_day, with the
// periods of their members (ISO dates): the report counts members, joins and departures.
MATCH (c:Centre)-[:COORDINATES]->(n:Network)
WHERE ($centre IS NULL OR c.id = $centre) AND (n.until IS NULL OR n.until >= $first_day)
WITH c, n ORDER BY n.name
RETURN c.id AS centre,
       collect([n.name, COLLECT { MATCH (:Organisation)-[m:MEMBER_OF]->(n)
                                  RETURN [toString(m.since), toString(m.until)] }]) AS rows
