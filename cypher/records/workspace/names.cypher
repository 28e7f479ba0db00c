// Display names for ids of centres, organisations, persons and networks.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Organisation {id: id}) RETURN n.name AS name
  UNION
  MATCH (n:Centre {id: id}) RETURN n.name AS name
  UNION
  MATCH (n:Person {id: id}) RETURN n.name AS name
  UNION
  MATCH (n:Network {id: id}) RETURN n.name AS name
}
RETURN id, name
