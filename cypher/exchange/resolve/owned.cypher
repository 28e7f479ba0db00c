// The posts, networks and offers of some centres (or organisations, for offers), for rows
// without an id: a post is matched by centre, profession, funding and order, a network by
// its name, an offer by its title.
UNWIND $owners AS owner
CALL (owner) {
  MATCH (:Centre {id: owner})-[:HAS_POSITION]->(p:Position)
  RETURN 'positions' AS kind, p.id AS id, p.profession + '|' + p.funding AS name
  UNION
  MATCH (:Centre {id: owner})-[:COORDINATES]->(n:Network)
  RETURN 'networks' AS kind, n.id AS id, n.name AS name
  UNION
  MATCH (:Centre {id: owner})-[:OFFERS]->(o:Offer)
  RETURN 'offers' AS kind, o.id AS id, o.title AS name
  UNION
  MATCH (:Organisation {id: owner})-[:OFFERS]->(o:Offer)
  RETURN 'offers' AS kind, o.id AS id, o.title AS name
}
RETURN owner, kind, id, name
ORDER BY owner, kind, id
