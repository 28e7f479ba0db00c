// Indicators of every centre as of a day, in one statement: organisations it actively
// cooperates with (their types, one entry per organisation), active cooperations, the
// active ones without contact since $stale_before (or none recorded), and the core
// fields and stages covered by its offers current on the day.
MATCH (c:Centre)-[:SERVES]->(r:Region)
CALL (c) {
  OPTIONAL MATCH (c)-[k:COOPERATES_WITH]->(o:Organisation)
  WHERE k.since <= $day AND (k.until IS NULL OR k.until >= $day)
  RETURN count(k) AS active_cooperations,
         count(CASE WHEN k.last_contact IS NULL OR k.last_contact < $stale_before THEN k END)
           AS stale_contacts,
         [x IN collect(DISTINCT o) | x.type] AS partner_types
}
RETURN c.id AS centre, c.name AS name, r.ags AS region, r.name AS region_name, r.district AS district,
       partner_types, active_cooperations, stale_contacts,
       size(COLLECT { MATCH (c)-[:OFFERS]->(f:Offer)-[:IN_FIELD]->(x:FieldOfAction)
                      WHERE x.key IN $core_fields AND (f.until IS NULL OR f.until >= $day)
                      RETURN DISTINCT x.key }) AS core_fields,
       size(COLLECT { MATCH (c)-[:OFFERS]->(f:Offer)-[:FOR_STAGE]->(x:EducationStage)
                      WHERE x.key IN $stages AND (f.until IS NULL OR f.until >= $day)
                      RETURN DISTINCT x.key }) AS stages
ORDER BY centre
