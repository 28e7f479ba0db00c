// The centres' own offers of each period, counted per task, fields (IN_FIELD) and stages
// (FOR_STAGE): current on the reference day, or ended within the period. Offers record no
// start, so an offer counts back to the first period.
UNWIND $periods AS p
MATCH (c:Centre)-[:OFFERS]->(f:Offer)
WHERE f.until IS NULL OR f.until >= p.start
WITH c.id AS centre, p.year AS year, f.task AS task,
     COLLECT { MATCH (f)-[:IN_FIELD]->(x:FieldOfAction) RETURN x.key } AS fields,
     COLLECT { MATCH (f)-[:FOR_STAGE]->(x:EducationStage) RETURN x.key } AS stages,
     f.until IS NULL OR f.until >= p.day AS active, f.until IS NOT NULL AND f.until <= p.day AS ended
RETURN centre, year, task, fields, stages, active, ended, count(*) AS n
