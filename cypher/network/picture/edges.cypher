// The cooperations of a centre's network page active on $day (since <= $day and until empty
// or >= $day): those of the centre with the organisations in $partners, and those among
// these organisations. Run in the same transaction as network_view/nodes, whose partner
// ids make $partners, so nodes and edges come from one state of the database.
MATCH (c:Centre {id: $centre})
CALL (c) {
  MATCH (c)-[k:COOPERATES_WITH]->(o:Organisation)
  WHERE o.id IN $partners AND k.since <= $day AND (k.until IS NULL OR k.until >= $day)
  RETURN c.id AS source, o.id AS target, k
  UNION ALL
  MATCH (a:Organisation)-[k:COOPERATES_WITH]->(b:Organisation)
  WHERE a.id IN $partners AND b.id IN $partners AND k.since <= $day AND (k.until IS NULL OR k.until >= $day)
  RETURN a.id AS source, b.id AS target, k
}
RETURN source, target, k.form AS form, k.since AS since, k.until AS until, coalesce(k.fields, []) AS fields
ORDER BY source, target, since
