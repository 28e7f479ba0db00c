// The cooperations of a cooperation network active on $day (since <= $day and until empty or
// >= $day). Without $centre: those of the centres, and those between two organisations that
// both cooperate with a centre on the day (no other has both ends in network/read/nodes). With
// $centre: those between the nodes $ids that network/read/nodes returned in the same transaction.
CALL () {
  WITH $centre AS centre WHERE centre IS NULL
  MATCH (a:Centre)-[k:COOPERATES_WITH]->(b:Organisation)
  WHERE k.since <= $day AND (k.until IS NULL OR k.until >= $day)
  RETURN a, k, b
  UNION ALL
  WITH $centre AS centre WHERE centre IS NULL
  MATCH (a:Organisation)-[k:COOPERATES_WITH]->(b:Organisation)
  WHERE k.since <= $day AND (k.until IS NULL OR k.until >= $day)
    AND EXISTS { MATCH (a)<-[x:COOPERATES_WITH]-(:Centre) WHERE x.since <= $day AND (x.until IS NULL OR x.until >= $day) }
    AND EXISTS { MATCH (b)<-[x:COOPERATES_WITH]-(:Centre) WHERE x.since <= $day AND (x.until IS NULL OR x.until >= $day) }
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
// One row holding every cooperation, days as ISO text: a record per cooperation cost the
// driver twice the time, its own date values a third more.
WITH a, k, b
ORDER BY a.id, b.id, k.since
RETURN collect({source: a.id, target: b.id, form: k.form, since: toString(k.since), until: toString(k.until),
                fields: coalesce(k.fields, []), last_contact: toString(k.last_contact)}) AS cooperations
