// The networks each centre coordinates, per period: current on the reference day or ended
// within the period, with their memberships (a membership without "since" counts from the
// first period, and never as begun).
UNWIND $periods AS p
MATCH (c:Centre)-[:COORDINATES]->(n:Network)
WHERE n.until IS NULL OR n.until >= p.start
WITH c, p, n, n.until IS NULL OR n.until >= p.day AS active
CALL (n, p, active) {
  OPTIONAL MATCH (o:Organisation)-[m:MEMBER_OF]->(n)
  WHERE (m.since IS NULL OR m.since <= p.day) AND (m.until IS NULL OR m.until >= p.start)
  WITH o, m, active AND (m.until IS NULL OR m.until >= p.day) AS current
  RETURN collect(CASE WHEN current THEN o.id END) AS members,
         count(CASE WHEN m.since >= p.start THEN m END) AS joined,
         count(CASE WHEN m.until <= p.day THEN m END) AS left
}
RETURN c.id AS centre, p.year AS year, active, n.until IS NOT NULL AND n.until <= p.day AS ended,
       members, joined, left
