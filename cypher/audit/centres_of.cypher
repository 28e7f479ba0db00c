// The centres each id leads to: a centre itself, the centres serving an organisation's
// region, the centre coordinating a network, the centres serving a region.
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
RETURN id, collect(DISTINCT c.id) AS centres
