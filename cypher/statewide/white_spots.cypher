// White spots: for each of $types, the regions where no organisation of that type is
// recorded (located in the region or one of its municipalities, not ended before $day).
// Types missing nowhere return no row.
MATCH (r:Region)
WITH r, COLLECT {
  MATCH (o:Organisation)-[:LOCATED_IN]->()-[:PART_OF*0..1]->(r)
  WHERE o.type IN $types AND (o.until IS NULL OR o.until >= $day)
  RETURN DISTINCT o.type
} AS present
UNWIND $types AS type
WITH type, r, present
WHERE NOT type IN present
WITH type, r ORDER BY r.ags
RETURN type, collect({ags: r.ags, name: r.name, district: r.district}) AS regions
