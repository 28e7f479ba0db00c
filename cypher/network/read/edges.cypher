// The cooperations of a cooperation network active on $day (since <= $day and until empty or
// >= $day). Without $centre: all of them. With $centre: those between the nodes $ids that
// network/read/nodes returned in the same transaction.
CALL () {
  WITH $centre AS centre WHERE centre IS NULL
  MATCH (a)-[k:COOPERATES_WITH]->(b:Organisation)
  WHERE k.since <= $day AND (k.until IS NULL OR k.until >= $day)
  RETURN a, k, b
  UNION ALL
  WITH $centre AS centre WHERE centre IS NOT NULL
  MATCH (a:Organisation)-[k:COOPERATES_WITH]->(b:Organisation)
  WHERE a.id IN $ids AND b.id IN $ids AND k.since <= $day AND (k.until IS NULL OR k.until >= $day)
  RETURN a, k, b
  UNION ALL
  WITH $centre AS centre WHERE centre IS NOT NULL
  MATCH (a:Centre)-[k:COOPERATES_WITH]->(b:Organisation)
  WHERE a.id IN $ids AND b.id IN $ids AND k.since <= $day AND (k.until IS NULL OR k.until >= $day)
  RETURN a, k, b
}
RETURN a.id AS source, b.id AS target, k.form AS form, k.since AS since, k.until AS until,
       coalesce(k.fields, []) AS fields, k.last_contact AS last_contact
ORDER BY source, target, since
