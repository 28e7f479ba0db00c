// The centres a record belongs to, from the ids it names: a centre itself, the centres
// serving an organisation's region, the centre coordinating a network.
UNWIND $ids AS id
CALL (id) {
  MATCH (c:Centre {id: id})
  RETURN c
  UNION
  MATCH (:Organisation {id: id})-[:LOCATED_IN]->()-[:PART_OF*0..1]->(:Region)<-[:SERVES]-(c:Centre)
  RETURN c
  UNION
  MATCH (c:Centre)-[:COORDINATES]->(:Network {id: id})
  RETURN c
  UNION
  MATCH (:Region {ags: id})<-[:SERVES]-(c:Centre)
  RETURN c
}
RETURN collect(DISTINCT c.id) AS centres
