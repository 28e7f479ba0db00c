// The 54 centres and the region each serves. Known facts from the seeds fill gaps only,
// so seeding again never overwrites what a centre recorded since. A new centre is granted
// by the authority the concept paper names for all of them.
UNWIND $rows AS row
MATCH (r:Region {ags: row.region})
MERGE (c:Centre {id: row.id})
WITH c, r, row, c.name IS NULL AS is_new
SET c.name = row.name, c.source = row.source,
    c.opened_on = coalesce(c.opened_on, row.opened_on),
    c.raa_predecessor = coalesce(c.raa_predecessor, row.raa_predecessor),
    c.raa_integrated_on = coalesce(c.raa_integrated_on, row.raa_integrated_on)
MERGE (c)-[:SERVES]->(r)
WITH c, is_new
CALL (c, is_new) {
  MATCH (a:Authority {id: $authority})
  WITH c, a WHERE is_new
  MERGE (c)-[:GRANTED_BY]->(a)
}
