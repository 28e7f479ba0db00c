// What belongs to one centre's network: its partners (cooperation or network membership),
// their people and offers, the centre's staff, posts, networks and offers.
MATCH (c:Centre {id: $centre})
CALL (c) {
  OPTIONAL MATCH (c)-[:COOPERATES_WITH]->(o:Organisation)
  RETURN collect(DISTINCT o.id) AS cooperating
}
CALL (c) {
  OPTIONAL MATCH (c)-[:COORDINATES]->(n:Network)<-[:MEMBER_OF]-(o:Organisation)
  RETURN collect(DISTINCT o.id) AS members
}
CALL (c) {
  OPTIONAL MATCH (c)-[:GRANTED_BY]->(a:Organisation)
  RETURN collect(a.id) AS authorities
}
WITH c, cooperating, members, authorities,
     [id IN cooperating + members + authorities WHERE id IS NOT NULL] AS partners
RETURN partners AS organisations,
       COLLECT { MATCH (p:Person)-[:WORKS_AT]->(x) WHERE x = c OR x.id IN partners RETURN p.id } AS persons,
       COLLECT { MATCH (c)-[:HAS_POSITION]->(p:Position) RETURN p.id } AS positions,
       COLLECT { MATCH (c)-[:COORDINATES]->(n:Network) RETURN n.id } AS networks,
       COLLECT { MATCH (x)-[:OFFERS]->(f:Offer) WHERE x = c OR x.id IN partners RETURN f.id } AS offers,
       COLLECT { MATCH (a)-[k:COOPERATES_WITH]->(b:Organisation)
                 WHERE (a = c OR a.id IN partners) AND b.id IN partners
                 RETURN [a.id, b.id, k.form] } AS cooperations,
       COLLECT { MATCH (c)-[:COORDINATES]->(n:Network)<-[:MEMBER_OF]-(o:Organisation)
                 RETURN [n.id, o.id] } AS network_members
