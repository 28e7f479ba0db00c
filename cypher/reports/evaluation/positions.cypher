// Each centre's posts filled on each reference day (not ended before it), per profession and
// funding: posts, not people (who holds them is not read).
UNWIND $periods AS p
MATCH (c:Centre)-[:HAS_POSITION]->(s:Position)
WHERE s.until IS NULL OR s.until >= p.day
RETURN c.id AS centre, p.year AS year, s.profession AS profession, s.funding AS funding,
       count(*) AS n, sum(coalesce(s.fte, 0.0)) AS fte
