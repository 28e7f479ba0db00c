// What "the network of a centre" includes on $day, for who may see `internal` contact persons
// (kiz_graph/records/visibility.py, the one definition): the ids of the centres $centres
// themselves (their own staff) and of every organisation
//   - located in a region a centre serves, directly or through a municipality (the centre's
//     own records, which its staff keep),
//   - with which a centre has a cooperation active on the day (since <= day, no end or an
//     end not before the day), or
//   - that is a member, on the day, of a network the centre coordinates (neither the
//     network nor the membership ended before the day).
// Each branch starts from the centre's key, so no label is scanned.
UNWIND $centres AS centre_id
MATCH (c:Centre {id: centre_id})
CALL (c) {
  RETURN c AS n
  UNION
  MATCH (c)-[:SERVES]->(:Region)<-[:LOCATED_IN]-(n:Organisation)
  RETURN n
  UNION
  MATCH (c)-[:SERVES]->(:Region)<-[:PART_OF]-(:Municipality)<-[:LOCATED_IN]-(n:Organisation)
  RETURN n
  UNION
  MATCH (c)-[k:COOPERATES_WITH]->(n:Organisation)
  WHERE k.since <= $day AND (k.until IS NULL OR k.until >= $day)
  RETURN n
  UNION
  MATCH (c)-[:COORDINATES]->(network:Network)<-[m:MEMBER_OF]-(n:Organisation)
  WHERE (network.until IS NULL OR network.until >= $day)
    AND (m.since IS NULL OR m.since <= $day) AND (m.until IS NULL OR m.until >= $day)
  RETURN n
}
RETURN collect(DISTINCT n.id) AS ids
