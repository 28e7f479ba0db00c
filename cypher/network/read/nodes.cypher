// The nodes of a cooperation network as of $day. Without $centre: the state's centre networks,
// every centre and every organisation that actively cooperates with a centre on the day (the
// others are in no centre's network, and the statewide analysis would only carry them). With
// $centre: that centre, its partners (active cooperations on the day),
// their partners (centres and organisations), and the organisations of the centre's
// region, who are the candidates for link suggestions. `ended`: the organisation no longer
// exists on the day (its cooperations still count where active, as in the check, but it is
// never suggested). Only in a centre's scope, `degree`: the number of distinct partners on the
// day in the whole state, so that the proximity measures of link suggestions do not depend on
// the scope. Run in the same transaction as network/read/edges.
// Only in a centre's scope, `drawn`: what its network page draws, `fields`, `stages` and
// `contact`, at most one person who works there now and whose consent is 'public'; persons with
// consent 'internal' or 'none' never leave the database through this query.
CALL () {
  WITH $centre AS centre WHERE centre IS NULL  // first, so a centre's analysis scans nothing
  MATCH (n:Centre)
  RETURN n
  UNION ALL
  WITH $centre AS centre WHERE centre IS NULL
  MATCH (:Centre)-[k:COOPERATES_WITH]->(n:Organisation)
  WHERE k.since <= $day AND (k.until IS NULL OR k.until >= $day)
  RETURN DISTINCT n
  UNION ALL
  MATCH (c:Centre {id: $centre})
  CALL (c) {
    RETURN c AS n
    UNION
    MATCH (c)-[k:COOPERATES_WITH]->(n:Organisation)
    WHERE k.since <= $day AND (k.until IS NULL OR k.until >= $day)
    RETURN n
    UNION
    MATCH (c)-[k:COOPERATES_WITH]->(:Organisation)-[j:COOPERATES_WITH]-(n)
    WHERE k.since <= $day AND (k.until IS NULL OR k.until >= $day)
      AND j.since <= $day AND (j.until IS NULL OR j.until >= $day)
    RETURN n
    UNION
    MATCH (c)-[:SERVES]->(r:Region)<-[:LOCATED_IN]-(n:Organisation)
    RETURN n
    UNION
    MATCH (c)-[:SERVES]->(:Region)<-[:PART_OF]-(:Municipality)<-[:LOCATED_IN]-(n:Organisation)
    RETURN n
  }
  RETURN n
}
WITH n,
     CASE WHEN n:Centre THEN COLLECT { MATCH (n)-[:SERVES]->(r:Region) RETURN r LIMIT 1 }[0]
          ELSE COLLECT { MATCH (n)-[:LOCATED_IN]->(place) RETURN place LIMIT 1 }[0] END AS place
WITH n, place,
     CASE WHEN place:Region THEN place
          ELSE COLLECT { MATCH (place)-[:PART_OF]->(r:Region) RETURN r LIMIT 1 }[0] END AS region
// One row holding every node: a record per node cost the driver twice the time.
WITH n, place, region
ORDER BY n.id
RETURN collect({
       id: n.id, name: n.name, type: CASE WHEN n:Centre THEN 'Centre' ELSE n.type END,
       place: place.name, municipality: CASE WHEN place:Municipality THEN place.ags END,
       region: region.ags, region_name: region.name,
       ended: n:Organisation AND n.until IS NOT NULL AND n.until < $day,
       degree: CASE WHEN $centre IS NOT NULL THEN COUNT {
         MATCH (n)-[k:COOPERATES_WITH]-(x)
         WHERE k.since <= $day AND (k.until IS NULL OR k.until >= $day) AND x <> n
         RETURN DISTINCT x
       } END,
       drawn: CASE WHEN $centre IS NOT NULL THEN {
         fields: COLLECT { MATCH (n)-[:IN_FIELD]->(f:FieldOfAction) RETURN f.key ORDER BY f.key },
         stages: COLLECT { MATCH (n)-[:FOR_STAGE]->(s:EducationStage) RETURN s.key ORDER BY s.position },
         contact: COLLECT {
           MATCH (p:Person)-[w:WORKS_AT]->(n)
           WHERE p.consent = 'public' AND (p.until IS NULL OR p.until >= $day)
           RETURN {id: p.id, name: p.name, function: w.function, email: p.email} ORDER BY p.name, p.id LIMIT 1
         }[0]
       } END
     }) AS nodes
