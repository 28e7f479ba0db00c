// Networks, Arbeitskreise and Runde Tische that a centre coordinates.
UNWIND $rows AS row
MATCH (c:Centre {id: row.centre_id})
MERGE (n:Network {id: row.id})
SET n.name = row.name, n.topic = row.topic, n.until = row.until
WITH c, n
CALL (c, n) {
  OPTIONAL MATCH (other:Centre)-[old:COORDINATES]->(n)
  WHERE other <> c
  DELETE old
}
MERGE (c)-[:COORDINATES]->(n)
